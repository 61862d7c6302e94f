// Replays processed once on Teams (issue 13): the REAL server and SQLite store, Teams-shaped activities
// posted to /api/messages. A message or an Action.Execute invoke delivered twice with the same activity id
// in the same conversation is handled once: the message copy gets a 200 and no second post, the invoke copy
// a 200 invoke answer that stores nothing. A new activity with the same content is handled again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, Group } from '../../src/core/domain.js';
import { sv } from '../../src/i18n/sv.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';
import { CHAIR, TENANT_ID, cardExecute, message, teamChannel, type TeamsUser } from '../support/teams-activities.js';
import { ADAPTIVE_CARD, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const CONVENER: TeamsUser = { id: '29:1cilla', name: 'Cilla Sammankallande', aadObjectId: 'aad-cilla-0003' };

describe('repeated Teams activities', () => {
  let teams: TeamsHarness;
  let group: Group;
  let assignment: Assignment;

  beforeAll(async () => {
    teams = await startTeamsHarness({ name: 'replays-teams', channel: teamChannel({ teamName: 'Samverkan Uddevalla' }) });
    [group] = (await teams.store.groups.list()) as [Group];
    const convener = await addMember(teams.store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CONVENER.aadObjectId, displayName: CONVENER.name, roles: ['sammankallande'] });
    ({ assignment } = await addAssignment(teams.store, group.id, { convener }));
  });

  afterAll(() => teams?.close());

  beforeEach(() => teams.connector.clear());

  it('answers a message delivered twice with the same activity id once', async () => {
    const typed = message(teams.channel, teams.connector.serviceUrl, CHAIR, 'hjälp');
    expect((await teams.post(typed)).status).toBe(200);
    expect(teams.connector.posts).toHaveLength(1);
    const again = await teams.post(typed);
    expect(again.status).toBe(200);
    expect(teams.connector.posts).toHaveLength(1);
    // The same words as a new activity (a new id) are a new message, answered again.
    expect((await teams.post(message(teams.channel, teams.connector.serviceUrl, CHAIR, 'hjälp'))).status).toBe(200);
    expect(teams.connector.posts).toHaveLength(2);
  });

  it('stores one report when the same Action.Execute invoke arrives twice, and answers the copy with a 200 message', async () => {
    const submit = cardExecute(teams.channel, teams.connector.serviceUrl, CONVENER, 'progress-report', {
      form: 'progress-report',
      assignmentId: assignment.id,
      correctsReportId: '',
      draftForm: 'progress-report',
      ...VALID_PROGRESS,
    });
    const first = await teams.post(submit);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    expect(collectCardTexts(first.body.value)[0]).toBe(sv.reports.view.submitted);
    const postsAfterFirst = teams.connector.posts.length;

    const copy = await teams.post(submit);
    expect(copy.status).toBe(200);
    expect(copy.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: sv.errors.alreadyReceived });
    expect(teams.connector.posts).toHaveLength(postsAfterFirst);
    expect(await teams.store.progressReports.list({ assignmentId: assignment.id })).toHaveLength(1);
  });

  it('keeps conversations apart: the same activity id in another conversation is its own activity', async () => {
    const typed = message(teams.channel, teams.connector.serviceUrl, CHAIR, 'hjälp');
    expect((await teams.post(typed)).status).toBe(200);
    const elsewhere = { ...typed, conversation: { ...(typed.conversation as Record<string, unknown>), id: `${teams.channel.id};messageid=other` } };
    expect((await teams.post(elsewhere)).status).toBe(200);
    expect(teams.connector.posts).toHaveLength(2);
  });
});
