// Slack installations at rest (issue 15): sealed with SLACK_INSTALLATION_KEY so that the database never holds
// a token in clear; a row opens only with the same key and only for the tenant it was sealed for.
import { describe, expect, it } from 'vitest';
import { withoutBodies } from '../../src/adapters/slack/bolt-logger.js';
import { createSealer, SealError } from '../../src/adapters/slack/oauth/sealed.js';

const KEY = 'the-installation-key-of-at-least-32-characters';
const INSTALLATION = JSON.stringify({ team: { id: 'T0AAA' }, bot: { token: 'xoxb-secret-token', userId: 'U0BOT' } });

describe('sealed installations', () => {
  it('round-trips, with a fresh nonce each time and no token in the sealed text', () => {
    const sealer = createSealer(KEY);
    const first = sealer.seal(INSTALLATION, 'T0AAA');
    const second = sealer.seal(INSTALLATION, 'T0AAA');
    expect(first).not.toBe(second);
    expect(first).not.toContain('xoxb');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealer.open(first, 'T0AAA')).toBe(INSTALLATION);
  });

  it('does not open with another key, for another tenant, or altered', () => {
    const sealed = createSealer(KEY).seal(INSTALLATION, 'T0AAA');
    expect(() => createSealer(`${KEY}-rotated`).open(sealed, 'T0AAA')).toThrow(SealError);
    // Copied into workspace B's row, A's token must not become B's.
    expect(() => createSealer(KEY).open(sealed, 'T0BBB')).toThrow(SealError);
    const [version, iv, tag, body] = sealed.split('.');
    // The first character: the last one of base64url may carry only discarded bits.
    const flipped = `${body!.startsWith('A') ? 'B' : 'A'}${body!.slice(1)}`;
    expect(() => createSealer(KEY).open([version, iv, tag, flipped].join('.'), 'T0AAA')).toThrow(SealError);
    expect(() => createSealer(KEY).open('plain-text', 'T0AAA')).toThrow(SealError);
  });
});

describe('Bolt log lines', () => {
  it('mask the OAuth state and code of install URLs', () => {
    const line = withoutBodies('Generated authorize URL: https://slack.com/oauth/v2/authorize?scope=commands&state=eyJzZWNyZXQ.c2ln&client_id=1.2');
    expect(line).not.toContain('eyJzZWNyZXQ');
    expect(line).toContain('state=[redacted]&client_id=1.2');
    expect(withoutBodies('GET /slack/oauth_redirect?code=1234.5678.abcd&state=x')).toBe('GET /slack/oauth_redirect?code=[redacted]&state=[redacted]');
  });
});
