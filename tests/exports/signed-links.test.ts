import { describe, expect, it } from 'vitest';
import { createLinkSigner } from '../../src/exports/signed-links.js';
import { fixedClock } from '../support/fixed-clock.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const signer = createLinkSigner({ secret: 'a'.repeat(32), baseUrl: () => 'https://bot.example.se', clock, ttlMs: 60_000 });
const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('signed links', () => {
  it('are absolute, expire after the ttl and verify for their own path only', () => {
    const url = signer.url('/exports/meetings/g1.ics');
    expect(url).toMatch(/^https:\/\/bot\.example\.se\/exports\/meetings\/g1\.ics\?expires=\d+&signature=[\w-]+$/);
    const params = query(url);
    expect(Number(params.expires)).toBe(Math.floor(new Date('2026-11-25T09:01:00Z').getTime() / 1000));
    expect(signer.verify('/exports/meetings/g1.ics', params)).toBe('ok');
    expect(signer.verify('/exports/meetings/g2.ics', params)).toBe('invalid');
  });

  it('refuse a changed expiry, a changed or missing signature, and another secret', () => {
    const params = query(signer.url('/x.ics'));
    expect(signer.verify('/x.ics', { ...params, expires: String(Number(params.expires) + 3600) })).toBe('invalid');
    expect(signer.verify('/x.ics', { ...params, signature: `${params.signature!.slice(0, -1)}A` })).toBe('invalid');
    expect(signer.verify('/x.ics', { expires: params.expires })).toBe('invalid');
    expect(signer.verify('/x.ics', { ...params, expires: ['1', '2'] })).toBe('invalid');
    const other = createLinkSigner({ secret: 'b'.repeat(32), baseUrl: () => 'https://bot.example.se', clock, ttlMs: 60_000 });
    expect(other.verify('/x.ics', params)).toBe('invalid');
  });

  it('report an expired link as expired', () => {
    const moving = fixedClock('2026-11-25T09:00:00Z');
    const timed = createLinkSigner({ secret: 's'.repeat(32), baseUrl: () => 'http://127.0.0.1:1', clock: moving, ttlMs: 60_000 });
    const params = query(timed.url('/x.ics'));
    moving.advance(59_000);
    expect(timed.verify('/x.ics', params)).toBe('ok');
    moving.advance(1_000);
    expect(timed.verify('/x.ics', params)).toBe('expired');
  });
});
