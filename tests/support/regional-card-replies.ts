// Card samples of the kansli's regional roll-up and data-rights cards for tests/cards, produced by running
// the real commands on the in-memory store with the seeded region.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { NamedReply } from './card-replies.js';
import { fixedClock } from './fixed-clock.js';
import { createInMemoryStore } from './in-memory-store.js';
import { sampleRegionalPlan } from './action-plan-scenario.js';
import { REGION_NOW, regionChannels, regionPeople, seedRegion } from './regional-scenario.js';
import { testRegion } from './test-region.js';

export async function regionalReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock(REGION_NOW);
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(),
    store,
    clock,
    defaults: { locale, timeZone: 'Europe/Stockholm' },
    actionPlan: { regionalPlan: sampleRegionalPlan(), activityLimit: 8 },
    links: {
      meetingsCalendar: () => '',
      regionalRollup: (tenant, year) => `https://samverkan.example.se/exports/regions/${tenant.platform}/${tenant.tenantId}/${year}.xlsx?signature=x`,
      personalData: (id) => `https://samverkan.example.se/exports/personal-data/${id}.json?signature=x`,
    },
  });
  await seedRegion(bot, store);
  const channel = regionChannels.kansli;
  const actor = regionPeople.kansli;
  const command = (command: 'region' | 'personuppgifter', text: string) => bot.handle({ type: 'command', command, text, channel, actor });
  const replies: NamedReply[] = [];
  replies.push({ name: 'regional roll-up', locale, reply: await command('region', 'region') });
  replies.push({ name: 'regional roll-up refused', locale, reply: await bot.handle({ type: 'command', command: 'region', text: 'region', channel: regionChannels.uddevalla, actor: regionPeople.chair }) });
  replies.push({ name: 'personal data export', locale, reply: await command('personuppgifter', 'personuppgifter visa Bo Ek') });
  const confirm = await command('personuppgifter', 'personuppgifter radera <@U_BO|bo>');
  replies.push({ name: 'personal data delete confirm', locale, reply: confirm });
  const requestId = confirm.kind === 'card' ? String(confirm.data.requestId) : '';
  replies.push({ name: 'personal data deleted', locale, reply: await bot.handle({ type: 'button', action: 'confirm-data-rights', args: { requestId }, channel, actor }) });
  return replies;
}
