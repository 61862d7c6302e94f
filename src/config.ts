// The only reader of process.env: everything else receives a validated Config.
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';

/** The sample regional action plan shipped in the repository (config/regional-plan.sample.json). */
export const SAMPLE_REGIONAL_PLAN_FILE = fileURLToPath(new URL('../config/regional-plan.sample.json', import.meta.url));
/** The sample region file (config/region.sample.yaml): the Agents Playground's user and a local Slack user are kansli. */
export const SAMPLE_REGION_FILE = fileURLToPath(new URL('../config/region.sample.yaml', import.meta.url));

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A switch that is on unless set to false (or 0). */
const onByDefault = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .default('true')
  .transform((value) => value === 'true' || value === '1');

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
  // How long start-up keeps retrying a database that does not answer (growing intervals); 0 tries once.
  DATABASE_START_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected seconds 0–3600' })
    .int('expected whole seconds 0–3600')
    .min(0, 'expected seconds 0–3600')
    .max(3600, 'expected seconds 0–3600')
    .default(60),
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
  // OAuth installs in several workspaces or an Enterprise Grid org (src/adapters/slack/oauth.ts): both set,
  // or neither (one workspace with SLACK_BOT_TOKEN).
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  // Encrypts the installations' tokens in the database (AES-256-GCM); the same on every instance.
  SLACK_INSTALLATION_KEY: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
  // Signs the OAuth state parameter; unset: derived from SLACK_INSTALLATION_KEY.
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
  SLACK_API_URL: z
    .url({ message: 'expected an http(s) URL ending in /api/' })
    .regex(/^https?:\/\/.+\/$/, 'expected an http(s) URL ending in /')
    .default('https://slack.com/api/'),
  BOT_LOCALE: z.enum(['sv', 'en'], { message: 'expected sv or en' }).default('sv'),
  BOT_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Europe/Stockholm')
    .default('Europe/Stockholm'),
  // The regional action plan (fokusområden and mål), JSON or YAML; activities are validated against it.
  REGIONAL_PLAN_FILE: z.string().trim().min(1, 'expected a path to a JSON or YAML file').default(SAMPLE_REGIONAL_PLAN_FILE),
  // The operator's region file: the region's tenants, the kansli people and the kansli channels (the only source of kansli rights).
  REGION_FILE: z.string().trim().min(1, 'expected a path to a JSON or YAML file').default(SAMPLE_REGION_FILE),
  // Above this many activities the chair is reminded to focus on fewer activities (the guidance).
  PLAN_ACTIVITY_LIMIT: z.coerce
    .number({ message: 'expected a whole number 1–100' })
    .int('expected a whole number 1–100')
    .min(1, 'expected a whole number 1–100')
    .max(100, 'expected a whole number 1–100')
    .default(8),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  // The scheduler posts the standing item and reminders and drains the outbox (src/scheduler/).
  SCHEDULER_ENABLED: onByDefault,
  SCHEDULER_CRON: z
    .string()
    .trim()
    .refine((value) => isCronExpression(value), 'expected a cron expression such as "* * * * *" (every minute)')
    .default('* * * * *'),
  // Names this instance in outbox leases; instances sharing one database need different ids.
  INSTANCE_ID: optionalText,
  // Teams: short forms open in a dialog (task module) from their channel card. Off: they open inline in the
  // card as before, for clients without dialogs (the Agents Playground: `npm run playground` turns it off).
  TEAMS_DIALOGS: onByDefault,
  // Minimum time between two posts to one Teams conversation (Slack: fixed 1.1 s per channel).
  TEAMS_PACING_MS: z.coerce
    .number({ message: 'expected milliseconds 0–60000' })
    .int('expected whole milliseconds 0–60000')
    .min(0, 'expected milliseconds 0–60000')
    .max(60_000, 'expected milliseconds 0–60000')
    .default(500),
  // The address people's browsers reach the bot at; download links on cards (calendar export) start with it.
  PUBLIC_BASE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://samverkansbot.example.se' })
      .refine((value) => !/[?#]/.test(value), 'expected a URL without ? query or # fragment')
      .optional(),
  ),
  // Signs download links. Unset: a random secret per process, so links stop working after a restart.
  EXPORT_LINK_SECRET: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
  // GET /metrics (Prometheus) on a port of its own, bound to METRICS_HOST; unset: no metrics listener.
  METRICS_PORT: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ message: 'expected a port number 0–65535' })
      .int('expected a whole port number 0–65535')
      .min(0, 'expected a port number 0–65535')
      .max(65535, 'expected a port number 0–65535')
      .optional(),
  ),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  // Bearer token for /metrics: with it /metrics is served on the main port too, and every scrape must carry it.
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'expected at least 16 characters').optional()),
  // SIGTERM/SIGINT: how long in-flight requests and the current outbox send may take before the process exits anyway.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'expected seconds 1–120' })
    .int('expected whole seconds 1–120')
    .min(1, 'expected seconds 1–120')
    .max(120, 'expected seconds 1–120')
    .default(20),
  // How long a closed assignment's free text stays in the live database before the scheduler archives it.
  RETENTION_MONTHS: z.coerce
    .number({ message: 'expected a whole number of months 1–600' })
    .int('expected a whole number of months 1–600')
    .min(1, 'expected a whole number of months 1–600')
    .max(600, 'expected a whole number of months 1–600')
    .default(36),
  // E-mail to kansliet (decided plans and accepted final reports with the document attached). Off while
  // SMTP_HOST is unset. SMTP_TLS: starttls (port 587; the server must offer STARTTLS), tls (port 465,
  // TLS from the first byte) or none (plain text: only for a relay on this machine or a trusted network).
  SMTP_HOST: optionalText,
  SMTP_PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'expected a port number 1–65535')
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, 'expected a port number 1–65535')
      .optional(),
  ),
  SMTP_TLS: z.enum(['starttls', 'tls', 'none'], { message: 'expected starttls, tls or none' }).default('starttls'),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: optionalText.pipe(z.email({ message: 'expected the sender\'s e-mail address, e.g. samverkansbot@region.se' }).optional()),
});

