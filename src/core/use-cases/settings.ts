import { DEFAULT_PRINCIPAL_KINDS, isPrincipal, ORGANISATION_KINDS, type Group, type OrganisationKind, type PartyOrganisation } from '../domain.js';
import type { FieldErrors, FormValues, Reply } from '../events.js';
import { FORM_FIELDS } from '../form-fields.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Store } from '../ports.js';
import { hasRole, type Dependencies, type GroupContext } from './context.js';
import { groupNotice, notice } from './show-help.js';
import { chairNames as namesOfChairs } from './chairs.js';
import { kansliHere, officeChannelOf, regionOf } from './region.js';
import { identityNumberErrors, NONE } from './form-checks.js';

const STANDARD_KINDS = ORGANISATION_KINDS.filter((kind) => kind !== 'annan');
const ORGANISATION_NAME_MAX = 80;
/** Hours before a meeting: at least one, at most two weeks (the scheduler looks no further ahead). */
// The bounds the card's Input.Number fields show, from FORM_FIELDS (both hour fields share them).
const { min: HOURS_MIN = 1, max: HOURS_MAX = Number.MAX_SAFE_INTEGER } = FORM_FIELDS.settings.standingItemHoursBefore.number;
const { min: PROMPT_DAYS_MIN = 1, max: PROMPT_DAYS_MAX = Number.MAX_SAFE_INTEGER } = FORM_FIELDS.settings.reportPromptDaysBefore.number;

interface SettingsValues {
  groupName: string;
  organisations: string;
  /** The parties that are huvudmän, as kinds (comma list, a multi-select). */
  principals: string;
  otherOrganisations: string;
  officeChannelId: string;
  /** Whole hours as typed; validated on submit. */
  standingItemHoursBefore: string;
  summaryHoursBefore: string;
  /** Whole days as typed: how long before a report is due the convener is prompted. */
  reportPromptDaysBefore: string;
  /** 'true' or 'false', the toggle's valueOn / valueOff. */
  planningDayReminder: string;
}

interface ValidSettings {
  groupName: string;
  kinds: OrganisationKind[];
  principals: OrganisationKind[];
  otherNames: string[];
  officeChannelId: string | null;
  standingItemHoursBefore: number;
  summaryHoursBefore: number;
  reportPromptDaysBefore: number;
  planningDayReminder: boolean;
}

/** The kansli channels a group may choose (the region file's, never its own channel) and the group's own channel ids. */
interface OfficeChoices {
  channels: { channelId: string; name: string }[];
  ownChannelIds: string[];
}

async function officeChoices(deps: Dependencies, group: Group): Promise<OfficeChoices> {
  const ownChannelIds = (await deps.store.channels.list({ groupId: group.id })).map((link) => link.channelId);
  return { channels: regionOf(deps).channels.filter((channel) => !ownChannelIds.includes(channel.channelId)), ownChannelIds };
}

function formData(t: Catalog, values: SettingsValues, office: OfficeChoices, storedOfficeChannelId: string | null = null): Record<string, unknown> {
  // A stored kanslikanal that is not in the region file counts as none: the form says so instead of showing it.
  const notInRegion = storedOfficeChannelId !== null && !office.channels.some((channel) => channel.channelId === storedOfficeChannelId);
  return {
    t,
    values,
    organisationChoices: STANDARD_KINDS.map((kind) => ({ title: t.common.organisationKinds[kind], value: kind })),
    principalChoices: STANDARD_KINDS.map((kind) => ({ title: t.common.organisationKinds[kind], value: kind })),
    officeChannelChoices: [{ title: t.settings.officeChannelPlaceholder, value: NONE }, ...office.channels.map((channel) => ({ title: channel.name, value: channel.channelId }))],
    ...(notInRegion ? { officeChannelNote: format(t.settings.officeChannelNotInRegion, { channel: storedOfficeChannelId }) } : {}),
  };
}

async function currentValues(deps: Dependencies, group: Group): Promise<SettingsValues> {
  const organisations = await deps.store.organisations.list({ groupId: group.id });
  return {
    groupName: group.name,
    organisations: organisations.filter((o) => o.kind !== 'annan').map((o) => o.kind).join(','),
    // A group without parties yet is offered the guidance's huvudmän, region and kommun, ticked.
    principals: (organisations.length > 0 ? organisations.filter((o) => o.kind !== 'annan' && isPrincipal(o)).map((o) => o.kind) : DEFAULT_PRINCIPAL_KINDS).join(','),
    otherOrganisations: organisations.filter((o) => o.kind === 'annan').map((o) => o.name).join('\n'),
    officeChannelId: officeChannelOf(deps, group)?.channelId ?? NONE,
    standingItemHoursBefore: String(group.standingItemHoursBefore),
    summaryHoursBefore: String(group.summaryHoursBefore),
    reportPromptDaysBefore: String(group.reportPromptDaysBefore),
    planningDayReminder: String(group.planningDayReminder),
  };
}

