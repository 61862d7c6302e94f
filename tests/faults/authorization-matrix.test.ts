// Who may do what: every command, button and form of the handler tables in src/core/bot.ts, pressed by
// every role, with ids of the actor's own group, of another group in the same workspace/tenant, and of a
// group in another tenant (which has the same channel and user ids on purpose). Driven through createBot
// on the in-memory store with a fixed clock.
//
// Y = allowed (the use case answered: a form, a card, validation errors, or a state message such as
// "voting is not open"); . = refused (a role refusal or "not found" for an id outside the group).
// A refused press changes nothing but the actor's own membership (people who speak in a channel become
// ledamot); a press with foreign ids never changes, creates a reference to, or shows the other group's data.
import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUTTON_ACTIONS, COMMANDS, FORMS, type Actor, type FormValues, type InboundEvent, type Reply } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { sv } from '../../src/i18n/sv.js';
import { ROLES, USERS, channelOf, seedGroup, worldBot, type Who, type World } from '../support/authorization-world.js';

const PLACES = ['own group', 'other group', 'other tenant'] as const;
type Place = (typeof PLACES)[number];

// Three blocks per row: the ids come from the actor's own group | another group in the same workspace |
// a group in another tenant. Columns in each block: ordförande, sammankallande of the assignment in the ids,
// sammankallande of another assignment, ledamot, ersättare standing in for the first sammankallande, kansli,
// someone not yet a member (who becomes ledamot on speaking). Commands carry no ids, and neither do the
// buttons and forms that start something new (open-settings, meeting, new-homework …): their three blocks
// are the same. Every other row refuses every foreign id. The kansli is a person of the region file of
// the tests (a ledamot row in the group: the member role grants nothing); a data-rights request is confirmed only by the member who made it, so the
// other group's request is refused too. "<use case> (<variant>)" rows run a use case with other arguments
// (see ARGS).
// o ordförande, S/s sammankallande (eget/annat uppdrag), l ledamot, e ersättare, k kansli, n inte medlem ännu
//                                       o S s l e k n   o S s l e k n   o S s l e k n
const EXPECTED: Record<string, string> = {
  "command hjalp":                      'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command rapport":                    '. Y Y . Y . . | . Y Y . Y . . | . Y Y . Y . .',
  "command uppgifter":                  'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command plan":                       'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command sammanfattning":             'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command installningar":              'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "command medlemmar":                  'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command moten":                      'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command analys":                     'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command prioritering":               'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command uppdrag":                    'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command genomforandeplan":           '. Y Y . . . . | . Y Y . . . . | . Y Y . . . .',
  "command utvardering":                'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command hemuppgift":                 'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-settings":               'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "button show-plan":                   'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button show-help":                   'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button show-summary":                'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-report":                 '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "button show-members":                'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button edit-member":                 'Y . . Y . Y . | . . . . . . . | . . . . . . .',
  "button import-members":              'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "button show-meetings":               'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-meeting":                'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "button open-meeting-series":         'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "button open-move-meeting":           'Y . . . . Y . | . . . . . . . | . . . . . . .',
  "button cancel-meeting":              'Y . . . . Y . | . . . . . . . | . . . . . . .',
  "button restore-meeting":             'Y . . . . Y . | . . . . . . . | . . . . . . .',
  "button show-analysis":               'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-analysis-round":         'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "button open-proposal":               'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button open-merge":                  'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-voting-round":           'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-ballot":                 'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button close-voting":                'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button show-prioritisation":         'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-activity":               'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button decide-plan":                 'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "button carry-over-activities":       'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "button open-assignment":             'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-implementation-plan":    '. Y . . . . . | . . . . . . . | . . . . . . .',
  "button save-draft":                  '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "button correct-report":              '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "button show-report":                 'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button accept-final-report":         'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-follow-up":              'Y Y . . Y . . | . . . . . . . | . . . . . . .',
  "button open-evaluation":             'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button show-evaluations":            'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "button open-new-homework":           'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "button answer-homework":             'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button show-homework-summary":       'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form settings":                      'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "form member":                        'Y . . Y . Y . | . . . . . . . | . . . . . . .',
  "form choose-member":                 'Y . . . . Y . | . . . . . . . | . . . . . . .',
  "form meeting":                       'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "form meeting-series":                'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
  "form move-meeting":                  'Y . . . . Y . | . . . . . . . | . . . . . . .',
  "form analysis-round":                'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "form proposal":                      'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form merge-proposals":               'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form voting-round":                  'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form ballot":                        'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form activity":                      'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form assignment":                    'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form implementation-plan":           '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form choose-assignment":             '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "form progress-report":               '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "form final-report":                  '. Y . . Y . . | . . . . . . . | . . . . . . .',
  "form follow-up":                     'Y Y . . Y . . | . . . . . . . | . . . . . . .',
  "form evaluation":                    'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "form new-homework":                  'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "form homework-answer":               'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "command exportera":                  'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "command region":                     '. . . . . Y . | . . . . . Y . | . . . . . Y .',
  "command personuppgifter":            '. . . . . Y . | . . . . . Y . | . . . . . Y .',
  "command personuppgifter (visa)":     '. . . . . Y . | . . . . . Y . | . . . . . Y .',
  "command personuppgifter (anonymisera)": '. . . . . Y . | . . . . . Y . | . . . . . Y .',
  "button open-export":                 'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button show-assignment":             'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "button confirm-data-rights":         '. . . . . Y . | . . . . . . . | . . . . . . .',
  "button open-removal":                'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-removal (delmål)":       '. Y . . . . . | . . . . . . . | . . . . . . .',
  "button open-plan-item":              '. Y . . . . . | . . . . . . . | . . . . . . .',
  "button open-plan-item (ny indikator)": '. Y . . . . . | . . . . . . . | . . . . . . .',
  "button open-implementation-text":    '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form export":                        'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form export (rapport)":              'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form export (slutrapport)":          'Y Y Y Y Y Y Y | . . . . . . . | . . . . . . .',
  "form export (tabeller)":             'Y Y Y Y Y Y Y | Y Y Y Y Y Y Y | Y Y Y Y Y Y Y',
  "form confirm-removal":               'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form confirm-removal (delmål)":      '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form sub-goal":                      '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form plan-task":                     '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form indicator":                     '. Y . . . . . | . . . . . . . | . . . . . . .',
  "form confirm-decision":              'Y . . . . . . | Y . . . . . . | Y . . . . . .',
  "button open-assignment-change":      'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button open-final-report-return":    'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form assignment-change":             'Y . . . . . . | . . . . . . . | . . . . . . .',
  "form final-report-return":           'Y . . . . . . | . . . . . . . | . . . . . . .',
  "button run-command":                 'Y . . . . Y . | Y . . . . Y . | Y . . . . Y .',
};