/** The SMTP server e-mail to kansliet goes through; null = e-mail off. */
export interface MailConfig {
  host: string;
  port: number;
  tls: 'starttls' | 'tls' | 'none';
  auth: { user: string; password: string } | null;
  from: string;
}

const SMTP_DEFAULT_PORTS: Record<MailConfig['tls'], number> = { starttls: 587, tls: 465, none: 25 };
/** Every environment variable the bot reads (the Dockerfile and compose.yaml are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

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
  /** INSTANCE_ID, else host name and process id. */
  instanceId: string;
  /** oauth: installs through /slack/install with a token per workspace or org, instead of one SLACK_BOT_TOKEN. */
  slack: { mode: 'socket' | 'http' | 'off'; oauth: boolean };
  /** PUBLIC_BASE_URL without trailing slash, else http://HOST:PORT. */
  publicBaseUrl: string;
  /** SMTP_*: null while SMTP_HOST is unset (no e-mail). */
  mail: MailConfig | null;
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
  // Local mode accepts unauthenticated Bot Framework traffic: only ever from this machine.
  if (!config.MICROSOFT_APP_ID && !isLoopbackHost(config.HOST)) {
    throw new ConfigError(
      `Invalid HOST: without MICROSOFT_APP_ID (local mode, unauthenticated) the bot listens on loopback only (127.0.0.1, ::1, localhost) (got "${config.HOST}")`,
    );
  }
  // Metrics name no person, but they tell how busy each region is: off loopback only with a token.
  if (config.METRICS_PORT !== undefined && !isLoopbackHost(config.METRICS_HOST) && !config.METRICS_TOKEN) {
    throw new ConfigError(`Invalid METRICS_TOKEN: required when METRICS_HOST is not loopback (got METRICS_HOST "${config.METRICS_HOST}")`);
  }
  // With a real Azure Bot the cards go to people's browsers: a link to 127.0.0.1 would open nothing.
  if (config.MICROSOFT_APP_ID && !config.PUBLIC_BASE_URL) {
    throw new ConfigError(
      `Invalid PUBLIC_BASE_URL: required when MICROSOFT_APP_ID is set, otherwise download links on cards would point at ${config.HOST}:${config.PORT} (set the address people's browsers reach the bot at, e.g. https://samverkansbot.example.se)`,
    );
  }
  // Several instances on one database would each sign links with their own random secret.
  if (!config.EXPORT_LINK_SECRET && config.DATABASE_URL?.startsWith('postgres')) {
    throw new ConfigError('Invalid EXPORT_LINK_SECRET: required with PostgreSQL (at least 32 characters, the same on every instance)');
  }
  const oauth = slackOauth(config);
  const slackMode = config.SLACK_APP_TOKEN ? 'socket' : oauth || config.SLACK_BOT_TOKEN || config.SLACK_SIGNING_SECRET ? 'http' : 'off';
  if (slackMode !== 'off' && !oauth && !config.SLACK_BOT_TOKEN) {
    throw new ConfigError('Invalid SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs)');
  }
  if (slackMode === 'http' && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      oauth
        ? 'Invalid SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID (OAuth installs)'
        : 'Invalid SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN',
    );
  }
  return {
    ...config,
    teams: { localMode: !config.MICROSOFT_APP_ID },
    slack: { mode: slackMode, oauth },
    instanceId: config.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    publicBaseUrl: (config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, ''),
    mail: mailConfig(config),
  };
}