/**
 * Who may change group data: the ordförande, and the kansli of the region file in a group of the region.
 * A group without a chair is locked until the kansli appoints one: it is never open to every member, and
 * the member role "kansli" grants nothing (kansli rights come only from the region file).
 */
export async function mayManageGroup(deps: Dependencies, context: GroupContext): Promise<boolean> {
  return hasRole(context.member, 'ordforande') || (await kansliHere(deps, context)) !== null;
}

/** The chairs' names for "Kontakta …" in refusals, or the catalog's stand-in when there is none. */
export async function chairNames(store: Store, { group, t }: GroupContext): Promise<string> {
  const chairs = (await store.members.list({ groupId: group.id })).filter((m) => hasRole(m, 'ordforande'));
  return namesOfChairs(chairs, t, 'mid-sentence');
}

/** A refusal naming the chairs, whom the person can ask instead; in a group without a chair, that the kansli appoints one. */
export async function refusal(deps: Dependencies, context: GroupContext, text: string): Promise<Reply> {
  const chairs = (await deps.store.members.list({ groupId: context.group.id })).filter((m) => hasRole(m, 'ordforande'));
  if (chairs.length === 0) return notice(context.t, context.t.notice.lockedNoChair);
  return notice(context.t, text, { chairNames: namesOfChairs(chairs, context.t, 'mid-sentence') });
}

export async function openSettings(deps: Dependencies, context: GroupContext): Promise<Reply> {
  if (!(await mayManageGroup(deps, context))) return refusal(deps, context, context.t.notice.notAllowed);
  const { group, t } = context;
  return { kind: 'form', form: 'settings', data: formData(t, await currentValues(deps, group), await officeChoices(deps, group), group.officeChannelId) };
}

export function validateSettings(t: Catalog, values: SettingsValues, office: OfficeChoices): { ok: true; value: ValidSettings } | { ok: false; errors: FieldErrors } {
  const errors = identityNumberErrors(t, values);
  const groupName = values.groupName.trim();
  if (!groupName) errors.groupName = format(t.errors.required, { field: t.settings.groupName });
  else if (groupName.length > FORM_FIELDS.settings.groupName.max)
    errors.groupName = format(t.errors.tooLong, { field: t.settings.groupName, max: FORM_FIELDS.settings.groupName.max, length: groupName.length });

  const picked = values.organisations.split(',').map((kind) => kind.trim()).filter(Boolean);
  const unknown = picked.find((kind) => !(STANDARD_KINDS as readonly string[]).includes(kind));
  if (unknown) errors.organisations = format(t.errors.unknownOrganisation, { value: unknown });
  else if (!picked.includes('region') || !picked.includes('kommun')) errors.organisations = t.errors.regionAndKommun;

  const principals = values.principals.split(',').map((kind) => kind.trim()).filter(Boolean);
  const unknownPrincipal = principals.find((kind) => !(STANDARD_KINDS as readonly string[]).includes(kind));
  const notParty = principals.find((kind) => !picked.includes(kind));
  if (unknownPrincipal) errors.principals = format(t.errors.unknownOrganisation, { value: unknownPrincipal });
  else if (principals.length === 0) errors.principals = t.settings.noPrincipal;
  else if (notParty && !errors.organisations) errors.principals = format(t.settings.principalNotParty, { name: t.common.organisationKinds[notParty as OrganisationKind] });

  if (values.otherOrganisations.trim().length > FORM_FIELDS.settings.otherOrganisations.max) {
    const length = values.otherOrganisations.trim().length;
    errors.otherOrganisations = format(t.errors.tooLong, { field: t.settings.otherOrganisations, max: FORM_FIELDS.settings.otherOrganisations.max, length });
  }
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

  // Only a kansli channel of the region file, chosen from the list: never the group's own channel, never a typed id.
  const typedOffice = values.officeChannelId.trim();
  const officeChannelId = typedOffice === NONE ? '' : typedOffice;
  if (officeChannelId && office.ownChannelIds.includes(officeChannelId)) errors.officeChannelId = t.settings.ownOfficeChannel;
  else if (officeChannelId && !office.channels.some((channel) => channel.channelId === officeChannelId))
    errors.officeChannelId = format(t.settings.unknownOfficeChannel, { value: officeChannelId.slice(0, 60) });

  const standingItemHoursBefore = wholeHours(values.standingItemHoursBefore);
  if (standingItemHoursBefore === null) errors.standingItemHoursBefore = hoursError(t, t.settings.standingItemHours, values.standingItemHoursBefore);
  const summaryHoursBefore = wholeHours(values.summaryHoursBefore);
  if (summaryHoursBefore === null) errors.summaryHoursBefore = hoursError(t, t.settings.summaryHours, values.summaryHoursBefore);
  const reportPromptDaysBefore = wholeNumber(values.reportPromptDaysBefore, PROMPT_DAYS_MIN, PROMPT_DAYS_MAX);
  if (reportPromptDaysBefore === null) {
    errors.reportPromptDaysBefore = values.reportPromptDaysBefore.trim()
      ? format(t.settings.notWholeDays, { field: t.settings.reportPromptDays, min: PROMPT_DAYS_MIN, max: PROMPT_DAYS_MAX, value: values.reportPromptDaysBefore.trim().slice(0, 20) })
      : format(t.errors.required, { field: t.settings.reportPromptDays });
  }

  if (Object.keys(errors).length > 0 || standingItemHoursBefore === null || summaryHoursBefore === null || reportPromptDaysBefore === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      groupName,
      kinds: picked as OrganisationKind[],
      principals: principals as OrganisationKind[],
      otherNames,
      officeChannelId: officeChannelId || null,
      standingItemHoursBefore,
      summaryHoursBefore,
      reportPromptDaysBefore,
      // Slack's checkbox sends '' when unticked, Teams' toggle its valueOff 'false'.
      planningDayReminder: values.planningDayReminder === 'true',
    },
  };
}

