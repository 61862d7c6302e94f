// Replays processed once (issue 13): the claim of a request key holds across two instances on one
// database (two stores on one SQLite file, two pools on one PostgreSQL database), and old keys go.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../support/fixed-clock.js';
import { backends, twoInstances } from './db-harness.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`processed requests on ${backend.name}`, () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const stores = twoInstances(backend, { clock });
    const first = () => stores.first();
    const second = () => stores.second();

    it('lets exactly one of two instances claim each key, also when both try at once', async () => {
      const keys = Array.from({ length: 40 }, (_, index) => `sig:v0=${index.toString(16).padStart(64, '0')}`);
      const results = await Promise.all(keys.flatMap((key) => [first().processedRequests.claim('slack', key), second().processedRequests.claim('slack', key)]));
      for (let index = 0; index < keys.length; index += 1) {
        expect([results[2 * index], results[2 * index + 1]].filter(Boolean)).toHaveLength(1);
      }
      // A later copy finds the key on either instance.
      expect(await first().processedRequests.claim('slack', keys[0]!)).toBe(false);
      expect(await second().processedRequests.claim('slack', keys[0]!)).toBe(false);
      expect(await first().processedRequests.list({ key: keys[0]! })).toHaveLength(1);
    });

    it('keeps the platforms apart: the same key on the other platform is a request of its own', async () => {
      expect(await first().processedRequests.claim('slack', 'shared-key')).toBe(true);
      expect(await second().processedRequests.claim('teams', 'shared-key')).toBe(true);
      expect(await second().processedRequests.claim('slack', 'shared-key')).toBe(false);
    });

    it('claims inside a transaction without aborting it when the key is taken', async () => {
      await first().processedRequests.claim('teams', 'in-tx');
      const outcome = await second().transaction(async (tx) => {
        const claimed = await tx.processedRequests.claim('teams', 'in-tx');
        // On PostgreSQL a failed insert would abort the transaction: this read would then throw.
        return { claimed, rows: (await tx.processedRequests.list({ key: 'in-tx' })).length };
      });
      expect(outcome).toEqual({ claimed: false, rows: 1 });
    });

    it('deletes only the keys claimed before the cutoff', async () => {
      const start = clock.now();
      await first().processedRequests.claim('slack', 'old-key');
      clock.advance(60 * 60_000);
      await first().processedRequests.claim('slack', 'new-key');
      const before = (await first().processedRequests.list()).length;
      const deleted = await second().processedRequests.deleteOlderThan(new Date(start.getTime() + 1));
      expect(deleted).toBeGreaterThanOrEqual(1);
      expect(await first().processedRequests.list({ key: 'old-key' })).toEqual([]);
      expect(await first().processedRequests.list({ key: 'new-key' })).toHaveLength(1);
      expect((await first().processedRequests.list()).length).toBe(before - deleted);
      // A deleted key may be claimed again (Slack refuses such old requests anyway).
      expect(await second().processedRequests.claim('slack', 'old-key')).toBe(true);
    });
  });
}