type UseCase = { label: string; event: (ids: FormValues) => Omit<InboundEvent, 'channel' | 'actor'> };

/**
 * What a use case needs besides the world's ids (a command's text, which entry of a plan, the export kind),
 * built from the ids of the place. A label "<use case> (<variant>)" runs the use case once more with other
 * arguments: a removal of an activity and of an implementation-plan entry are ruled by different roles.
 */
const ARGS: Record<string, (ids: FormValues) => FormValues> = {
  'command personuppgifter (visa)': () => ({ text: 'personuppgifter visa Bo Ledamot' }),
  'command personuppgifter (anonymisera)': () => ({ text: 'personuppgifter anonymisera Bo Ledamot' }),
  'button open-export': (ids) => ({ what: 'report', reportId: `p-${ids.reportId}` }),
  'form export': () => ({ what: 'assignment' }),
  'form export (rapport)': (ids) => ({ what: 'report', reportId: `p-${ids.reportId}` }),
  'form export (slutrapport)': (ids) => ({ what: 'report', reportId: `f-${ids.finalReportId}` }),
  'form export (tabeller)': () => ({ what: 'all-tables', format: 'xlsx' }),
  'button open-removal': (ids) => ({ kind: 'activity', id: ids.spareActivityId! }),
  'button open-removal (delmål)': (ids) => ({ kind: 'sub-goal', id: ids.subGoalId! }),
  'form confirm-removal': (ids) => ({ kind: 'activity', id: ids.spareActivityId! }),
  'form confirm-removal (delmål)': (ids) => ({ kind: 'sub-goal', id: ids.subGoalId! }),
  'button open-plan-item': (ids) => ({ kind: 'sub-goal', itemId: ids.subGoalId! }),
  'button open-plan-item (ny indikator)': () => ({ kind: 'indicator', itemId: '' }),
  'form sub-goal': (ids) => ({ itemId: ids.subGoalId!, title: 'Rutinen införd', owner: 'Cilla', dueDate: '2026-11-30' }),
  'form plan-task': (ids) => ({ itemId: ids.taskId!, who: 'Regionen', what: 'Utbildning', when: 'november' }),
  'form indicator': (ids) => ({ itemId: ids.indicatorId!, name: 'Antal SIP', unit: 'st', baseline: '10', target: '20', method: 'Journalen' }),
  'form assignment-change': (ids) => ({ endDate: '2027-06-30', convenerMemberId: ids.convenerMemberId!, status: 'aktivt', reason: 'Utbildningen tar en termin till' }),
  'form final-report-return': () => ({ missing: 'Resultat per part saknas' }),
  // A command chosen from the private chat runs with the rights of that command.
  'button run-command': () => ({ command: 'installningar', text: 'inställningar' }),
};

