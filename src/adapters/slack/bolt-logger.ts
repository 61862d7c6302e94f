// Bolt and its Web API client log through this: pino underneath, one JSON log stream for the whole app.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const PINO_TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt and its Web API client write request and response bodies into their messages, at debug level
 * ("http request body: {…}", "http request result: {…}", the whole incoming payload as JSON): people's
 * names, what they typed, signed links. Everything from the first { or [ on is dropped, so only the
 * message's own words remain ("http request body:"), and link signatures and OAuth states and codes are
 * masked wherever they are.
 */
export function withoutBodies(message: string): string {
  const start = message.search(/[[{]/);
  const kept = start === -1 ? message : `${message.slice(0, start)}[body omitted]`;
  // The OAuth state and code in the install URLs Bolt logs at debug level work once and briefly, but are secrets meanwhile.
  return kept.replace(/signature=[^&\s"']*/g, 'signature=[redacted]').replace(/([?&](?:state|code)=)[^&\s"']*/g, '$1[redacted]');
}

export function boltLogger(logger: Logger): BoltLogger {
  let level = PINO_TO_BOLT[logger.level] ?? LogLevel.INFO;
  // Bolt passes free-form arguments; they go into `msg` only (payload objects are never logged as fields).
  const line = (parts: unknown[]) =>
    withoutBodies(parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts)),
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
