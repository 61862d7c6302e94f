// Contract test of /rapport on Teams: the REAL server and SQLite store, driven with Teams-shaped activities:
// a typed "rapport" in the channel → the avrapportering card in the convener's personal chat (the channel
// gets one neutral line) → Action.Execute there with a personnummer (the card comes back with the error and
// everything typed; the draft is kept) → "Spara utkast" → a valid submit, whose news reaches the channel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, Group } from '../../src/core/domain.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';
import { collectCardTexts, personalConversationId } from '../support/fake-bot-connector.js';
import { createChannelSender } from '../../src/adapters/channel-sender.js';
import { drainOutbox } from '../../src/core/use-cases/drain-outbox.js';
import { planReportPrompts } from '../../src/core/use-cases/report-prompts.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../support/fixed-clock.js';
import { clockSleep, depsOf } from '../scheduler/fixtures.js';
import { CHAIR, TENANT_ID, message, teamChannel, type TeamsUser } from '../support/teams-activities.js';
import { ADAPTIVE_CARD as CARD, byVerb, inputsById as inputs, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';

const CONVENER: TeamsUser = { id: '29:1cilla', name: 'Cilla Sammankallande', aadObjectId: 'aad-cilla-0003' };
const SUBSTITUTE: TeamsUser = { id: '29:1sven', name: 'Sven Ersättare', aadObjectId: 'aad-sven-0004' };

describe('/rapport on Teams', () => {
  let teams: TeamsHarness;
  let group: Group;
  let assignment: Assignment;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'reports-teams', channel: teamChannel({ teamName: 'Samverkan Uddevalla' }) });
    const { store } = teams;
    [group] = (await store.groups.list()) as [Group];
    const convener = await addMember(store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CONVENER.aadObjectId, displayName: CONVENER.name, roles: ['sammankallande'] });
    await addMember(store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: SUBSTITUTE.aadObjectId, displayName: SUBSTITUTE.name, roles: ['ersattare'], substituteFor: convener });
    ({ assignment } = await addAssignment(store, group.id, { convener }));
  });

  afterAll(() => teams?.close());

  beforeEach(() => teams.connector.clear());

  // The form lives in the person's personal chat: every press comes from there, acting for the channel's group.
  const execute = (who: TeamsUser, verb: string, data: Record<string, string>) => teams.invokePrivately(who, verb, data);
  const context = () => ({ assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report' });

  it('answers "rapport" from the convener with the avrapportering card in their personal chat, with its Spara utkast button', async () => {
    const card = await teams.askPrivately('rapport', CONVENER, sv.notice.formSentPrivately);
    expect(parserProblems(card)).toEqual([]);
    expect(schemaProblems(card)).toEqual([]);
    const texts = collectCardTexts(card);
    expect(texts).toEqual(expect.arrayContaining(['Lägesrapport – avrapportering till uppdragsgivaren: SIP-rutin för barn och unga', sv.reports.privacy.rule, sv.reports.privacy.progress, sv.reports.progress.progressText]));
    expect(Object.keys(inputs(card))).toEqual(['progressText', 'statusColour', 'worksWell', 'worksLessWell', 'timelineHolds', 'newEndDate', 'indicator_i1', 'indicator_i2', 'subgoal_sg1', 'subgoal_sg2']);
    expect(card.actions.map((action: any) => [action.verb, action.data])).toEqual([
      ['progress-report', { form: 'progress-report', ...context(), originChannelId: teams.channel.id }],
      ['save-draft', { action: 'save-draft', ...context(), originChannelId: teams.channel.id }],
    ]);
  });

  it('Action.Execute with a personnummer re-renders the card with the error under the field and everything typed', async () => {
    const typed = { ...VALID_PROGRESS, worksWell: 'Samordnaren för 121212-1212 var bra' };
    const answer = await execute(CONVENER, 'progress-report', { form: 'progress-report', ...context(), ...typed });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
    const card = answer.body.value;
    expect(parserProblems(card)).toEqual([]);
    const body = card.body as Record<string, any>[];
    const index = body.findIndex((node) => node.id === 'worksWell');
    expect(body[index]!.value).toBe(typed.worksWell);
    expect(body[index + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: format(sv.reports.errors.identityNumber, { field: sv.reports.progress.worksWell }) });
    // Input.Number holds the number; Teams shows it in the person's own number format.
    expect(inputs(card).indicator_i2.value).toBe(61.5);
    expect(await teams.store.progressReports.list({ assignmentId: assignment.id })).toEqual([]);
    const [draft] = await teams.store.formDrafts.list({ groupId: group.id });
    expect(draft!.values.worksWell).toBe('Samordnaren för XXXXXX-XXXX var bra');
  });

  it('"Spara utkast" keeps the draft and reopening continues it', async () => {
    const answer = await execute(CONVENER, 'save-draft', { action: 'save-draft', ...context(), progressText: 'Halvvägs genom utbildningen', statusColour: 'gul' });
    expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
    expect(collectCardTexts(answer.body.value)).toEqual([format(sv.reports.draftSaved, { what: 'lägesrapport' }), sv.reports.buttons.continueDraft]);
    const reopened = await execute(CONVENER, 'open-report', { action: 'open-report', assignmentId: assignment.id, reportKind: 'progress' });
    const fields = inputs(reopened.body.value);
    expect(fields.progressText.value).toBe('Halvvägs genom utbildningen');
    expect(fields.statusColour.value).toBe('gul');
  });

  it('lets the ersättare submit a valid report from the personal chat; the store keeps it and the channel gets the news', async () => {
    const answer = await execute(SUBSTITUTE, 'progress-report', { form: 'progress-report', ...context(), ...VALID_PROGRESS });
    expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
    const texts = collectCardTexts(answer.body.value);
    // The group sees the report received as a new message in its channel: the same card, without the
    // private chat's marks on its buttons.
    const news = teams.channelPosts();
    expect(news).toHaveLength(1);
    expect(news[0]!.replyToId).toBeNull();
    expect(collectCardTexts(news[0]!.activity.attachments![0]!.content)).toEqual(texts);
    expect(JSON.stringify(news[0]!.activity.attachments![0]!.content)).not.toContain('originChannelId');
    expect(texts[0]).toBe(sv.reports.view.submitted);
    expect(texts).toEqual(expect.arrayContaining(['Lägesrapport: SIP-rutin för barn och unga', VALID_PROGRESS.progressText, sv.reports.buttons.correct]));
    const [report] = await teams.store.progressReports.list({ assignmentId: assignment.id });
    const substitute = await teams.store.members.findByPlatformUser(group.id, 'teams', SUBSTITUTE.aadObjectId);
    expect(report).toMatchObject({ submitted: true, authorMemberId: substitute!.id, indicatorValues: { i1: 18, i2: 61.5 } });
    expect(await teams.store.formDrafts.list({ groupId: group.id })).toEqual([]);
  });

  it('tells a member who is not a convener who can report', async () => {
    await teams.post(message(teams.channel, teams.connector.serviceUrl, CHAIR, 'rapport'));
    expect(collectCardTexts(teams.connector.posts[0]!.activity.attachments![0]!.content)).toEqual([
      format(sv.reports.access.notConvener, { assignments: '"SIP-rutin för barn och unga" (sammankallande Cilla Sammankallande, ersättare Sven Ersättare)', howToReport: sv.reports.access.howToReport.teams }),
    ]);
  });
});

