// The only reader of process.env: everything else receives a validated Config.
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z.object({
  // 0 asks the operating system for a free port (tests, several local instances).
  PORT: z.coerce
    .number({ message: 'expected a port number 0–65535' })
    .int('expected a whole port number 0–65535')
    .min(0, 'expected a port number 0–65535')
    .max(65535, 'expected a port number 0–65535')
    .default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'expected file:<path>, postgres://… or postgresql://…')
      .optional(),
  ),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      message: 'expected MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional()),
  SLACK_API_URL: z
    .url({ message: 'expected an http(s) URL ending in /api/' })
    .regex(/^https?:\/\/.+\/$/, 'expected an http(s) URL ending in /')
    .default('https://slack.com/api/'),
  BOT_LOCALE: z.enum(['sv', 'en'], { message: 'expected sv or en' }).default('sv'),
  BOT_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Europe/Stockholm')
    .default('Europe/Stockholm'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof schema> & {
  teams: { localMode: boolean };
  slack: { mode: 'socket' | 'http' | 'off' };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment; the first problem becomes one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const shown = env[name] === undefined ? '' : ` (got "${redact(name, env[name]!)}")`;
    throw new ConfigError(`Invalid ${name}: ${issue.message}${shown}`);
  }
  const config = parsed.data;
  if (config.MICROSOFT_APP_ID && !config.MICROSOFT_APP_PASSWORD && config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
  }
  if (config.MICROSOFT_APP_TYPE === 'SingleTenant' && config.MICROSOFT_APP_ID && !config.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError('Invalid MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant');
  }
  const slackMode = config.SLACK_APP_TOKEN ? 'socket' : config.SLACK_BOT_TOKEN || config.SLACK_SIGNING_SECRET ? 'http' : 'off';
  if (slackMode !== 'off' && !config.SLACK_BOT_TOKEN) {
    throw new ConfigError('Invalid SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if (slackMode === 'http' && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('Invalid SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN');
  }
  return { ...config, teams: { localMode: !config.MICROSOFT_APP_ID }, slack: { mode: slackMode } };
}

function redact(name: string, value: string): string {
  return /TOKEN|PASSWORD|SECRET|DATABASE_URL/.test(name) ? '***' : value;
}
