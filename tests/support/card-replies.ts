// Realistic card data for card and translator tests, produced by RUNNING the real use cases through
// createBot on the in-memory store, so the tests see exactly what the adapters will receive.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { InboundEvent, Reply } from '../../src/core/events.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { actor, slackChannel } from './events.js';
import { memberReplies } from './member-card-replies.js';
import { meetingReplies } from './meeting-card-replies.js';
import { reportReplies } from './report-card-replies.js';
import { schedulerReplies } from './scheduler-card-replies.js';
import { meetingSummaryReplies } from './meeting-summary-card-replies.js';
import { runActionPlanScenario } from './action-plan-scenario.js';
import { exportReplies } from './export-card-replies.js';
import { regionalReplies } from './regional-card-replies.js';
import { testRegion } from './test-region.js';

export interface NamedReply {
  name: string;
  locale: Locale;
  reply: Reply;
}

export async function realReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const store = createInMemoryStore(clock.now);
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' } });
  const channel = slackChannel({ channelName: 'Samverkan Uddevalla & Lysekil <psykisk hälsa>' });
  const chair = actor();
  const member = actor({ userId: 'U_MEMBER', displayName: 'Bo Ledamot' });
  const replies: NamedReply[] = [];
  const add = async (name: string, event: InboundEvent) => {
    replies.push({ name, locale, reply: await bot.handle(event) });
  };

  await add('welcome', { type: 'bot-added', channel, actor: chair });
  await add('help', { type: 'command', command: 'hjalp', text: 'hjälp', channel, actor: chair });
  await add('plan (empty)', { type: 'command', command: 'plan', text: 'plan', channel, actor: chair });
  await add('summary (empty)', { type: 'command', command: 'sammanfattning', text: '', channel, actor: chair });
  await add('settings form', { type: 'command', command: 'installningar', text: '', channel, actor: chair });
  await add('settings form-errors', {
    type: 'form-submitted',
    form: 'settings',
    values: { groupName: '  ', organisations: 'region', otherOrganisations: 'Samordningsförbundet\nsamordningsförbundet', officeChannelId: 'inte ett id!' },
    channel,
    actor: chair,
  });
  await add('settings saved', {
    type: 'form-submitted',
    form: 'settings',
    values: { groupName: 'LSG Uddevalla', organisations: 'region,kommun,forsakringskassan', otherOrganisations: 'Samordningsförbundet Väst', officeChannelId: 'C0OFFICE' },
    channel,
    actor: chair,
  });
  await add('settings form (filled)', { type: 'command', command: 'installningar', text: '', channel, actor: chair });
  await add('settings refused', { type: 'command', command: 'installningar', text: '', channel, actor: member });
  await add('report (no assignment)', { type: 'command', command: 'rapport', text: '', channel, actor: member });
  await add('personal chat', {
    type: 'command',
    command: 'plan',
    text: 'plan',
    channel: slackChannel({ channelId: 'D1', isPersonal: true }),
    actor: member,
  });

  const [group] = await store.groups.list();
  const plan = await store.plans.create({
    groupId: group!.id,
    year: 2026,
    version: 2,
    decidedAt: new Date('2026-02-12T13:00:00Z'),
    decidedByMemberId: null,
    sentToOfficeAt: null,
    lastRevisedAt: null,
  });
  const activity = (title: string, focusAreaCode: string, status: 'planerad' | 'pagaende') =>
    store.activities.create({
      planId: plan.id,
      title,
      description: 'Beskrivning',
      targetGroup: 'barn_och_unga',
      focusAreaCode,
      goalCode: `${focusAreaCode}.1`,
      startDate: new Date('2026-04-01T00:00:00Z'),
      endDate: new Date('2026-12-31T00:00:00Z'),
      status,
      proposalId: null,
    });
  await activity('Gemensam rutin för SIP', 'FO1', 'pagaende');
  await activity('Utbildning i Första hjälpen till psykisk hälsa', 'FO1', 'planerad');
  await activity('Tidiga insatser för unga vuxna', 'FO3', 'planerad');
  await store.meetings.create({
    groupId: group!.id,
    startsAt: new Date('2026-03-18T08:30:00Z'),
    durationMinutes: 90,
    seriesId: null,
    location: null,
    cancelled: false,
  });
  await add('plan (filled)', { type: 'command', command: 'plan', text: 'plan', channel, actor: chair });
  // A member of two groups types a command in their private chat: which group? (names with & and <).
  const second = slackChannel({ channelId: 'C0SECOND', channelName: 'LSG Lysekil & <Sotenäs>' });
  await bot.handle({ type: 'bot-added', channel: second, actor: member });
  await add('my-tasks (none)', { type: 'command', command: 'uppgifter', text: 'mina uppgifter', channel: slackChannel({ channelId: 'D1', isPersonal: true }), actor: member });
  await add('choose-group', { type: 'command', command: 'plan', text: 'plan', channel: slackChannel({ channelId: 'D1', isPersonal: true }), actor: member });
  await add('summary (filled)', { type: 'button', action: 'show-summary', args: {}, channel, actor: chair });
  replies.push(...(await memberReplies(locale)));
  replies.push(...(await meetingReplies(locale)));
  replies.push(...(await reportReplies(locale)));
  replies.push(...(await schedulerReplies(locale)));
  replies.push(...(await meetingSummaryReplies(locale)));
  replies.push(...(await regionalReplies(locale)));
  replies.push(...(await runActionPlanScenario(locale)).replies.map(({ name, reply }) => ({ name: `action plan: ${name}`, locale, reply })));
  replies.push(...(await exportReplies(locale)));
  // The chair prepares next year's plan beside the one in force: the planning version with its buttons.
  const planning = await store.plans.create({ groupId: group!.id, year: 2027, version: 1, decidedAt: null, decidedByMemberId: null, sentToOfficeAt: null, lastRevisedAt: null });
  await store.activities.create({
    planId: planning.id,
    title: 'Suicidprevention <för unga> & vuxna',
    description: 'Beskrivning',
    targetGroup: 'vuxen',
    focusAreaCode: 'FO2',
    goalCode: 'FO2.1',
    startDate: new Date('2027-01-15T00:00:00Z'),
    endDate: new Date('2027-11-30T00:00:00Z'),
    status: 'planerad',
    proposalId: null,
  });
  await add('plan (with planning version)', { type: 'command', command: 'plan', text: 'plan', channel, actor: chair });
  return replies;
}