describe('the scheduled report prompt on Teams', () => {
  const clock = fixedClock('2026-11-23T09:30:00Z'); // Monday 10:30 in Stockholm
  let teams: TeamsHarness;
  let assignment: Assignment;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'report-prompt-teams', channel: teamChannel({ teamName: 'Samverkan Vänersborg' }), env: { SCHEDULER_ENABLED: 'false' }, clock });
    const [group] = (await teams.store.groups.list()) as [Group];
    const convener = await addMember(teams.store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CONVENER.aadObjectId, displayName: CONVENER.name, roles: ['sammankallande'] });
    // Known from the roster import (or an earlier press): the 29: id opens the personal chat.
    await teams.store.members.update(convener.id, { chatUserId: CONVENER.id });
    ({ assignment } = await addAssignment(teams.store, group.id, { convener }));
    // Friday's meeting: the report is due 48 h before it, and the prompt goes out days ahead.
    await teams.store.meetings.create({ groupId: group.id, startsAt: new Date('2026-11-27T12:00:00Z'), durationMinutes: 90, seriesId: null, location: null, cancelled: false });
  });
  afterAll(() => teams?.close());

  it('reaches the convener in their personal chat, and its button opens the form there for the group', async () => {
    const deps = depsOf(teams.store, clock);
    expect(await planReportPrompts(deps, clock.now())).toMatchObject({ prompts: 1 });
    teams.connector.clear();
    const sender = createChannelSender({ config: teams.config, logger: createLogger('silent') });
    expect(await drainOutbox(deps, sender, clock.now(), { workerId: 'test', sleep: clockSleep(clock), until: new Date(clock.now().getTime() + 10_000) })).toMatchObject({ sent: 1 });

    expect(teams.channelPosts(), 'nothing in the channel').toEqual([]);
    expect(teams.connector.createdConversations).toMatchObject([{ isGroup: false, members: [{ id: CONVENER.id }] }]);
    const [prompt] = teams.connector.postsIn(personalConversationId(CONVENER.id));
    const card = prompt!.activity.attachments![0]!.content as Record<string, any>;
    expect(collectCardTexts(card).join(' ')).toContain(assignment.title);
    const button = byVerb(card, 'open-report');
    expect(button.data.originChannelId).toBe(teams.channel.id);
    const form = await teams.pressPrivately(button, {}, CONVENER);
    expect(Object.keys(inputs(form))).toContain('progressText');
  });
});
