import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** A complete OAuth configuration; each bad-combination case below changes one thing. */
const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.0987654321',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_SIGNING_SECRET: 'signing-secret',
  SLACK_INSTALLATION_KEY: 'a-key-of-at-least-thirty-two-characters',
};

describe('loadConfig', () => {
  it('turns on OAuth installs over HTTP with a client id and secret, and keeps one-token modes without', () => {
    expect(loadConfig(OAUTH).slack).toEqual({ mode: 'http', oauth: true });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ mode: 'http', oauth: false });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({ mode: 'socket', oauth: false });
  });

  it('has working defaults for local mode on SQLite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      HOST: '127.0.0.1',
      BOT_LOCALE: 'sv',
      BOT_TIMEZONE: 'Europe/Stockholm',
      LOG_LEVEL: 'info',
      SLACK_API_URL: 'https://slack.com/api/',
      teams: { localMode: true },
      slack: { mode: 'off', oauth: false },
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('leaves e-mail off without SMTP_HOST, and picks the port from the TLS mode', () => {
    expect(loadConfig({}).mail).toBeNull();
    const from = 'samverkansbot@region.se';
    expect(loadConfig({ SMTP_HOST: 'smtp.region.se', SMTP_FROM: from }).mail).toEqual({ host: 'smtp.region.se', port: 587, tls: 'starttls', auth: null, from });
    expect(loadConfig({ SMTP_HOST: 'smtp.region.se', SMTP_FROM: from, SMTP_TLS: 'tls' }).mail?.port).toBe(465);
    expect(loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_FROM: from, SMTP_TLS: 'none', SMTP_PORT: '2525', SMTP_USER: 'bot', SMTP_PASSWORD: 'hemligt' }).mail).toEqual({
      host: '127.0.0.1',
      port: 2525,
      tls: 'none',
      auth: { user: 'bot', password: 'hemligt' },
      from,
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', SLACK_BOT_TOKEN: '  ' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.slack.mode).toBe('off');
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid PORT: expected a port number 0–65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid PORT: expected a port number 0–65535/],
    [{ BOT_LOCALE: 'de' }, /^Invalid BOT_LOCALE: expected sv or en \(got "de"\)$/],
    [{ BOT_TIMEZONE: 'Europe/Stockhlm' }, /^Invalid BOT_TIMEZONE: expected an IANA time zone such as Europe\/Stockholm/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid LOG_LEVEL: expected fatal, error/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL: expected file:<path>, postgres:\/\/… or postgresql:\/\/… \(got "\*\*\*"\)$/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, /^Invalid SLACK_BOT_TOKEN: expected a bot token starting with xoxb- \(got "\*\*\*"\)$/],
    [{ SLACK_APP_TOKEN: 'xoxb-1' }, /^Invalid SLACK_APP_TOKEN: expected an app-level token starting with xapp-/],
    [{ SLACK_API_URL: 'not a url' }, /^Invalid SLACK_API_URL:/],
    [{ MICROSOFT_APP_TYPE: 'Single' }, /^Invalid MICROSOFT_APP_TYPE: expected MultiTenant, SingleTenant or UserAssignedMSI/],
    [{ MICROSOFT_APP_ID: 'abc' }, /^Invalid MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set$/],
    [
      { MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' },
      /^Invalid MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant$/,
    ],
    [{ SLACK_SIGNING_SECRET: 's' }, /^Invalid SLACK_BOT_TOKEN: required when/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^Invalid SLACK_SIGNING_SECRET: required when/],
    // OAuth installs (several workspaces, Enterprise Grid): each bad combination names its variable.
    [{ ...OAUTH, SLACK_CLIENT_ID: '' }, /^Invalid SLACK_CLIENT_ID: required when SLACK_CLIENT_SECRET is set$/],
    [{ ...OAUTH, SLACK_CLIENT_SECRET: '' }, /^Invalid SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set$/],
    [{ ...OAUTH, SLACK_INSTALLATION_KEY: '' }, /^Invalid SLACK_INSTALLATION_KEY: required with SLACK_CLIENT_ID/],
    [{ ...OAUTH, SLACK_INSTALLATION_KEY: 'short' }, /^Invalid SLACK_INSTALLATION_KEY: expected at least 32 characters \(got "\*\*\*"\)$/],
    [{ ...OAUTH, SLACK_STATE_SECRET: 'short' }, /^Invalid SLACK_STATE_SECRET: expected at least 32 characters \(got "\*\*\*"\)$/],
    [{ ...OAUTH, SLACK_SIGNING_SECRET: '' }, /^Invalid SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID/],
    [{ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' }, /^Invalid SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID/],
    [{ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' }, /^Invalid SLACK_APP_TOKEN: Socket Mode is for one workspace/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_INSTALLATION_KEY: OAUTH.SLACK_INSTALLATION_KEY }, /^Invalid SLACK_INSTALLATION_KEY: only used with SLACK_CLIENT_ID/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_STATE_SECRET: OAUTH.SLACK_INSTALLATION_KEY }, /^Invalid SLACK_STATE_SECRET: only used with SLACK_CLIENT_ID/],
    // E-mail to kansliet (SMTP_*): a host needs a sender; user and password go together; nothing without a host.
    [{ SMTP_HOST: 'smtp.region.se' }, /^Invalid SMTP_FROM: required when SMTP_HOST is set/],
    [{ SMTP_HOST: 'smtp.region.se', SMTP_FROM: 'inte en adress' }, /^Invalid SMTP_FROM: expected the sender's e-mail address/],
    [{ SMTP_HOST: 'smtp.region.se', SMTP_FROM: 'bot@region.se', SMTP_PORT: '99999' }, /^Invalid SMTP_PORT: expected a port number 1–65535 \(got "99999"\)$/],
    [{ SMTP_HOST: 'smtp.region.se', SMTP_FROM: 'bot@region.se', SMTP_TLS: 'ssl' }, /^Invalid SMTP_TLS: expected starttls, tls or none \(got "ssl"\)$/],
    [{ SMTP_HOST: 'smtp.region.se', SMTP_FROM: 'bot@region.se', SMTP_USER: 'bot' }, /^Invalid SMTP_PASSWORD: required when SMTP_USER is set$/],
    [{ SMTP_HOST: 'smtp.region.se', SMTP_FROM: 'bot@region.se', SMTP_PASSWORD: 'hemligt' }, /^Invalid SMTP_USER: required when SMTP_PASSWORD is set$/],
    [{ SMTP_FROM: 'bot@region.se' }, /^Invalid SMTP_FROM: only used with SMTP_HOST/],
  ])('%o stops start-up with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-very-secret' })).toThrow(/\*\*\*/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-very-secret' })).not.toThrow(/very-secret/);
  });

  it('chooses Slack HTTP mode with token and signing secret, Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('builds download links on PUBLIC_BASE_URL, by default http://HOST:PORT, without a trailing slash', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://127.0.0.1:3978');
    const teamsApp = { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'x' };
    expect(loadConfig({ ...teamsApp, HOST: '0.0.0.0', PORT: '8080', PUBLIC_BASE_URL: 'https://bot.example.se' }).publicBaseUrl).toBe('https://bot.example.se');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://samverkansbot.example.se/bot/' }).publicBaseUrl).toBe('https://samverkansbot.example.se/bot');
    expect(loadConfig({ PUBLIC_BASE_URL: '  ' }).publicBaseUrl).toBe('http://127.0.0.1:3978');
  });

  it.each([
    [{ PUBLIC_BASE_URL: 'samverkansbot.example.se' }, /^Invalid PUBLIC_BASE_URL: expected an http\(s\) URL such as https:\/\/samverkansbot\.example\.se \(got "samverkansbot\.example\.se"\)$/],
    [{ PUBLIC_BASE_URL: 'ftp://example.se' }, /^Invalid PUBLIC_BASE_URL: expected an http\(s\) URL/],
    [{ PUBLIC_BASE_URL: 'https://example.se/?a=1' }, /^Invalid PUBLIC_BASE_URL: expected a URL without \? query or # fragment/],
    [{ EXPORT_LINK_SECRET: 'too-short' }, /^Invalid EXPORT_LINK_SECRET: expected at least 32 characters \(got "\*\*\*"\)$/],
  ])('%o: a bad export setting stops start-up naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps closed assignments\' free text 36 months by default (RETENTION_MONTHS), and refuses a bad value naming it', () => {
    expect(loadConfig({}).RETENTION_MONTHS).toBe(36);
    expect(loadConfig({ RETENTION_MONTHS: '60' }).RETENTION_MONTHS).toBe(60);
    expect(() => loadConfig({ RETENTION_MONTHS: '0' })).toThrow(/^Invalid RETENTION_MONTHS: expected a whole number of months 1–600 \(got "0"\)$/);
    expect(() => loadConfig({ RETENTION_MONTHS: 'tre år' })).toThrow(/^Invalid RETENTION_MONTHS: expected a whole number of months 1–600/);
    expect(() => loadConfig({ RETENTION_MONTHS: '2.5' })).toThrow(/^Invalid RETENTION_MONTHS: expected a whole number of months 1–600/);
  });

  it('keeps EXPORT_LINK_SECRET unset when not given (the app then uses a random secret per process)', () => {
    expect(loadConfig({}).EXPORT_LINK_SECRET).toBeUndefined();
    expect(loadConfig({ EXPORT_LINK_SECRET: 'x'.repeat(32) }).EXPORT_LINK_SECRET).toBe('x'.repeat(32));
  });

  it('refuses PostgreSQL without EXPORT_LINK_SECRET: every instance would sign with its own random secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://bot@127.0.0.1/bot' })).toThrow(
      /^Invalid EXPORT_LINK_SECRET: required with PostgreSQL \(at least 32 characters, the same on every instance\)$/,
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot@127.0.0.1/bot', EXPORT_LINK_SECRET: 'x'.repeat(32) }).EXPORT_LINK_SECRET).toBe('x'.repeat(32));
    expect(loadConfig({ DATABASE_URL: 'file:./data/x.db' }).EXPORT_LINK_SECRET).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'bot.example.se'])('refuses HOST=%s in local mode (unauthenticated Teams) with one line', (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(
      new RegExp(`^Invalid HOST: without MICROSOFT_APP_ID \\(local mode, unauthenticated\\) the bot listens on loopback only .*\\(got "${host.replace(/\./g, '\\.')}"\\)$`),
    );
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost'])('accepts the loopback HOST=%s in local mode', (host) => {
    expect(loadConfig({ HOST: host }).HOST).toBe(host);
  });

  it('leaves local mode when a Microsoft app id is set', () => {
    const config = loadConfig({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'x', PUBLIC_BASE_URL: 'https://bot.example.se' });
    expect(config.teams.localMode).toBe(false);
  });

  it('refuses a Microsoft app id without PUBLIC_BASE_URL: download links would point at 127.0.0.1', () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'x' })).toThrow(
      /^Invalid PUBLIC_BASE_URL: required when MICROSOFT_APP_ID is set, otherwise download links on cards would point at 127\.0\.0\.1:3978 \(set the address/,
    );
  });
});

