// E-mail to kansliet over SMTP (nodemailer): the outbox hands over a message the core described; this edge
// writes the attachment's bytes and says, in DeliveryError terms, whether a failure may be retried. An SMTP
// answer 4xx is "try later" (greylisting, a full queue), 5xx is final (unknown mailbox, refused relay), so
// only the first is retried; a server that cannot be reached is retried too.
import type { Transporter } from 'nodemailer';
import type { MailConfig } from '../../config.js';
import { DeliveryError, type MailSender, type OutgoingMail } from '../../core/delivery.js';
import { renderFile } from '../../exports/render-file.js';

/** Network codes nodemailer gives when it never got an SMTP answer: the server may be back later. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export interface SmtpMailerOptions {
  /** Connection, greeting and socket timeouts; an SMTP server that stalls must not hold a drain's lease. */
  timeoutMs?: number;
  /** Extra TLS options (tests: trust a self-signed certificate on 127.0.0.1). */
  tls?: { rejectUnauthorized?: boolean };
}

/** A failed send as the drain understands it; the detail names codes only, never the message. */
export function mailFailure(error: unknown): DeliveryError {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  const detail = `SMTP ${typeof responseCode === 'number' ? responseCode : '-'} ${typeof code === 'string' ? code : 'unknown'}`;
  if (typeof responseCode === 'number' && responseCode >= 500) return new DeliveryError('mail-refused', false, detail);
  if (typeof responseCode === 'number' && responseCode >= 400) return new DeliveryError('mail-deferred', true, detail);
  if (typeof code === 'string' && UNREACHABLE.has(code)) return new DeliveryError('mail-unreachable', true, detail);
  return new DeliveryError('unknown', false, detail);
}

export function createSmtpMailer(config: MailConfig, options: SmtpMailerOptions = {}): MailSender & { close(): void } {
  const timeout = options.timeoutMs ?? 30_000;
  // nodemailer is loaded at the first e-mail, not at start-up (like docx and exceljs: tests/unit/lazy-imports.test.ts).
  let transport: Transporter | null = null;
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    transport ??= nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    // starttls: refuse to send in plain text when the server offers no STARTTLS.
    requireTLS: config.tls === 'starttls',
    ignoreTLS: config.tls === 'none',
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.password } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.tls ? { tls: options.tls } : {}),
    });
    return transport;
  };
  return {
    async send(mail: OutgoingMail, messageId: string): Promise<void> {
      const { attachment } = mail;
      const content = await renderFile(attachment);
      try {
        await (await open()).sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: `<${messageId}@samverkansbot>`,
          attachments: [{ filename: attachment.fileName, content, contentType: attachment.mediaType }],
        });
      } catch (error) {
        throw mailFailure(error);
      }
    },
    close: () => transport?.close(),
  };
}
