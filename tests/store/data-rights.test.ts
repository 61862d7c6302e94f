// Anonymise and delete on the real databases: erasing a person runs as one transaction on SQLite and
// PostgreSQL, and the log row (DataRightsRequest) ends as done with the placeholder instead of the person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { backends, type TempDatabase } from './db-harness.js';
import { testRegion } from '../support/test-region.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`data rights on ${backend.name}`, () => {
    let database: TempDatabase;
    let store: Store;
    let bot: Bot;
    let scenario: RegionScenario;

    beforeAll(async () => {
      database = await backend.createDatabase();
      await migrateDatabase(database.url);
      const clock = fixedClock(REGION_NOW);
      store = createStore(database.url, { clock });
      bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
      scenario = await seedRegion(bot, store);
    }, 60_000);

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('deletes a person in one transaction and logs it', async () => {
      const draft = await store.formDrafts.create({ groupId: scenario.groups.uddevalla.id, form: 'evaluation', draftKey: 'evaluation:bo', memberId: scenario.members.bo.id, values: { a: 'b' } });
      const asked = await bot.handle({ type: 'command', command: 'personuppgifter', text: 'personuppgifter radera Bo Ek', channel: regionChannels.kansli, actor: regionPeople.kansli });
      const requestId = asked.kind === 'card' ? String(asked.data.requestId) : '';
      expect(requestId).not.toBe('');
      const done = await bot.handle({ type: 'button', action: 'confirm-data-rights', args: { requestId }, channel: regionChannels.kansli, actor: regionPeople.kansli });
      expect(done).toMatchObject({ card: 'data-rights' });
      const placeholder = `Anonymiserad person ${requestId.slice(0, 6)}`;
      expect(await store.members.get(scenario.members.bo.id)).toMatchObject({ displayName: placeholder, platformUserId: `anonymiserad-${scenario.members.bo.id}`, roles: [] });
      expect(await store.members.get(scenario.members.boLysekil.id)).toMatchObject({ displayName: placeholder });
      expect(await store.members.get(scenario.members.otherBo.id)).toMatchObject({ displayName: 'Bo Ek', platformUserId: 'U_BO' });
      expect(await store.formDrafts.get(draft.id)).toBeNull();
      expect(await store.progressReports.list({ assignmentId: scenario.assignments.lys1.id })).toHaveLength(1);
      expect(await store.dataRightsRequests.get(requestId)).toMatchObject({
        action: 'delete', status: 'done', subjectUserId: `anonymiserad-${requestId}`, subjectName: placeholder, requestedByName: 'Karin Kansli', completedAt: new Date(REGION_NOW),
      });
    });
  });
}