describe('metrics and shutdown settings', () => {
  it('serves no metrics listener by default, loopback when METRICS_PORT is set, and waits 20 s at most on SIGTERM', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ METRICS_HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_SECONDS: 20 });
    expect(defaults.METRICS_PORT).toBeUndefined();
    expect(defaults.METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadConfig({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
  });

  it.each([
    [{ METRICS_PORT: 'nio' }, /^Invalid METRICS_PORT: expected a port number 0–65535 \(got "nio"\)$/],
    [{ METRICS_PORT: '70000' }, /^Invalid METRICS_PORT: expected a port number 0–65535 \(got "70000"\)$/],
    [{ METRICS_TOKEN: 'short' }, /^Invalid METRICS_TOKEN: expected at least 16 characters \(got "\*\*\*"\)$/],
    [{ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }, /^Invalid METRICS_TOKEN: required when METRICS_HOST is not loopback \(got METRICS_HOST "0\.0\.0\.0"\)$/],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '0' }, /^Invalid SHUTDOWN_TIMEOUT_SECONDS: expected seconds 1–120 \(got "0"\)$/],
  ])('%o stops start-up naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('serves metrics off loopback with a token', () => {
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'm'.repeat(16) }).METRICS_HOST).toBe('0.0.0.0');
  });
});

