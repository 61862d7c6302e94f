// The operator's region file (REGION_FILE): the shipped sample and the test file load; each bad entry is one
// line naming it; and the kansli appoints a chair in a group whose last chair is gone, which nobody else may manage.
import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../src/config.js';
import { catalog } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { RegionFileError, loadRegionFile, parseRegionFile } from '../../src/region-file.js';
import { createBot } from '../../src/core/bot.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';
import { testRegion } from '../support/test-region.js';

const t = catalog('sv');
const good = {
  namn: 'Fyrbodal',
  organisationer: [{ plattform: 'slack', id: 'T1', namn: 'Arbetsytan' }, { plattform: 'teams', id: 'tenant-a', namn: 'Kommunen' }],
  kansli: {
    personer: [{ plattform: 'slack', organisation: 'T1', 'användar-id': 'U1', namn: 'Kim' }, { plattform: 'teams', organisation: 'tenant-a', 'användar-id': 'aad-1', namn: 'Karin' }],
    kanaler: [{ plattform: 'teams', organisation: 'tenant-a', 'kanal-id': '19:k@thread.tacv2', namn: 'Kansliet' }],
  },
};
const problem = (file: unknown) => {
  try {
    parseRegionFile(JSON.stringify(file), 'region.json', t);
  } catch (error) {
    expect(error).toBeInstanceOf(RegionFileError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('the region file', () => {
  it('loads the shipped sample (the Agents Playground user is kansli) and a good JSON file', () => {
    const sample = loadRegionFile(SAMPLE_REGION_FILE, t);
    expect(sample.kansli).toContainEqual(expect.objectContaining({ platform: 'teams', tenantId: '00000000-0000-0000-0000-0000000000001', userId: '00000000-0000-0000-0000-0000000000020' }));
    expect(parseRegionFile(JSON.stringify(good), 'region.json', t)).toEqual({
      name: 'Fyrbodal',
      tenants: [{ platform: 'slack', tenantId: 'T1', name: 'Arbetsytan' }, { platform: 'teams', tenantId: 'tenant-a', name: 'Kommunen' }],
      kansli: [{ platform: 'slack', tenantId: 'T1', userId: 'U1', name: 'Kim' }, { platform: 'teams', tenantId: 'tenant-a', userId: 'aad-1', name: 'Karin' }],
      channels: [{ platform: 'teams', tenantId: 'tenant-a', channelId: '19:k@thread.tacv2', name: 'Kansliet' }],
      mailRecipients: [],
    });
  });

  it('reads the kansli\'s e-mail addresses, each once', () => {
    const file = { ...good, kansli: { ...good.kansli, 'e-post': ['kansliet@region.se', ' registrator@kommun.se ', 'kansliet@region.se'] } };
    expect(parseRegionFile(JSON.stringify(file), 'region.json', t).mailRecipients).toEqual(['kansliet@region.se', 'registrator@kommun.se']);
  });

  it('names each bad entry in one line', () => {
    const people = good.kansli.personer;
    const cases: [unknown, string][] = [
      [{ ...good, kansli: { ...good.kansli, personer: [people[0], { ...people[1], 'användar-id': undefined }] } }, 'kansli.personer[1].användar-id saknas'],
      [{ ...good, organisationer: [] }, 'organisationer ska ha minst en post'],
      [{ ...good, organisationer: [{ ...good.organisationer[0], plattform: 'discord' }, good.organisationer[1]] }, 'organisationer[0].plattform ska vara teams eller slack'],
      [{ ...good, kansli: { ...good.kansli, personer: [{ ...people[0], organisation: 'T9' }] } }, 'kansli.personer[0].organisation: organisationen "T9" (slack) finns inte under organisationer'],
      [{ ...good, kansli: { ...good.kansli, kanaler: [good.kansli.kanaler[0], good.kansli.kanaler[0]] } }, 'kansli.kanaler[1].kanal-id: "19:k@thread.tacv2" finns redan'],
      [{ ...good, namn: '' }, 'namn är tomt'],
      [{ ...good, kansli: { ...good.kansli, 'e-post': ['kansliet@region.se', 'kansliet(at)region.se'] } }, 'kansli.e-post[1] ska vara en e-postadress, t.ex. kansliet@region.se'],
    ];
    for (const [file, expected] of cases) {
      const message = problem(file);
      expect(message).toBe(`Regionfilen region.json har fel: ${expected}`);
      expect(message).not.toContain('\n');
    }
    expect(() => loadRegionFile('/finns/inte.yaml', t)).toThrow(/^Regionfilen \/finns\/inte.yaml går inte att läsa: /);
  });
});

describe('a group without a chair', () => {
  it('is locked to everyone but the kansli of the file, who appoints a chair (it used to be open to every member)', async () => {
    const clock = fixedClock('2026-09-14T08:00:00Z');
    const store = createInMemoryStore(clock.now);
    const bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
    const channel = slackChannel();
    const chair = actor();
    const bo = actor({ userId: 'U_BO', displayName: 'Bo Ek' });
    const kansli = actor({ userId: 'U_KANSLI', displayName: 'Karin Kansli' });
    await bot.handle({ type: 'bot-added', channel, actor: chair });
    await bot.handle({ type: 'command', command: 'medlemmar', text: 'medlemmar', channel, actor: bo });
    const [group] = await store.groups.list();
    const annaRow = (await store.members.findByPlatformUser(group!.id, 'slack', chair.userId))!;
    await store.members.update(annaRow.id, { roles: [] });
    const settings = await bot.handle({ type: 'command', command: 'installningar', text: 'inställningar', channel, actor: bo });
    expect(settings).toMatchObject({ kind: 'card', card: 'notice', data: { text: sv.notice.lockedNoChair } });
    expect(await bot.handle({ type: 'command', command: 'installningar', text: 'inställningar', channel, actor: kansli })).toMatchObject({ kind: 'form', form: 'settings' });
    const boRow = (await store.members.findByPlatformUser(group!.id, 'slack', bo.userId))!;
    const saved = await bot.handle({ type: 'form-submitted', form: 'member', values: { memberId: boRow.id, roles: 'ordforande', organisationId: 'none', substituteForMemberId: 'none' }, channel, actor: kansli });
    expect(saved).toMatchObject({ kind: 'card', card: 'notice' });
    expect((await store.members.get(boRow.id))!.roles).toEqual(['ordforande']);
    expect(await bot.handle({ type: 'command', command: 'installningar', text: 'inställningar', channel, actor: bo })).toMatchObject({ kind: 'form', form: 'settings' });
  });
});
