// Contract test of /rapport on Slack: the REAL server and SQLite store, signed requests as Slack sends them,
// a fake Slack Web API. Slash command → views.open (a modal that keeps drafts) → view_submission with a
// personnummer (errors under the field, Slack keeps the modal, the draft is stored masked) → closing the
// modal (view_closed keeps the draft, told privately) → a valid submission posted to the channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, Group } from '../../src/core/domain.js';
import { format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';
import { fixture, interaction, viewState, visibleBlockTexts as words } from '../support/slack-requests.js';
import type { SlackHarness } from '../support/slack-harness.js';
import { CHAIR, CHANNEL, CONVENER, TEAM, startSlackReportWorld } from '../support/slack-report-world.js';
import { VALID_PROGRESS } from '../support/report-fixtures.js';

let slack: SlackHarness;
let group: Group;
let assignment: Assignment;

beforeAll(async () => {
  ({ slack, group, assignment } = await startSlackReportWorld('reports-slack'));
});

afterAll(() => slack?.close());

const command = (user: string, text = '', triggerId?: string) => slack.command(text, user, { command: '/rapport', triggerId });

let openedView: Record<string, any>;

/** A view payload for the modal Slack showed, with `values` typed into it. */
function viewPayload(type: 'view_submission' | 'view_closed', values: Record<string, string>) {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.type = type;
  payload.team = { ...payload.team, id: TEAM };
  payload.user = { ...payload.user, id: CONVENER, team_id: TEAM };
  payload.view = { ...payload.view, ...openedView, id: 'V123', state: { values: viewState(openedView as { blocks: Record<string, any>[] }, values) } };
  return interaction(type === 'view_closed' ? { ...payload, is_cleared: false } : payload);
}

describe('/rapport on Slack', () => {
  it('opens the avrapportering modal, which keeps drafts when closed', async () => {
    const from = slack.fake.calls.length;
    expect((await slack.send(command(CONVENER, '', 'trigger.rapport'))).status).toBe(200);
    const opened = await slack.fake.waitFor('views.open', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(opened.body.trigger_id).toBe('trigger.rapport');
    openedView = opened.body.view as Record<string, any>;
    expect(openedView).toMatchObject({ type: 'modal', callback_id: 'progress-report', notify_on_close: true, title: { text: 'Lägesrapport' }, submit: { text: 'Skicka rapporten' } });
    expect(JSON.parse(openedView.private_metadata).context).toEqual({ assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report' });
    expect(openedView.blocks.some((block: any) => block.type === 'actions')).toBe(false);
    const inputs = openedView.blocks.filter((block: any) => block.type === 'input');
    expect(inputs.map((block: any) => [block.block_id, block.label.text])).toEqual([
      ['progressText', sv.reports.progress.progressText],
      ['statusColour', sv.reports.progress.statusColour],
      ['worksWell', sv.reports.progress.worksWell],
      ['worksLessWell', sv.reports.progress.worksLessWell],
      ['timelineHolds', sv.reports.progress.timelineHolds],
      ['newEndDate', sv.reports.progress.newEndDate],
      ['indicator_i1', 'Antal SIP (st), utgångsläge 12, mål 30'],
      ['indicator_i2', 'Andel nöjda familjer (%), utgångsläge 55,5, mål 80'],
      ['subgoal_sg1', 'Rutinen beslutad (klart 2026-06-30)'],
      ['subgoal_sg2', 'Personalen utbildad (klart 2026-10-31)'],
    ]);
    expect(words(openedView.blocks)).toEqual(expect.arrayContaining([sv.reports.privacy.rule, sv.reports.privacy.progress]));
  });

  it('keeps the modal open with the personnummer error under its field, and stores the draft masked', async () => {
    const answer = await slack.send(viewPayload('view_submission', { ...VALID_PROGRESS, progressText: 'Gäller 191212121212 och fler' }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: { progressText: format(sv.reports.errors.identityNumber, { field: sv.reports.progress.progressText }) },
    });
    expect(await slack.store.progressReports.list()).toEqual([]);
    const [draft] = await slack.store.formDrafts.list({ groupId: group.id });
    expect(draft!.values).toMatchObject({ progressText: 'Gäller XXXXXXXXXXXX och fler', indicator_i2: '61,5' });
  });

  it('keeps what was typed when the modal is closed and tells only the convener', async () => {
    const from = slack.fake.calls.length;
    const answer = await slack.send(viewPayload('view_closed', { progressText: 'Stängde för att fråga BUP', statusColour: 'rod' }));
    expect(answer.status).toBe(200);
    const told = await slack.fake.waitFor('chat.postEphemeral', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(told.body).toMatchObject({ channel: CHANNEL, user: CONVENER });
    expect(words(told.body.blocks)).toEqual([format(sv.reports.draftSaved, { what: 'lägesrapport' }), sv.reports.buttons.continueDraft]);
    const [draft] = await slack.store.formDrafts.list({ groupId: group.id });
    expect(draft!.values).toEqual({ progressText: 'Stängde för att fråga BUP', statusColour: 'rod' });

    // /rapport again opens the modal with the draft.
    const again = slack.fake.calls.length;
    await slack.send(command(CONVENER));
    const reopened = await slack.fake.waitFor('views.open', (call) => slack.fake.calls.indexOf(call) >= again);
    const progressText = (reopened.body.view as any).blocks.find((block: any) => block.block_id === 'progressText');
    expect(progressText.element.initial_value).toBe('Stängde för att fråga BUP');
  });

  it('stores a valid report and posts it to the channel, with typed mentions and links shown as text', async () => {
    const from = slack.fake.calls.length;
    const worksWell = 'Samarbetet <!here> med <@U123> i <#C123> & <https://evil.example|BUP>';
    const answer = await slack.send(viewPayload('view_submission', { ...VALID_PROGRESS, worksWell }));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const posted = await slack.fake.waitFor('chat.postMessage', (call) => slack.fake.calls.indexOf(call) >= from);
    expect(posted.body.channel).toBe(CHANNEL);
    expect(words(posted.body.blocks)).toEqual(expect.arrayContaining([sv.reports.view.submitted, 'Lägesrapport: SIP-rutin för barn och unga', VALID_PROGRESS.progressText]));
    // Slack reads mrkdwn blocks and `text` as markup: what was typed reaches it escaped, so nobody is notified
    // or linked, and without the Markdown escapes the card has for Teams.
    expect(posted.body.text).toBe(sv.reports.view.submitted);
    const mrkdwn: string[] = [];
    JSON.stringify(posted.body.blocks, (key, value) => (value?.type === 'mrkdwn' ? void mrkdwn.push(value.text) : value));
    expect(mrkdwn.join('\n')).toContain('Samarbetet &lt;!here&gt; med &lt;@U123&gt; i &lt;#C123&gt; &amp; &lt;https://evil.example|BUP&gt;');
    for (const text of mrkdwn) expect(text).not.toMatch(/<|\\/);
    const [report] = await slack.store.progressReports.list({ assignmentId: assignment.id });
    expect(report).toMatchObject({ submitted: true, statusColour: 'gul', timelineHolds: 'osakert', indicatorValues: { i1: 18, i2: 61.5 }, subGoalStatus: { sg1: 'gron', sg2: 'gul' } });
    expect(await slack.store.formDrafts.list({ groupId: group.id })).toEqual([]);
  });

  it('escapes typed text in the notification `text` of a post as in its blocks', async () => {
    // The group name is typed in the settings form and heads the meetings card, so it is the post's `text`.
    await slack.store.groups.update(group.id, { name: 'LSG <!channel> & <@U123>' });
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.command('möten', CHAIR)), (call) => call.body.channel === CHANNEL);
    expect(posted.body.text).toBe('Möten för LSG &lt;!channel&gt; &amp; &lt;@U123&gt;');
  });
});