/** SMTP_*: a host needs a sender; a user needs a password and the other way round. Settings without a host are refused, not ignored. */
function mailConfig(config: z.infer<typeof schema>): MailConfig | null {
  if (!config.SMTP_HOST) {
    const stray = (['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'] as const).find((name) => config[name] !== undefined);
    if (stray) throw new ConfigError(`Invalid ${stray}: only used with SMTP_HOST (set SMTP_HOST to send e-mail to kansliet)`);
    return null;
  }
  if (!config.SMTP_FROM) throw new ConfigError('Invalid SMTP_FROM: required when SMTP_HOST is set (the sender\'s e-mail address)');
  if (config.SMTP_USER && !config.SMTP_PASSWORD) throw new ConfigError('Invalid SMTP_PASSWORD: required when SMTP_USER is set');
  if (config.SMTP_PASSWORD && !config.SMTP_USER) throw new ConfigError('Invalid SMTP_USER: required when SMTP_PASSWORD is set');
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT ?? SMTP_DEFAULT_PORTS[config.SMTP_TLS],
    tls: config.SMTP_TLS,
    auth: config.SMTP_USER && config.SMTP_PASSWORD ? { user: config.SMTP_USER, password: config.SMTP_PASSWORD } : null,
    from: config.SMTP_FROM,
  };
}

/**
 * OAuth mode: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET. Each workspace's token then comes from its install,
 * so a fixed SLACK_BOT_TOKEN or a Socket Mode connection (one workspace, no install pages) cannot be mixed in.
 */
function slackOauth(config: z.infer<typeof schema>): boolean {
  const oauth = Boolean(config.SLACK_CLIENT_ID || config.SLACK_CLIENT_SECRET);
  if (!oauth) {
    if (config.SLACK_INSTALLATION_KEY) throw new ConfigError('Invalid SLACK_INSTALLATION_KEY: only used with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth installs)');
    if (config.SLACK_STATE_SECRET) throw new ConfigError('Invalid SLACK_STATE_SECRET: only used with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth installs)');
    return false;
  }
  if (!config.SLACK_CLIENT_ID) throw new ConfigError('Invalid SLACK_CLIENT_ID: required when SLACK_CLIENT_SECRET is set');
  if (!config.SLACK_CLIENT_SECRET) throw new ConfigError('Invalid SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set');
  if (config.SLACK_BOT_TOKEN) {
    throw new ConfigError('Invalid SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID (OAuth installs: each workspace\'s token comes from its install)');
  }
  if (config.SLACK_APP_TOKEN) {
    throw new ConfigError('Invalid SLACK_APP_TOKEN: Socket Mode is for one workspace with SLACK_BOT_TOKEN; leave it unset with SLACK_CLIENT_ID (OAuth installs use /slack/install over HTTP)');
  }
  if (!config.SLACK_INSTALLATION_KEY) {
    throw new ConfigError('Invalid SLACK_INSTALLATION_KEY: required with SLACK_CLIENT_ID (at least 32 characters, the same on every instance; it encrypts the stored tokens)');
  }
  return true;
}

/** What `npm run package:teams` and `package:slack` need: the bot's app id and public address. */
export interface PackagingConfig {
  /** The Azure Bot's MICROSOFT_APP_ID (a GUID); required for the Teams package only. */
  appId: string | undefined;
  /** PUBLIC_BASE_URL without trailing slash: Teams' valid domain and Slack's request URLs. */
  publicBaseUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The app packages are built on an operator's machine, without the bot's secrets: only MICROSOFT_APP_ID and
 * PUBLIC_BASE_URL are read. Teams and Slack reach the bot over HTTPS only, so the address must be https.
 */
export function loadPackagingConfig(target: 'teams' | 'slack', env: NodeJS.ProcessEnv = process.env): PackagingConfig {
  const parsed = schema.pick({ MICROSOFT_APP_ID: true, PUBLIC_BASE_URL: true }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid ${name}: ${issue.message}${env[name] === undefined ? '' : ` (got "${env[name]}")`}`);
  }
  const { MICROSOFT_APP_ID: appId, PUBLIC_BASE_URL: url } = parsed.data;
  if (target === 'teams' && !appId) throw new ConfigError('Invalid MICROSOFT_APP_ID: required for the Teams app package (the Azure Bot\'s app id, a GUID)');
  if (target === 'teams' && !GUID.test(appId!)) throw new ConfigError(`Invalid MICROSOFT_APP_ID: expected a GUID such as 6f1c2b9e-0000-4000-8000-000000000000 (got "${appId}")`);
  if (!url) throw new ConfigError(`Invalid PUBLIC_BASE_URL: required for the ${target === 'teams' ? 'Teams app package' : 'Slack manifest'} (the https address Teams and Slack reach the bot at)`);
  if (!url.startsWith('https://')) throw new ConfigError(`Invalid PUBLIC_BASE_URL: ${target === 'teams' ? 'Teams' : 'Slack'} reaches the bot over https only (got "${url}")`);
  return { appId, publicBaseUrl: url.replace(/\/+$/, '') };
}

/** 127.0.0.0/8, ::1 and localhost: addresses nothing outside this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || bare === '::ffff:127.0.0.1' || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

function redact(name: string, value: string): string {
  return /TOKEN|PASSWORD|SECRET|KEY|DATABASE_URL/.test(name) ? '***' : value;
}
