// Anonymise and delete on the real databases: erasing a person runs as one transaction on SQLite and
// PostgreSQL, and the log row (DataRightsRequest) ends as done with the placeholder instead of the person.
// Names in JSON columns (implementation plans, archived text) are replaced, and two people anonymised the
// same day get placeholders of their own (the ids the store makes start with their timestamp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Store } from '../../src/core/ports.js';
import { migrateDatabase } from '../../src/adapters/db/migrate.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion, type RegionScenario } from '../support/regional-scenario.js';
import { seedBoFreeText } from '../support/data-rights-fixtures.js';
import { testRegion } from '../support/test-region.js';
import { backends, type Backend, type TempDatabase } from './db-harness.js';

/** A fresh database of `backend` with the regional scenario, for the tests of one describe block. */
function regionOn(backend: Backend) {
  const region = { clock: fixedClock(REGION_NOW) } as { clock: ReturnType<typeof fixedClock>; store: Store; bot: Bot; scenario: RegionScenario };
  let database: TempDatabase | undefined;
  beforeAll(async () => {
    database = await backend.createDatabase();
    await migrateDatabase(database.url);
    region.store = createStore(database.url, { clock: region.clock });
    region.bot = createBot({ region: testRegion(), store: region.store, clock: region.clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    region.scenario = await seedRegion(region.bot, region.store);
  }, 60_000);
  afterAll(async () => {
    await region.store?.close();
    await database?.drop();
  });
  return region;
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`data rights on ${backend.name}`, () => {
    const region = regionOn(backend);

    it('deletes a person in one transaction and logs it', async () => {
      const { store, bot, scenario } = region;
      const draft = await store.formDrafts.create({ groupId: scenario.groups.uddevalla.id, form: 'evaluation', draftKey: 'evaluation:bo', memberId: scenario.members.bo.id, values: { a: 'b' } });
      const asked = await bot.handle({ type: 'command', command: 'personuppgifter', text: 'personuppgifter radera Bo Ek', channel: regionChannels.kansli, actor: regionPeople.kansli });
      const requestId = asked.kind === 'card' ? String(asked.data.requestId) : '';
      expect(requestId).not.toBe('');
      const done = await bot.handle({ type: 'button', action: 'confirm-data-rights', args: { requestId }, channel: regionChannels.kansli, actor: regionPeople.kansli });
      expect(done).toMatchObject({ card: 'data-rights' });
      const placeholder = (await store.dataRightsRequests.get(requestId))!.subjectName;
      expect(placeholder).toMatch(/^Anonymiserad person [0-9a-f]{4,}$/);
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

  describe.skipIf(backend.skip)(`data rights in free text and placeholders on ${backend.name}`, () => {
    const region = regionOn(backend);

    const anonymise = async (who: string) => {
      const asked = await region.bot.handle({ type: 'command', command: 'personuppgifter', text: `personuppgifter anonymisera ${who}`, channel: regionChannels.kansli, actor: regionPeople.kansli });
      const requestId = asked.kind === 'card' ? String(asked.data.requestId) : '';
      region.clock.advance(1000);
      await region.bot.handle({ type: 'button', action: 'confirm-data-rights', args: { requestId }, channel: regionChannels.kansli, actor: regionPeople.kansli });
      return (await region.store.dataRightsRequests.get(requestId))!.subjectName;
    };

    it('replaces the person in plans, the archive and their own requests, and gives two people two placeholders', async () => {
      const seeded = await seedBoFreeText(region.store, region.scenario);
      const bo = await anonymise('Bo Ek');
      const anna = await anonymise('Anna Ordförande');
      expect(bo).toMatch(/^Anonymiserad person [0-9a-f]{4,}$/);
      expect(anna).toMatch(/^Anonymiserad person [0-9a-f]{4,}$/);
      expect(bo).not.toBe(anna);
      expect(await region.store.members.get(region.scenario.members.bo.id)).toMatchObject({ displayName: bo });
      expect(await region.store.members.get(region.scenario.members.chair.id)).toMatchObject({ displayName: anna });
      const plan = (await region.store.implementationPlans.get(seeded.plan.id))!;
      expect(plan.subGoals.map((goal) => goal.owner)).toEqual([bo, anna]);
      expect(plan.tasks.map((task) => task.who)).toEqual([`${bo} och ${anna}`, 'Kommunens samordnare']);
      const archive = (await region.store.archivedTexts.get(seeded.archive.id))!;
      expect(archive.texts.finalReports[0]!.goalMetHow).toBe(`${bo} ledde utbildningsdagen`);
      expect(archive.texts.followUps[0]!.howUsed).toBe(`${anna} använder den`);
      expect(archive.texts.progressReports).toEqual(seeded.archive.texts.progressReports);
      expect(await region.store.dataRightsRequests.get(seeded.requestByBo.id)).toMatchObject({ requestedByName: bo });
      expect(await region.store.archivedTexts.get(seeded.otherArchive.id)).toEqual(seeded.otherArchive);
    });
  });
}