const withArgs = (label: string, ids: FormValues): FormValues => ({ ...ids, ...ARGS[label]?.(ids) });

const BASE_USE_CASES: UseCase[] = [
  ...COMMANDS.map((command) => ({ label: `command ${command}`, event: () => ({ type: 'command', command, text: command }) as const })),
  ...BUTTON_ACTIONS.map((action) => ({ label: `button ${action}`, event: (ids: FormValues) => ({ type: 'button', action, args: withArgs(`button ${action}`, ids) }) as const })),
  ...FORMS.map((form) => ({ label: `form ${form}`, event: (ids: FormValues) => ({ type: 'form-submitted', form, values: withArgs(`form ${form}`, ids) }) as const })),
];

const VARIANTS: UseCase[] = Object.keys(ARGS)
  .filter((label) => label.includes(' ('))
  .map((label) => {
    const base = BASE_USE_CASES.find((useCase) => useCase.label === label.slice(0, label.indexOf(' (')))!;
    return {
      label,
      event: (ids: FormValues) => {
        const event = base.event(ids);
        const args = withArgs(label, ids);
        if (event.type === 'command') return { ...event, text: args.text ?? '' };
        return event.type === 'button' ? { ...event, args } : { ...event, values: args };
      },
    };
  });

const USE_CASES: UseCase[] = [...BASE_USE_CASES, ...VARIANTS];

