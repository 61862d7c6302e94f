import { ORGANISATION_KINDS, type Group, type OrganisationKind, type PartyOrganisation } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Store } from '../ports.js';
import { hasRole, type Dependencies, type GroupContext } from './context.js';
import { notice } from './show-help.js';

const STANDARD_KINDS = ORGANISATION_KINDS.filter((kind) => kind !== 'annan');
const GROUP_NAME_MAX = 100;
const ORGANISATION_NAME_MAX = 80;
const CHANNEL_ID = /^[A-Za-z0-9:_@.\-]{1,200}$/;

interface SettingsValues {
  groupName: string;
  organisations: string;
  otherOrganisations: string;
  officeChannelId: string;
}

interface ValidSettings {
  groupName: string;
  kinds: OrganisationKind[];
  otherNames: string[];
  officeChannelId: string | null;
}

function formData(t: Catalog, values: SettingsValues): Record<string, unknown> {
  return {
    t,
    values,
    organisationChoices: STANDARD_KINDS.map((kind) => ({ title: t.common.organisationKinds[kind], value: kind })),
  };
}

async function currentValues(store: Store, group: Group): Promise<SettingsValues> {
  const organisations = await store.organisations.list({ groupId: group.id });
  return {
    groupName: group.name,
    organisations: organisations.filter((o) => o.kind !== 'annan').map((o) => o.kind).join(','),
    otherOrganisations: organisations.filter((o) => o.kind === 'annan').map((o) => o.name).join('\n'),
    officeChannelId: group.officeChannelId ?? '',
  };
}

function mayChangeSettings(context: GroupContext, chairs: number): boolean {
  return chairs === 0 || hasRole(context.member, 'ordforande', 'kansli');
}

async function refusal(deps: Dependencies, { group, t }: GroupContext): Promise<Reply> {
  const chairs = (await deps.store.members.list({ groupId: group.id })).filter((m) => hasRole(m, 'ordforande'));
  return notice(t, t.notice.notAllowed, {
    chairNames: chairs.map((chair) => chair.displayName).join(', ') || t.notice.noChair,
  });
}

async function chairCount(store: Store, group: Group): Promise<number> {
  return (await store.members.list({ groupId: group.id })).filter((m) => hasRole(m, 'ordforande')).length;
}

export async function openSettings(deps: Dependencies, context: GroupContext): Promise<Reply> {
  if (!mayChangeSettings(context, await chairCount(deps.store, context.group))) return refusal(deps, context);
  return { kind: 'form', form: 'settings', data: formData(context.t, await currentValues(deps.store, context.group)) };
}

export function validateSettings(t: Catalog, values: SettingsValues): { ok: true; value: ValidSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const groupName = values.groupName.trim();
  if (!groupName) errors.groupName = format(t.errors.required, { field: t.settings.groupName });
  else if (groupName.length > GROUP_NAME_MAX)
    errors.groupName = format(t.errors.tooLong, { field: t.settings.groupName, max: GROUP_NAME_MAX, length: groupName.length });

  const picked = values.organisations.split(',').map((kind) => kind.trim()).filter(Boolean);
  const unknown = picked.find((kind) => !(STANDARD_KINDS as readonly string[]).includes(kind));
  if (unknown) errors.organisations = format(t.errors.unknownOrganisation, { value: unknown });
  else if (!picked.includes('region') || !picked.includes('kommun')) errors.organisations = t.errors.regionAndKommun;

  const otherNames = values.otherOrganisations.split('\n').map((line) => line.trim()).filter(Boolean);
  const standardNames = new Set(STANDARD_KINDS.map((kind) => t.common.organisationKinds[kind].toLowerCase()));
  const seen = new Set<string>();
  for (const name of otherNames) {
    const key = name.toLowerCase();
    if (name.length > ORGANISATION_NAME_MAX) {
      errors.otherOrganisations = format(t.errors.tooLong, { field: name, max: ORGANISATION_NAME_MAX, length: name.length });
      break;
    }
    if (seen.has(key) || standardNames.has(key)) {
      errors.otherOrganisations = format(t.errors.duplicateOrganisation, { value: name });
      break;
    }
    seen.add(key);
  }

  const officeChannelId = values.officeChannelId.trim();
  if (officeChannelId && !CHANNEL_ID.test(officeChannelId))
    errors.officeChannelId = format(t.errors.invalidChannelId, { value: officeChannelId.slice(0, 60) });

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { groupName, kinds: picked as OrganisationKind[], otherNames, officeChannelId: officeChannelId || null },
  };
}

/** Keeps existing organisations (members point at them) and adds or removes only what changed. */
async function syncOrganisations(store: Store, group: Group, t: Catalog, settings: ValidSettings): Promise<void> {
  const existing = await store.organisations.list({ groupId: group.id });
  const wanted = [
    ...settings.kinds.map((kind) => ({ kind, name: t.common.organisationKinds[kind] })),
    ...settings.otherNames.map((name) => ({ kind: 'annan' as const, name })),
  ];
  const matches = (a: { kind: OrganisationKind; name: string }, b: PartyOrganisation) =>
    a.kind === b.kind && (a.kind !== 'annan' || a.name.toLowerCase() === b.name.toLowerCase());
  for (const organisation of existing) {
    if (wanted.some((want) => matches(want, organisation))) continue;
    for (const member of await store.members.list({ groupId: group.id, organisationId: organisation.id })) {
      await store.members.update(member.id, { organisationId: null });
    }
    await store.organisations.delete(organisation.id);
  }
  for (const want of wanted) {
    if (!existing.some((organisation) => matches(want, organisation))) {
      await store.organisations.create({ groupId: group.id, ...want });
    }
  }
}

export async function submitSettings(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, t } = context;
  if (!mayChangeSettings(context, await chairCount(deps.store, group))) return refusal(deps, context);
  const values: SettingsValues = {
    groupName: submitted.groupName ?? '',
    organisations: submitted.organisations ?? '',
    otherOrganisations: submitted.otherOrganisations ?? '',
    officeChannelId: submitted.officeChannelId ?? '',
  };
  const result = validateSettings(t, values);
  if (!result.ok) return { kind: 'form-errors', form: 'settings', data: formData(t, values), errors: result.errors };
  await deps.store.transaction(async (store) => {
    await store.groups.update(group.id, { name: result.value.groupName, officeChannelId: result.value.officeChannelId });
    await syncOrganisations(store, group, t, result.value);
  });
  return notice(t, `${t.settings.saved} ${format(t.settings.savedBy, { name: context.member.displayName })}`);
}
