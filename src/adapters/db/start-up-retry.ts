// A database that is not up yet (a container starting next to the bot, a failover) must not turn start-up
// into a crash loop: connection-level failures are retried with a growing interval for a bounded time,
// one line per attempt; anything else (wrong password, unknown database, a bad migration) fails at once.

/** Node and PostgreSQL error codes that mean "nobody answered yet", not "the answer was no". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  // cannot_connect_now: the server is starting up or in recovery.
  '57P03',
]);

export function isUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.some(isUnreachable)) return true;
  // pg's own connect timeout and a server that hangs up during the handshake carry no code.
  return typeof message === 'string' && /timeout expired|Connection terminated/i.test(message);
}

/** One line of an error; Node's AggregateError (IPv4 + IPv6 tried) has an empty message of its own. */
export function errorLine(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(errorLine).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}

export interface RetryOptions {
  /** Total time to keep trying; 0 tries once. */
  timeoutMs: number;
  /** First wait; each next wait doubles, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each failed attempt that will be retried. */
  onRetry(attempt: number, delayMs: number, error: unknown): void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Runs `work` until it succeeds, fails for another reason than an unreachable database, or time is up. */
export async function retryWhileUnreachable<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const left = deadline - now();
      if (left <= 0) {
        throw new DatabaseUnreachableError(errorLine(error), attempt, { cause: error });
      }
      const wait = Math.min(delay, left);
      options.onRetry(attempt, wait, error);
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 8_000);
    }
  }
}