/** Texts that say "not you" or "not here": a refusal, whatever the parameters. */
const REFUSALS = [
  sv.notice.notAllowed,
  sv.members.notAllowed,
  sv.members.unknownMember,
  sv.meetings.notAllowed,
  sv.meetings.notFound,
  sv.actionPlan.refusals.chairOnly,
  sv.actionPlan.implementation.onlyConvener,
  sv.actionPlan.implementation.noAssignment,
  sv.actionPlan.analysis.noRound,
  sv.reports.access.notConvener,
  sv.reports.access.notFound,
  sv.reports.access.reportNotFound,
  sv.reports.access.chairOnly,
  sv.reports.followUp.onlyConvenerOrChair,
  sv.reports.homework.notFound,
  sv.reports.homework.chairOnly,
  sv.missing.activity,
  sv.meetingSummary.assignmentNotFound,
  sv.exports.errors.notInGroup,
  sv.regional.notAllowed,
  sv.regional.dataRights.requestNotFound,
  sv.regional.dataRights.onlyRequester,
  sv.actionPlan.removal.unknownActivity,
  sv.actionPlan.implementation.unknownItem,
  sv.assignmentChanges.errors.notFound,
  // The own round is seeded in the state each use case needs (see VOTING), so these answer only a round
  // that is not the group's.
  sv.actionPlan.analysis.notCollecting,
  sv.actionPlan.voting.notCollecting,
  sv.actionPlan.voting.notVoting,
].map((template) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-zA-Z]+\}/g, '[\\s\\S]*')}$`));

/** Fields that name a record; a form that comes back with an error on one refused the id. */
const ID_FIELDS = ['assignmentId', 'memberId', 'memberIds', 'convenerMemberId', 'substituteForMemberId', 'organisationId', 'roundId', 'proposalId', 'proposalIds', 'activityId', 'meetingId', 'homeworkId', 'itemId', 'id', 'requestId'];

/** Use cases that need the round in voting (rostning); the others get it collecting proposals (forslag). */
const VOTING = ['button open-ballot', 'form ballot', 'button close-voting'];

function outcome(reply: Reply): 'Y' | '.' {
  if (reply.kind === 'form-errors' && Object.keys(reply.errors).some((field) => ID_FIELDS.includes(field))) return '.';
  if (reply.kind === 'card' && reply.card === 'notice') {
    const text = String(reply.data.text);
    return REFUSALS.some((pattern) => pattern.test(text)) ? '.' : 'Y';
  }
  return 'Y';
}

type Snapshot = Map<string, Map<string, string>>;

async function snapshot(store: Store): Promise<Snapshot> {
  const tables: Snapshot = new Map();
  for (const [name, repository] of Object.entries(store)) {
    if (typeof repository !== 'object' || !('list' in repository)) continue;
    const rows = (await (repository as { list(): Promise<{ id: string }[]> }).list()) ?? [];
    tables.set(name, new Map(rows.map((row) => [row.id, JSON.stringify(row)])));
  }
  return tables;
}

interface Cell {
  reply: Reply;
  result: 'Y' | '.';
  before: Snapshot;
  after: Snapshot;
  foreignIds: Set<string>;
  foreignMarkers: string[];
}

async function run(useCase: UseCase, who: Who, place: Place): Promise<Cell> {
  const { store, bot } = worldBot();
  const voting = VOTING.includes(useCase.label);
  const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', voting);
  const before = await snapshot(store);
  const ownIds = new Set([...before.values()].flatMap((rows) => [...rows.keys()]));
  const otherGroup = await seedGroup(bot, store, channelOf('T111', 'C222', 'Samverkan Lysekil'), 'GRUPP-B', voting);
  // Another tenant: the same channel id and the same user ids, on purpose.
  const otherTenant = await seedGroup(bot, store, channelOf('T999', 'C111', 'Samverkan Borås'), 'GRUPP-C', voting);
  const seeded = await snapshot(store);
  const foreignIds = new Set([...seeded.values()].flatMap((rows) => [...rows.keys()]).filter((id) => !ownIds.has(id)));
  const ids = place === 'own group' ? own.ids : place === 'other group' ? otherGroup.ids : otherTenant.ids;
  const user = USERS[who] ?? { userId: 'U_NEWCOMER', displayName: 'Nina Ny' };
  const actor: Actor = { platform: 'slack', tenantId: 'T111', userId: user.userId, displayName: user.displayName };
  const reply = await bot.handle({ ...useCase.event(ids), channel: own.channel, actor } as InboundEvent);
  return { reply, result: outcome(reply), before: seeded, after: await snapshot(store), foreignIds, foreignMarkers: ['GRUPP-B', 'GRUPP-C'] };
}

/** What changed between two snapshots, as "table: id" lines; new members are left out (see the header). */
function changes(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [table, rows] of after) {
    if (table === 'members') continue;
    for (const [id, row] of rows) if (before.get(table)?.get(id) !== row) changed.push(`${table}: ${id}`);
    for (const id of before.get(table)?.keys() ?? []) if (!rows.has(id)) changed.push(`${table}: ${id} deleted`);
  }
  return changed;
}

const rows = USE_CASES.map((useCase) => useCase.label);

describe('authorization matrix', () => {
  it('lists every use case of the handler tables', () => {
    expect(BASE_USE_CASES).toHaveLength(COMMANDS.length + BUTTON_ACTIONS.length + FORMS.length);
    for (const label of Object.keys(ARGS)) expect(rows, `ARGS names a use case: ${label}`).toContain(label);
    if (!process.env.PRINT_MATRIX) expect(Object.keys(EXPECTED).sort()).toEqual([...rows].sort());
  });

  it('keeps tenants apart: the same channel and user ids in another tenant are another group', async () => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', false);
    const other = await seedGroup(bot, store, channelOf('T999', 'C111', 'Samverkan Borås'), 'GRUPP-C', false);
    expect(await store.groups.list()).toHaveLength(2);
    const chairIn = (world: World) => ({ type: 'button', action: 'show-report', args: { reportId: world.ids.reportId }, channel: world.channel, actor: { platform: 'slack', tenantId: world.channel.tenantId, userId: 'U_CHAIR', displayName: 'Anna Ordförande' } }) as const;
    expect(JSON.stringify(await bot.handle(chairIn(own)))).toContain('Rapport GRUPP-A');
    expect(JSON.stringify(await bot.handle(chairIn(other)))).toContain('Rapport GRUPP-C');
    expect(JSON.stringify(await bot.handle({ ...chairIn(own), args: { reportId: other.ids.reportId } }))).not.toContain('GRUPP-C');
  });

  // The cross-workspace column: an actor from another workspace in the group's own (shared) channel, with the
  // chair's very user id on purpose. Every use case but help is refused, and nothing changes: no member is added.
  it.each(USE_CASES.map((useCase) => [useCase.label, useCase] as const))('refuses %s to an actor from another workspace in the group channel', async (_label, useCase) => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', VOTING.includes(useCase.label));
    const before = await snapshot(store);
    const actor: Actor = { platform: 'slack', tenantId: 'T999', userId: 'U_CHAIR', displayName: 'Anna från annan arbetsyta' };
    const reply = await bot.handle({ ...useCase.event(own.ids), channel: own.channel, actor } as InboundEvent);
    const help = useCase.label === 'command hjalp' || useCase.label === 'button show-help';
    expect(reply).toMatchObject(help ? { card: 'help' } : { card: 'notice', data: { outsideGroup: true } });
    expect(await snapshot(store)).toEqual(before);
  });

  it('does not add a copy when an edit names an activity of another group (it used to)', async () => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', false);
    const other = await seedGroup(bot, store, channelOf('T111', 'C222', 'Samverkan Lysekil'), 'GRUPP-B', false);
    const chair: Actor = { platform: 'slack', tenantId: 'T111', userId: 'U_CHAIR', displayName: 'Anna Ordförande' };
    const values = { activityId: other.ids.activityId, proposalId: '', title: 'Ny rutin', description: 'Rutin för SIP', targetGroup: 'vuxen', startDate: '2027-01-15', endDate: '2027-12-15', goal: 'SIP/SIP1', status: 'planerad' };
    const before = await store.activities.list();
    const reply = await bot.handle({ type: 'form-submitted', form: 'activity', values, channel: own.channel, actor: chair });
    expect(reply).toMatchObject({ kind: 'card', card: 'notice', data: { text: sv.missing.activity } });
    expect(await store.activities.list()).toEqual(before);
    // The same values without the foreign id add the activity: the refusal is about the id alone.
    const added = await bot.handle({ type: 'form-submitted', form: 'activity', values: { ...values, activityId: '' }, channel: own.channel, actor: chair });
    expect(added.kind).toBe('card');
    expect(await store.activities.list()).toHaveLength(before.length + 1);
  });

  it('refuses an export form that preselects an assignment or report of another group (it used to put the id in the form)', async () => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', false);
    const other = await seedGroup(bot, store, channelOf('T999', 'C111', 'Samverkan Borås'), 'GRUPP-C', false);
    const member: Actor = { platform: 'slack', tenantId: 'T111', userId: 'U_MEMBER', displayName: 'Bo Ledamot' };
    const open = (args: FormValues) => bot.handle({ type: 'button', action: 'open-export', args, channel: own.channel, actor: member });
    for (const args of [{ assignmentId: other.ids.assignmentId! }, { reportId: `p-${other.ids.reportId}` }, { reportId: `f-${other.ids.finalReportId}` }]) {
      const reply = await open(args);
      expect(reply).toMatchObject({ kind: 'card', card: 'notice', data: { text: sv.exports.errors.notInGroup } });
      expect(JSON.stringify(reply)).not.toContain(Object.values(args)[0]!.replace(/^[pf]-/, ''));
    }
    // The group's own assignment and report are preselected.
    const reply = await open({ assignmentId: own.ids.assignmentId!, reportId: `p-${own.ids.reportId}` });
    expect(reply).toMatchObject({ kind: 'form', form: 'export', data: { values: { assignmentId: own.ids.assignmentId, reportId: `p-${own.ids.reportId}` } } });
  });

  // Escalation paths that used to grant kansli rights: none of them does now.
  const KANSLI_ONLY = [
    { type: 'command', command: 'region', text: 'region' },
    { type: 'command', command: 'personuppgifter', text: 'personuppgifter visa Anna Ordförande' },
    { type: 'command', command: 'personuppgifter', text: 'personuppgifter radera Anna Ordförande' },
  ] as const;

  it('refuses region and personuppgifter to a member holding the old "kansli" role (it used to grant them)', async () => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', false);
    const bo = (await store.members.list()).find((member) => member.platformUserId === 'U_MEMBER')!;
    await store.members.update(bo.id, { roles: ['kansli'] });
    const actor: Actor = { platform: 'slack', tenantId: 'T111', userId: 'U_MEMBER', displayName: 'Bo Ledamot' };
    for (const event of KANSLI_ONLY) expect(outcome(await bot.handle({ ...event, channel: own.channel, actor }))).toBe('.');
  });

  it('refuses region and personuppgifter to a member asking in a channel named as kanslikanal (it used to grant them)', async () => {
    const { store, bot } = worldBot();
    const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', false);
    const office = await seedGroup(bot, store, channelOf('T111', 'C0KANSLI', 'Kansliet'), 'KANSLI', false);
    const [group] = await store.groups.list();
    await store.groups.update(group!.id, { officeChannelId: 'C0KANSLI' });
    const actor: Actor = { platform: 'slack', tenantId: 'T111', userId: 'U_MEMBER', displayName: 'Bo Ledamot' };
    for (const event of KANSLI_ONLY) expect(outcome(await bot.handle({ ...event, channel: office.channel, actor }))).toBe('.');
    expect(own.channel.channelId).toBe('C111');
  });

  it.each(USE_CASES.map((useCase) => [useCase.label, useCase] as const))('%s', async (label, useCase) => {
    const observed: string[] = [];
    const problems: string[] = [];
    for (const place of PLACES) {
      const cells: string[] = [];
      for (const who of ROLES) {
        const cell = await run(useCase, who, place);
        cells.push(cell.result);
        const shown = JSON.stringify(cell.reply);
        for (const marker of cell.foreignMarkers) if (shown.includes(marker)) problems.push(`${place}/${who}: the reply shows ${marker}'s data`);
        const changed = changes(cell.before, cell.after);
        if (cell.result === '.' && changed.length > 0) problems.push(`${place}/${who}: refused but changed ${changed.join(', ')}`);
        for (const [table, rows] of cell.after) {
          for (const [id, row] of rows) {
            if (table === 'members') continue;
            const existed = cell.before.get(table)?.has(id);
            if (existed && cell.foreignIds.has(id) && cell.before.get(table)!.get(id) !== row) problems.push(`${place}/${who}: changed ${table} ${id} of another group`);
            if (!existed && [...cell.foreignIds].some((foreign) => row.includes(foreign))) problems.push(`${place}/${who}: new ${table} row refers to another group's data`);
          }
        }
      }
      observed.push(cells.join(' '));
    }
    const line = observed.join(' | ');
    // PRINT_MATRIX=<file> writes the observed table, to review against the rules before updating EXPECTED.
    if (process.env.PRINT_MATRIX) appendFileSync(process.env.PRINT_MATRIX, `  ${JSON.stringify(label)}: ${' '.repeat(Math.max(0, 34 - label.length))}'${line}',\n`);
    expect(problems).toEqual([]);
    if (!process.env.PRINT_MATRIX) expect(line).toBe(EXPECTED[label]);
  });
});
