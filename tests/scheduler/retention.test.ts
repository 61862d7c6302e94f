// Retention run by the scheduler on the real databases: each expired assignment is archived exactly once, and
// only those; on PostgreSQL by two instances ticking at the same moment (several instances need PostgreSQL:
// the SQLite file serves one instance, README), on SQLite by one instance ticking twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import type { Clock, Store } from '../../src/core/ports.js';
import { firstDelivery, PROCESSED_REQUEST_KEEP_MS } from '../../src/core/use-cases/replays.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { backends, type TempDatabase } from '../store/db-harness.js';
import { fixedClock } from '../support/fixed-clock.js';
import { REGION_NOW, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { depsOf, recordingSender } from './fixtures.js';
import { testRegion } from '../support/test-region.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`retention by two scheduler instances on ${backend.name}`, () => {
    let database: TempDatabase;
    let scenario: RegionScenario;
    const stores: Store[] = [];

    beforeAll(async () => {
      database = await backend.createDatabase();
      await migrateDatabase(database.url);
      const clock = fixedClock(REGION_NOW);
      const setup = createStore(database.url, { clock });
      stores.push(setup);
      scenario = await seedRegion(createBot({ region: testRegion(), store: setup, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } }), setup);
    }, 60_000);

    afterAll(async () => {
      for (const store of stores) await store.close();
      await database?.drop();
    });

    /** A scheduler instance of its own store, ticked by the test (retention after 7 months). */
    const instance = (name: string, clock: Clock) => {
      const store = createStore(database.url, { clock, postgresPoolSize: 4 });
      stores.push(store);
      return startScheduler({
        deps: depsOf(store, clock),
        sender: recordingSender(clock),
        logger: createLogger('silent'),
        config: loadConfig({ INSTANCE_ID: name }),
        cron: false,
        drainWindowMs: 0,
        // Closed 2025-11-20 and 2026-03-05 are past 7 months on 2026-10-15; 2026-05-01 and 2026-06-01 are not.
        retentionMonths: 7,
      });
    };

    it('archives exactly the assignments closed more than RETENTION_MONTHS ago, once', async () => {
      const names = backend.provider === 'postgres' ? ['bot-a', 'bot-b'] : ['bot-a'];
      const clocks = names.map(() => fixedClock(REGION_NOW));
      const instances = names.map((name, index) => instance(name, clocks[index]!));
      const archived = async () => (await Promise.all(instances.map((scheduler) => scheduler.tick()))).map((result) => result?.retention.archived ?? -1);
      const first = await archived();
      expect(first.reduce((a, b) => a + b, 0), `archived per instance: ${first.join(', ')}`).toBe(2);
      // Retention runs at most hourly per instance: an hour later it looks again and finds nothing left.
      for (const clock of clocks) clock.advance(3_600_000);
      expect(await archived(), 'an hour later nothing is left').toEqual(names.map(() => 0));
      expect(await stores[0]!.archivedTexts.list()).toHaveLength(2);
      for (const scheduler of instances) await scheduler.stop();

      const store = stores[0]!;
      const archives = await store.archivedTexts.list();
      expect(archives.map((archive) => archive.assignmentId).sort()).toEqual([scenario.assignments.uddClosed.id, scenario.assignments.uddClosedLastYear.id].sort());
      const [archivedFinal] = await store.finalReports.list({ assignmentId: scenario.assignments.uddClosed.id });
      expect(archivedFinal).toMatchObject({ addedValue: '', goalMet: 'helt' });
      const archive = archives.find((candidate) => candidate.assignmentId === scenario.assignments.uddClosed.id)!;
      expect(archive.texts.finalReports[0]).toMatchObject({ id: archivedFinal!.id, addedValue: 'Färre överlämningar mellan huvudmännen' });
      const [kept] = await store.finalReports.list({ assignmentId: scenario.assignments.otherClosed.id });
      expect(kept!.addedValue).toBe('HEMLIGT mervärde');
    }, 60_000);

    it('deletes the keys of processed Slack/Teams requests once they are a day old, in the hourly run', async () => {
      const clock = fixedClock(REGION_NOW);
      const store = createStore(database.url, { clock });
      stores.push(store);
      const fail = (error: unknown) => {
        throw error;
      };
      expect(await firstDelivery(store, 'slack', 'event:Ev-old', fail)).toBe(true);
      clock.advance(2 * 3_600_000);
      expect(await firstDelivery(store, 'teams', 'a:19:c@thread.tacv2|f:1', fail)).toBe(true);
      // The first key is now a day and an hour old, the second 23 hours.
      clock.advance(PROCESSED_REQUEST_KEEP_MS - 3_600_000);
      const scheduler = instance('bot-keys', clock);
      const result = await scheduler.tick();
      await scheduler.stop();
      expect(result?.retention.requestKeysDeleted).toBe(1);
      expect(await firstDelivery(store, 'teams', 'a:19:c@thread.tacv2|f:1', fail), 'the recent key still holds').toBe(false);
      expect(await firstDelivery(store, 'slack', 'event:Ev-old', fail), 'the old key is gone').toBe(true);
    }, 60_000);
  });
}
