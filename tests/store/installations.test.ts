// Slack OAuth installations (issue 15) in the real store, on SQLite and PostgreSQL: one row per workspace or
// Grid org, a reinstall replaces the sealed credentials in place (also when two instances store it at once),
// and an uninstall removes exactly that installation.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../support/fixed-clock.js';
import { backends, twoInstances } from './db-harness.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`installations on ${backend.name}`, () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const stores = twoInstances(backend, { clock });
    const first = () => stores.first();
    const second = () => stores.second();

    it('stores, finds and replaces one installation per platform and tenant', async () => {
      const stored = await first().installations.save('slack', 'T0AAA', 'v1.sealed-1');
      expect(await second().installations.find('slack', 'T0AAA')).toStrictEqual(stored);
      expect(await second().installations.find('slack', 'T0BBB')).toBeNull();
      expect(await second().installations.find('teams', 'T0AAA')).toBeNull();

      clock.advance(60_000);
      const replaced = await second().installations.save('slack', 'T0AAA', 'v1.sealed-2');
      expect(replaced).toStrictEqual({ ...stored, sealed: 'v1.sealed-2', updatedAt: clock.now() });
      expect(await first().installations.list({ platform: 'slack', tenantId: 'T0AAA' })).toHaveLength(1);
    });

    it('leaves one row when two instances store the same workspace at once', async () => {
      await Promise.all([first().installations.save('slack', 'E0GRID', 'v1.from-first'), second().installations.save('slack', 'E0GRID', 'v1.from-second')]);
      const rows = await first().installations.list({ platform: 'slack', tenantId: 'E0GRID' });
      expect(rows).toHaveLength(1);
      expect(['v1.from-first', 'v1.from-second']).toContain(rows[0]!.sealed);
    });

    it('deletes exactly the uninstalled tenant', async () => {
      await first().installations.save('slack', 'T0KEEP', 'v1.keep');
      await first().installations.save('slack', 'T0GONE', 'v1.gone');
      expect(await second().installations.deleteWhere({ platform: 'slack', tenantId: 'T0GONE' })).toBe(1);
      expect(await first().installations.find('slack', 'T0GONE')).toBeNull();
      expect((await first().installations.find('slack', 'T0KEEP'))?.sealed).toBe('v1.keep');
    });
  });
}
