// A stream of progress reports into the real process (src/main.ts), as Teams sends them (Action.Execute):
// shared by the fault tests that kill, back up or stop the bot while reports arrive.
import type { Assignment, Group } from '../../src/core/domain.js';
import type { Store } from '../../src/core/ports.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { sv } from '../../src/i18n/sv.js';
import { collectCardTexts } from './fake-bot-connector.js';
import { addAssignment, addMember, VALID_PROGRESS } from './report-fixtures.js';
import { CHAIR, TENANT_ID, botInstalled, cardExecute, type TeamsConversation, type TeamsUser } from './teams-activities.js';
import { ADAPTIVE_CARD, postActivity, type HttpAnswer } from './teams-harness.js';

export const CONVENER: TeamsUser = { id: '29:1cilla', name: 'Cilla Sammankallande', aadObjectId: 'aad-cilla-0003' };

export const progressText = (n: number) => `Lägesrapport nummer ${n}: utbildningen pågår.`;

/** Report number `n` from the convener, submitted in `channel`. */
export function submitProgress(url: string, channel: TeamsConversation, serviceUrl: string, assignment: Assignment, n: number): Promise<HttpAnswer> {
  return postActivity(url, cardExecute(channel, serviceUrl, CONVENER, 'progress-report', {
    form: 'progress-report',
    assignmentId: assignment.id,
    correctsReportId: '',
    draftForm: 'progress-report',
    ...VALID_PROGRESS,
    progressText: progressText(n),
  }));
}

/** True when the answer is the "submitted" card: the report is stored. */
export function acknowledged(answer: HttpAnswer): boolean {
  return answer.status === 200 && answer.body?.statusCode === 200 && answer.body?.type === ADAPTIVE_CARD && collectCardTexts(answer.body.value)[0] === sv.reports.view.submitted;
}

/**
 * The bot at `url` added to `channel` (the chair installs it), then, in the database, the convener and an
 * assignment to report on. Returns a store of the test's own on the same database.
 */
export async function groupWithAssignment(url: string, databaseUrl: string, channel: TeamsConversation, serviceUrl: string): Promise<{ store: Store; group: Group; assignment: Assignment }> {
  const installed = await postActivity(url, botInstalled(channel, serviceUrl, CHAIR));
  if (installed.status !== 200) throw new Error(`installing the bot answered ${installed.status}`);
  const store = createStore(databaseUrl);
  const [group] = (await store.groups.list()) as [Group];
  const convener = await addMember(store, group.id, { platform: 'teams', tenantId: TENANT_ID, userId: CONVENER.aadObjectId, displayName: CONVENER.name, roles: ['sammankallande'] });
  const { assignment } = await addAssignment(store, group.id, { convener });
  return { store, group, assignment };
}
