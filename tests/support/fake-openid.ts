// A local stand-in for Microsoft's OpenID metadata and signing keys (login.botframework.com), so Teams
// authentication can be attacked in tests without any request leaving the machine. It signs tokens with
// its own RSA key and records every request it gets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const FAKE_KEY_ID = 'fake-signing-key';

export interface FakeOpenId {
  /** The metadata URL; its jwks_uri points back here. */
  metadataUrl: string;
  requests: string[];
  /** A compact JWT: header and claims as given, RS256-signed with `key` (the published one by default). */
  token(claims: Record<string, unknown>, header?: Record<string, unknown>, key?: KeyObject): string;
  close(): Promise<void>;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startFakeOpenId(): Promise<FakeOpenId> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/metadata') return void res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    if (req.url === '/keys') return void res.end(JSON.stringify({ keys: [{ ...jwk, kid: FAKE_KEY_ID, use: 'sig', endorsements: ['msteams'] }] }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/metadata`,
    requests,
    token(claims, header = { alg: 'RS256', typ: 'JWT', kid: FAKE_KEY_ID }, key = privateKey) {
      const signed = `${part(header)}.${part(claims)}`;
      return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
