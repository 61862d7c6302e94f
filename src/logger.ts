import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets and anything a user typed (report free text, form values, message
 * text) are censored: logs leave the machine more often than the database does.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { app: 'samverkansbot' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-slack-signature"]',
        'headers.authorization',
        '*.token',
        '*.password',
        '*.text',
        '*.values',
        '*.value',
        'text',
        'values',
        'value',
        'config.MICROSOFT_APP_PASSWORD',
        'config.SLACK_BOT_TOKEN',
        'config.SLACK_SIGNING_SECRET',
        'config.SLACK_APP_TOKEN',
        'config.SLACK_CLIENT_SECRET',
        'config.SLACK_INSTALLATION_KEY',
        'config.SLACK_STATE_SECRET',
        'config.DATABASE_URL',
      ],
      censor: '[redacted]',
    },
    },
    destination,
  );
}
