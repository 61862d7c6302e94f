// Row ids: UUIDv7 that sort in creation order, which "oldest first" (createdAt, then id) relies on.
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('makes RFC 9562 version 7 ids carrying the millisecond', () => {
    const id = newId(Date.parse('2026-12-02T08:00:00.000Z'));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.parse('2026-12-02T08:00:00.000Z'));
  });

  it('keeps creation order within one millisecond and across many, and never repeats', () => {
    // 10,000 ids: far more than one pool of random bytes, and more than 4,096 in one millisecond.
    const at = Date.parse('2026-12-02T09:00:00.000Z');
    const ids = Array.from({ length: 10_000 }, (_, index) => newId(at + Math.floor(index / 5000)));
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The random tails differ: the bytes are not reused between ids.
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
