// Property-based fuzzing of every form (FORMS in src/core/events.ts) through the real bot on the in-memory
// store: random and adversarial values in every field of the form's card, hidden context ids that are
// valid, missing, garbage or another group's, sent by any role. The bot never throws and always answers
// with a Reply; a refused form comes back as 'form-errors' with one clear message per bad field and the
// typed text kept. fast-check prints the seed and the shrunk counterexample when a property fails;
// FUZZ_SEED=<seed> replays it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARDS, FORMS, type Actor, type FormId, type FormValues, type Reply } from '../../src/core/events.js';
import { EXPORT_KINDS } from '../../src/core/use-cases/exports.js';
import { ROLES, USERS, channelOf, seedGroup, worldBot, type Who } from '../support/authorization-world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** The input ids of a form's card template (the dynamic `${id}` ones are added per world below). */
function cardInputIds(form: FormId, kind = 'Input.'): string[] {
  const template = readFileSync(fileURLToPath(new URL(`../../cards/${form}.json`, import.meta.url)), 'utf8');
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith(kind) && typeof record.id === 'string' && !record.id.includes('$')) ids.add(record.id);
    Object.values(record).forEach(walk);
  };
  walk(JSON.parse(template));
  return [...ids];
}

const adversarial = fc.constantFrom(
  "'; DROP TABLE \"Member\"; --",
  '${t.common.buttons.help}',
  '{name} {chairNames}',
  '<script>alert(1)</script>',
  '<!channel> <@U0CHAIR> *fet* _kursiv_',
  '\u0000\u0007\u001b[31m',
  '\u202eevil\u202c',
  '19121212-1212',
  '../../etc/passwd',
  '2026-13-45',
  '2027-02-30',
  '1900-01-01',
  '-1',
  '1e309',
  'NaN',
  '3,5',
  '99999999999999999999',
  'gron',
  'ja',
  'true',
  '__proto__',
  'constructor',
);

const text = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\n\t') },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 3, arbitrary: adversarial },
  { weight: 1, arbitrary: fc.nat({ max: 12_000 }).map((n) => 'Å'.repeat(n)) },
);

const dynamicFields = (proposalIds: string): string[] => [
  'indicator_i1',
  'indicator_i2',
  'subgoal_sg1',
  'subgoal_sg2',
  'answer_0',
  'answer_1',
  ...proposalIds.split(',').map((id) => `area-${id}`),
];

const HIDDEN_IDS = ['assignmentId', 'reportId', 'finalReportId', 'roundId', 'activityId', 'meetingId', 'memberId', 'homeworkId', 'proposalId', 'correctsReportId', 'monthsAfter', 'year', 'draftForm', 'itemId', 'id'];

/** What a removal removes, and the world id of one of each kind. */
const REMOVED: Record<string, string> = { activity: 'spareActivityId', 'sub-goal': 'subGoalId', task: 'taskId', indicator: 'indicatorId' };

/** Hidden ids whose world value the field's name alone does not say: it depends on the form (and the kind). */
const HIDDEN_ID_OF: Partial<Record<FormId, Record<string, (ids: FormValues, values: FormValues) => string | undefined>>> = {
  export: { reportId: (ids) => `p-${ids.reportId}` },
  'sub-goal': { itemId: (ids) => ids.subGoalId },
  'plan-task': { itemId: (ids) => ids.taskId },
  indicator: { itemId: (ids) => ids.indicatorId },
  'confirm-removal': { id: (ids, values) => ids[REMOVED[values.kind ?? ''] ?? ''] },
};

/** Choices that decide which path a form takes: mostly a valid one, so the ids behind it are reached. */
const PATHS: Partial<Record<FormId, Record<string, string[]>>> = {
  export: { what: [...EXPORT_KINDS] },
  'confirm-removal': { kind: Object.keys(REMOVED) },
};
type IdChoice = 'own' | 'other group' | 'other tenant' | 'missing' | 'empty' | 'garbage';
const idChoice = fc.constantFrom<IdChoice>('own', 'own', 'own', 'own', 'own', 'other group', 'other tenant', 'missing', 'empty', 'garbage');

/** A message that still shows a template placeholder or a JavaScript value was never written for a person. */
const BROKEN_TEXT = /\{[a-zA-Z]+\}|undefined|NaN|\[object Object\]/;