/** "48" → 48; anything but a whole number in [min, max] → null. */
function wholeNumber(typed: string, min: number, max: number): number | null {
  const trimmed = typed.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

function wholeHours(typed: string): number | null {
  return wholeNumber(typed, HOURS_MIN, HOURS_MAX);
}

function hoursError(t: Catalog, field: string, typed: string): string {
  if (!typed.trim()) return format(t.errors.required, { field });
  return format(t.settings.notWholeHours, { field, min: HOURS_MIN, max: HOURS_MAX, value: typed.trim().slice(0, 20) });
}

/**
 * Keeps existing organisations (members point at them) and adds or removes only what changed; each
 * standard party is marked huvudman or not as chosen (other parties, typed by name, are not huvudmän).
 */
async function syncOrganisations(store: Store, group: Group, t: Catalog, settings: ValidSettings): Promise<void> {
  const existing = await store.organisations.list({ groupId: group.id });
  const wanted = [
    ...settings.kinds.map((kind) => ({ kind, name: t.common.organisationKinds[kind], principal: settings.principals.includes(kind) })),
    ...settings.otherNames.map((name) => ({ kind: 'annan' as const, name, principal: false })),
  ];
  const matches = (a: { kind: OrganisationKind; name: string }, b: PartyOrganisation) =>
    a.kind === b.kind && (a.kind !== 'annan' || a.name.toLowerCase() === b.name.toLowerCase());
  for (const organisation of existing) {
    const kept = wanted.find((want) => matches(want, organisation));
    if (kept) {
      if (isPrincipal(organisation) !== kept.principal || organisation.principal == null) await store.organisations.update(organisation.id, { principal: kept.principal });
      continue;
    }
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

/** The chosen parties that are huvudmän now (stored), or by default for a party not stored yet (region, kommun). */
async function defaultPrincipals(store: Store, group: Group, organisations: string): Promise<string> {
  const stored = await store.organisations.list({ groupId: group.id });
  const kinds = organisations.split(',').map((kind) => kind.trim()).filter(Boolean) as OrganisationKind[];
  return kinds
    .filter((kind) => {
      const existing = stored.find((organisation) => organisation.kind === kind);
      return existing ? isPrincipal(existing) : isPrincipal({ kind });
    })
    .join(',');
}

export async function submitSettings(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { group, t } = context;
  if (!(await mayManageGroup(deps, context))) return refusal(deps, context, t.notice.notAllowed);
  // A field missing altogether comes from a card sent before it existed: keep the stored value then.
  const current = await currentValues(deps, group);
  const values: SettingsValues = {
    groupName: submitted.groupName ?? '',
    organisations: submitted.organisations ?? '',
    // A card from before the field existed: each chosen party stays or becomes huvudman as it is by default.
    principals: submitted.principals ?? (await defaultPrincipals(deps.store, group, submitted.organisations ?? '')),
    otherOrganisations: submitted.otherOrganisations ?? '',
    officeChannelId: submitted.officeChannelId ?? '',
    standingItemHoursBefore: submitted.standingItemHoursBefore ?? current.standingItemHoursBefore,
    summaryHoursBefore: submitted.summaryHoursBefore ?? current.summaryHoursBefore,
    reportPromptDaysBefore: submitted.reportPromptDaysBefore ?? current.reportPromptDaysBefore,
    planningDayReminder: submitted.planningDayReminder ?? current.planningDayReminder,
  };
  const office = await officeChoices(deps, group);
  const result = validateSettings(t, values, office);
  if (!result.ok) return { kind: 'form-errors', form: 'settings', data: formData(t, values, office), errors: result.errors };
  await deps.store.transaction(async (store) => {
    const { groupName, officeChannelId, standingItemHoursBefore, summaryHoursBefore, reportPromptDaysBefore, planningDayReminder } = result.value;
    await store.groups.update(group.id, {
      name: groupName,
      officeChannelId,
      standingItemHoursBefore,
      summaryHoursBefore,
      reportPromptDaysBefore,
      planningDayReminder,
    });
    await syncOrganisations(store, group, t, result.value);
  });
  return groupNotice(t, `${t.settings.saved} ${format(t.settings.savedBy, { name: context.member.displayName })}`);
}