describe('Teams dialogs', () => {
  it('opens short forms in Teams dialogs unless TEAMS_DIALOGS turns them off', () => {
    expect(loadConfig({}).TEAMS_DIALOGS).toBe(true);
    expect(loadConfig({ TEAMS_DIALOGS: 'false' }).TEAMS_DIALOGS).toBe(false);
    expect(loadConfig({ TEAMS_DIALOGS: '0' }).TEAMS_DIALOGS).toBe(false);
    expect(() => loadConfig({ TEAMS_DIALOGS: 'nej' })).toThrow('Invalid TEAMS_DIALOGS: expected true or false (got "nej")');
  });
});

describe('scheduler settings', () => {
  it('runs the scheduler every minute by default, named after the host and process', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ SCHEDULER_ENABLED: true, SCHEDULER_CRON: '* * * * *', TEAMS_PACING_MS: 500 });
    expect(config.instanceId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('reads SCHEDULER_ENABLED, SCHEDULER_CRON, INSTANCE_ID and TEAMS_PACING_MS', () => {
    const config = loadConfig({ SCHEDULER_ENABLED: 'false', SCHEDULER_CRON: '*/5 * * * *', INSTANCE_ID: 'bot-2', TEAMS_PACING_MS: '250' });
    expect(config).toMatchObject({ SCHEDULER_ENABLED: false, SCHEDULER_CRON: '*/5 * * * *', instanceId: 'bot-2', TEAMS_PACING_MS: 250 });
    expect(loadConfig({ SCHEDULER_ENABLED: '1' }).SCHEDULER_ENABLED).toBe(true);
  });

  it.each([
    [{ SCHEDULER_ENABLED: 'ja' }, 'Invalid SCHEDULER_ENABLED: expected true or false (got "ja")'],
    [{ SCHEDULER_CRON: 'every minute' }, 'Invalid SCHEDULER_CRON: expected a cron expression such as "* * * * *" (every minute) (got "every minute")'],
    [{ SCHEDULER_CRON: '61 * * * *' }, 'Invalid SCHEDULER_CRON: expected a cron expression such as "* * * * *" (every minute) (got "61 * * * *")'],
    [{ TEAMS_PACING_MS: '-1' }, 'Invalid TEAMS_PACING_MS: expected milliseconds 0–60000 (got "-1")'],
  ])('%o: a bad scheduler setting stops start-up naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
