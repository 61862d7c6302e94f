// Drafts: what someone typed into a report form and has not had accepted yet. Kept on every attempt (a
// refused submission, "Spara utkast" in Teams, closing the Slack modal), so reopening the form continues
// where they stopped. Values are stored as typed (strings, invalid ones too), except identity numbers,
// which are masked: the guard against personal data must not be undone by the draft store.
import type { FormDraft } from '../domain.js';
import type { FormValues } from '../events.js';
import type { Store } from '../ports.js';
import { maskIdentityNumbers } from '../personal-data.js';
import type { GroupContext } from './context.js';

/** The typed fields of `values` (those named in `fields`), identity numbers masked, empty ones dropped. */
export function draftValues(values: FormValues, fields: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field];
    if (value !== undefined && value !== '') kept[field] = maskIdentityNumbers(value);
  }
  return kept;
}

export async function loadDraft(store: Store, draftKey: string): Promise<FormDraft | null> {
  return (await store.formDrafts.list({ draftKey }))[0] ?? null;
}

/** Creates or replaces the draft under `draftKey`; nothing typed at all removes it instead. */
export async function saveDraft(
  store: Store,
  { group, member }: GroupContext,
  form: string,
  draftKey: string,
  values: Record<string, string>,
): Promise<FormDraft | null> {
  const existing = await loadDraft(store, draftKey);
  if (Object.keys(values).length === 0) {
    if (existing) await store.formDrafts.delete(existing.id);
    return null;
  }
  if (existing) return store.formDrafts.update(existing.id, { values, memberId: member.id });
  return store.formDrafts.create({ groupId: group.id, form, draftKey, memberId: member.id, values });
}

export async function discardDraft(store: Store, draftKey: string): Promise<void> {
  await store.formDrafts.deleteWhere({ draftKey });
}

/**
 * Stores an accepted form with `write` and discards its draft in the same transaction. Should storing fail,
 * what was typed is kept as the draft before the error goes on, so nothing is lost; an accepted form does
 * not write a draft first only to delete it (every store call is CPU time on every submit: bench/latency.ts).
 */
export async function storeAcceptedForm<R>(
  store: Store,
  context: GroupContext,
  form: string,
  draftKey: string,
  typed: Record<string, string>,
  write: (tx: Store) => Promise<R>,
): Promise<R> {
  try {
    return await store.transaction(async (tx) => {
      const stored = await write(tx);
      await discardDraft(tx, draftKey);
      return stored;
    });
  } catch (error) {
    await saveDraft(store, context, form, draftKey, typed).catch(() => undefined);
    throw error;
  }
}
