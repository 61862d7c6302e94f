// Installations at rest: AES-256-GCM with a key derived from SLACK_INSTALLATION_KEY, so a dump or backup of
// the database hands out no bot token. The tenant id is authenticated data: a sealed installation copied to
// another workspace's row does not open there (nobody can make workspace B post with A's token that way).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const SALT = 'samverkansbot';

/** 32 bytes for one purpose, derived from the operator's secret (HKDF-SHA256); one secret serves several keys. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), SALT, purpose, 32));
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export interface Sealer {
  seal(plain: string, tenantId: string): string;
  /** Throws SealError when the text was sealed with another key, for another tenant, or was altered. */
  open(sealed: string, tenantId: string): string;
}

export function createSealer(secret: string): Sealer {
  const key = deriveKey(secret, 'slack-installation-v1');
  const aad = (tenantId: string) => Buffer.from(`slack:${tenantId}`, 'utf8');
  return {
    seal(plain, tenantId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(tenantId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, tenantId) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new SealError(`unknown sealed format for ${tenantId}`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(aad(tenantId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealError(`the installation of ${tenantId} does not open with SLACK_INSTALLATION_KEY (another key, or altered)`);
      }
    },
  };
}