/** A message without what the person typed: messages may quote it ("{name}", "NaN"), and that is fine. */
function withoutTyped(message: string, values: FormValues): string {
  // Messages quote a value whole, trimmed, or cut to its first 20 or 40 characters; longest first.
  const parts = Object.values(values)
    .flatMap((value) => (value ? [value, value.trim(), value.slice(0, 20), value.slice(0, 40), value.trim().slice(0, 20), value.trim().slice(0, 40)] : []))
    .filter((part) => part.trim() !== '')
    .sort((a, b) => b.length - a.length);
  return parts.reduce((rest, part) => rest.split(part).join(''), message);
}

function textsOf(reply: Reply): string[] {
  if (reply.kind === 'form-errors') return Object.values(reply.errors);
  if (reply.kind === 'card' && reply.card === 'notice') return [String(reply.data.text)];
  return [];
}

describe.each(FORMS.map((form) => [form]))('form %s under fuzzing', (form) => {
  it('always answers with a Reply; refusals name each bad field and keep what was typed', async () => {
    const fields = cardInputIds(form);
    const textFields = cardInputIds(form, 'Input.Text');
    const kinds: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        // Most forms are for the chair or a convener: weighted so that most runs get past the access check.
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom<Who>('ordforande', 'sammankallande (eget uppdrag)') }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) }),
        fc.dictionary(fc.constantFrom(...fields, ...dynamicFields('p1,p2')), text, { maxKeys: fields.length + 4 }),
        fc.record(Object.fromEntries(HIDDEN_IDS.map((field) => [field, idChoice]))),
        fc.record(Object.fromEntries(Object.entries(PATHS[form] ?? {}).map(([field, choices]) => [field, fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...choices) }, { weight: 1, arbitrary: text })]))),
        async (who, typed, idChoices, paths) => {
          const { store, bot } = worldBot();
          const own = await seedGroup(bot, store, channelOf('T111', 'C111', 'Samverkan Uddevalla'), 'GRUPP-A', form === 'ballot');
          const otherGroup = await seedGroup(bot, store, channelOf('T111', 'C222', 'Samverkan Lysekil'), 'GRUPP-B', form === 'ballot');
          const otherTenant = await seedGroup(bot, store, channelOf('T999', 'C111', 'Samverkan Borås'), 'GRUPP-C', form === 'ballot');
          // Ballot fields are named after the group's proposals: map the generic names onto them.
          const values: FormValues = {};
          for (const [field, value] of Object.entries(typed)) {
            const [first, second] = own.ids.proposalIds!.split(',');
            values[field === 'area-p1' ? `area-${first}` : field === 'area-p2' ? `area-${second}` : field] = value;
          }
          Object.assign(values, paths);
          for (const [field, choice] of Object.entries(idChoices)) {
            const idOf = (ids: FormValues) => HIDDEN_ID_OF[form]?.[field]?.(ids, values) ?? ids[field];
            const pick = { own: idOf(own.ids), 'other group': idOf(otherGroup.ids), 'other tenant': idOf(otherTenant.ids), missing: undefined, empty: '', garbage: 'x-9f8e7d' }[choice];
            if (pick === undefined) delete values[field];
            else values[field] = pick;
          }
          const user = USERS[who] ?? { userId: 'U_NEWCOMER', displayName: 'Nina Ny' };
          const actor: Actor = { platform: 'slack', tenantId: 'T111', userId: user.userId, displayName: user.displayName };
          const reply = await bot.handle({ type: 'form-submitted', form, values, channel: own.channel, actor });
          kinds[reply.kind] = (kinds[reply.kind] ?? 0) + 1;

          expect(['card', 'form', 'form-errors', 'file']).toContain(reply.kind);
          if (reply.kind === 'card' || reply.kind === 'file') expect(CARDS).toContain(reply.card);
          else expect(FORMS).toContain(reply.form);
          for (const message of textsOf(reply)) {
            expect(message.trim(), 'a message for the person').not.toBe('');
            expect(withoutTyped(message, values)).not.toMatch(BROKEN_TEXT);
          }
          if (reply.kind === 'form-errors') {
            expect(Object.keys(reply.errors).length, 'at least one field is named').toBeGreaterThan(0);
            // Draft kept: every bad field that was typed into comes back with what was typed.
            const shown = JSON.stringify(reply.data);
            for (const field of Object.keys(reply.errors)) {
              const value = values[field];
              if (!value?.trim() || !textFields.includes(field)) continue;
              expect(shown, `${field} keeps what was typed`).toContain(JSON.stringify(value).slice(1, -1));
            }
          }
          // Nothing of another group reaches the answer.
          expect(JSON.stringify(reply)).not.toMatch(/GRUPP-[BC]/);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    if (process.env.FUZZ_STATS) console.log(form, JSON.stringify(kinds));
  }, 120_000);
});
