// The group's members: the list with organisation (huvudman) and roles, editing one member's roles,
// organisation and whom an ersättare stands in for, and adding the channel's people from the platform roster.
import { ROLES, type Group, type Member, type PartyOrganisation, type Role } from '../domain.js';
import type { Actor, ChannelAddress, FieldErrors, FormValues, Reply } from '../events.js';
import { format, type Catalog } from '../../i18n/index.js';
import type { Store } from '../ports.js';
import { ensureMember, hasRole, type Dependencies, type GroupContext } from './context.js';
import { chairNames, mayManageGroup, refusal } from './settings.js';
import { groupNotice, notice } from './show-help.js';
import { kansliOf } from './region.js';
import { identityNumberErrors, NONE } from './form-checks.js';

/**
 * Roles set in this form. 'sammankallande' is not among them: a convener is whoever the chair names in an
 * uppdragshandling (Assignment.convenerMemberId), so it is shown from the assignments and never edited
 * here; a stored 'sammankallande' role is kept untouched on save. Nor is 'kansli': who is kansli is decided
 * by the operator's region file alone and shown from it; a 'kansli' role stored before grants nothing and is
 * kept untouched (no data is lost).
 */
export const EDITABLE_ROLES = ['ordforande', 'ledamot', 'ersattare'] as const satisfies readonly Role[];

export { NONE } from './form-checks.js';

/** Members per FactSet: Slack shows a FactSet of up to ten as one section, so ten members cost one block. */
const MEMBERS_PER_FACTSET = 10;

// ---- the list ----

interface MemberLine {
  title: string;
  value: string;
}

async function convenerTitles(store: Store, group: Group): Promise<Map<string, string[]>> {
  const titles = new Map<string, string[]>();
  for (const assignment of await store.assignments.list({ groupId: group.id, status: 'aktivt' })) {
    titles.set(assignment.convenerMemberId, [...(titles.get(assignment.convenerMemberId) ?? []), assignment.title]);
  }
  return titles;
}

/**
 * A member's roles in catalog order, with sammankallande added for conveners of ongoing assignments and
 * kansli only for the people the region file names (a stored kansli role is not shown: it grants nothing).
 */
function rolesOf(member: Member, isConvener: boolean, isKansli: boolean): Role[] {
  return ROLES.filter((role) => (role === 'kansli' ? isKansli : member.roles.includes(role) || (role === 'sammankallande' && isConvener)));
}

function rolesText(t: Catalog, roles: readonly Role[]): string {
  return roles.map((role) => t.common.roles[role]).join(', ');
}

function organisationName(t: Catalog, organisations: PartyOrganisation[], id: string | null): string {
  return organisations.find((organisation) => organisation.id === id)?.name ?? t.members.noOrganisation;
}

const byName = (a: Member, b: Member) => a.displayName.localeCompare(b.displayName, 'sv');

/** Chairs first, then in role order, then by name: the order a chair reads a member list in. */
function rank(member: Member): number {
  const index = ROLES.findIndex((role) => member.roles.includes(role));
  return index === -1 ? ROLES.length : index;
}

async function memberLines(deps: Dependencies, group: Group, t: Catalog): Promise<MemberLine[]> {
  const { store } = deps;
  const members = await store.members.list({ groupId: group.id });
  const organisations = await store.organisations.list({ groupId: group.id });
  const conveners = await convenerTitles(store, group);
  const names = new Map(members.map((member) => [member.id, member.displayName]));
  return [...members]
    .sort((a, b) => rank(a) - rank(b) || byName(a, b))
    .map((member) => {
      const params = {
        organisation: organisationName(t, organisations, member.organisationId),
        roles: rolesText(t, rolesOf(member, conveners.has(member.id), kansliOf(deps, member) !== null)),
      };
      const standsInFor = member.substituteForMemberId ? names.get(member.substituteForMemberId) : undefined;
      return {
        title: member.displayName || member.platformUserId,
        value: standsInFor
          ? format(t.members.substituteLine, { ...params, name: standsInFor })
          : format(t.members.line, params),
      };
    });
}

async function membersCard(deps: Dependencies, { group, t }: GroupContext, result?: string): Promise<Reply> {
  const lines = await memberLines(deps, group, t);
  const chunks: { facts: MemberLine[] }[] = [];
  for (let index = 0; index < lines.length; index += MEMBERS_PER_FACTSET) {
    chunks.push({ facts: lines.slice(index, index + MEMBERS_PER_FACTSET) });
  }
  return {
    kind: 'card',
    card: 'members',
    data: {
      t,
      title: format(t.members.title, { groupName: group.name }),
      count: format(t.members.count, { count: lines.length }),
      chunks,
      ...(lines.length === 0 ? { empty: t.members.empty } : {}),
      ...(result ? { result } : {}),
    },
  };
}

/** `medlemmar`: every member may see who is in the group and in which role. */
export async function showMembers(deps: Dependencies, context: GroupContext): Promise<Reply> {
  return membersCard(deps, context);
}

// ---- editing one member ----

interface MemberValues {
  roles: string;
  organisationId: string;
  substituteForMemberId: string;
}

async function memberForm(
  deps: Dependencies,
  context: GroupContext,
  target: Member,
  values: MemberValues,
  errors?: FieldErrors,
): Promise<Reply> {
  const { store } = deps;
  const { group, t } = context;
  const mayEditRoles = await mayManageGroup(deps, context);
  const organisations = await store.organisations.list({ groupId: group.id });
  const others = (await store.members.list({ groupId: group.id })).filter((member) => member.id !== target.id).sort(byName);
  const convening = (await convenerTitles(store, group)).get(target.id);
  const data = {
    t,
    context: { memberId: target.id },
    title: format(t.members.form.title, { name: target.displayName }),
    intro: mayEditRoles
      ? format(t.members.form.intro, { name: target.displayName })
      : format(t.members.form.ownIntro, { chairNames: await chairNames(store, context) }),
    mayEditRoles,
    values,
    roleChoices: EDITABLE_ROLES.map((role) => ({ title: t.common.roles[role], value: role })),
    organisationChoices: [
      { title: t.members.form.noOrganisation, value: NONE },
      ...organisations.map((organisation) => ({ title: organisation.name, value: organisation.id })),
    ],
    substituteChoices: [
      { title: t.members.form.nobody, value: NONE },
      ...others.map((member) => ({ title: member.displayName || member.platformUserId, value: member.id })),
    ],
    ...(convening ? { convenerNote: format(t.members.form.convenerNote, { titles: convening.join(', ') }) } : {}),
  };
  return errors ? { kind: 'form-errors', form: 'member', data, errors } : { kind: 'form', form: 'member', data };
}

function storedValues(member: Member): MemberValues {
  return {
    roles: member.roles.filter((role) => (EDITABLE_ROLES as readonly string[]).includes(role)).join(','),
    organisationId: member.organisationId ?? NONE,
    substituteForMemberId: member.substituteForMemberId ?? NONE,
  };
}

async function memberOfGroup(store: Store, group: Group, memberId: string | undefined): Promise<Member | null> {
  if (!memberId) return null;
  const member = await store.members.get(memberId);
  return member && member.groupId === group.id ? member : null;
}

/**
 * "Redigera medlem". With { memberId }: that member's form. Without: chairs and the kansli choose whom to
 * edit; anyone else gets their own form, the only one they may change.
 */
export async function editMember(deps: Dependencies, context: GroupContext, args: FormValues): Promise<Reply> {
  const mayManage = await mayManageGroup(deps, context);
  if (!args.memberId) {
    return mayManage ? chooseMemberForm(deps.store, context, '') : memberForm(deps, context, context.member, storedValues(context.member));
  }
  const target = await memberOfGroup(deps.store, context.group, args.memberId);
  if (!target) return notice(context.t, context.t.members.unknownMember);
  if (target.id !== context.member.id && !mayManage) return refusal(deps, context, context.t.members.notAllowed);
  return memberForm(deps, context, target, storedValues(target));
}

async function chooseMemberForm(store: Store, { group, t }: GroupContext, memberId: string, errors?: FieldErrors): Promise<Reply> {
  const members = (await store.members.list({ groupId: group.id })).sort(byName);
  const data = {
    t,
    values: { memberId },
    memberChoices: members.map((member) => ({ title: member.displayName || member.platformUserId, value: member.id })),
  };
  return errors ? { kind: 'form-errors', form: 'choose-member', data, errors } : { kind: 'form', form: 'choose-member', data };
}

/** "Välj medlem att redigera" submitted: the chosen member's form replaces the chooser. */
export async function submitChooseMember(deps: Dependencies, context: GroupContext, values: FormValues): Promise<Reply> {
  if (!(await mayManageGroup(deps, context))) return refusal(deps, context, context.t.members.notAllowed);
  const target = await memberOfGroup(deps.store, context.group, values.memberId);
  if (!target) return chooseMemberForm(deps.store, context, '', { memberId: context.t.members.errors.chooseMember });
  return memberForm(deps, context, target, storedValues(target));
}

interface ValidMember {
  roles: Role[];
  organisationId: string | null;
  substituteForMemberId: string | null;
}

/** The rules of one member's roles, organisation and substitute, against the group as stored. */
export async function validateMember(
  store: Store,
  group: Group,
  t: Catalog,
  target: Member,
  values: MemberValues,
): Promise<{ ok: true; value: ValidMember } | { ok: false; errors: FieldErrors }> {
  const errors = identityNumberErrors(t, values);
  const members = await store.members.list({ groupId: group.id });

  const picked = [...new Set(values.roles.split(',').map((role) => role.trim()).filter(Boolean))];
  const unknown = picked.find((role) => !(EDITABLE_ROLES as readonly string[]).includes(role));
  const roles = picked as Role[];
  if (unknown) errors.roles = format(t.members.errors.unknownRole, { value: unknown.slice(0, 40) });
  else if (roles.length === 0) errors.roles = t.members.errors.noRole;
  else if (
    hasRole(target, 'ordforande') &&
    !roles.includes('ordforande') &&
    !members.some((member) => member.id !== target.id && hasRole(member, 'ordforande'))
  ) {
    errors.roles = format(t.members.errors.lastChair, { name: target.displayName });
  }

  const organisationId = values.organisationId.trim() === '' || values.organisationId === NONE ? null : values.organisationId;
  if (organisationId && !(await store.organisations.list({ groupId: group.id })).some((o) => o.id === organisationId)) {
    errors.organisationId = t.members.errors.unknownOrganisation;
  }

  const substituteForMemberId =
    values.substituteForMemberId.trim() === '' || values.substituteForMemberId === NONE ? null : values.substituteForMemberId;
  const substituteError = substituteProblem(t, members, target, roles.includes('ersattare'), substituteForMemberId);
  if (substituteError) errors.substituteForMemberId = substituteError;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A convener stays convener: that role belongs to the assignment, not to this form.
  const kept = target.roles.filter((role) => !(EDITABLE_ROLES as readonly string[]).includes(role));
  return { ok: true, value: { roles: ROLES.filter((role) => roles.includes(role) || kept.includes(role)), organisationId, substituteForMemberId } };
}

function substituteProblem(t: Catalog, members: Member[], target: Member, isSubstitute: boolean, chosenId: string | null): string | null {
  if (!isSubstitute) return chosenId ? t.members.errors.substituteWithoutRole : null;
  if (!chosenId) return format(t.members.errors.substituteRequired, { name: target.displayName });
  if (chosenId === target.id) return t.members.errors.substituteSelf;
  const byId = new Map(members.map((member) => [member.id, member]));
  if (!byId.has(chosenId)) return t.members.errors.substituteUnknown;
  // Follow who the chosen one stands in for; arriving back at the target would make a circle of substitutes.
  const seen = new Set<string>();
  for (let current = byId.get(chosenId); current && !seen.has(current.id); current = byId.get(current.substituteForMemberId ?? '')) {
    seen.add(current.id);
    if (current.substituteForMemberId === target.id) {
      return format(t.members.errors.substituteCycle, { other: current.displayName, name: target.displayName });
    }
  }
  return null;
}

/**
 * The member form submitted. Chairs and the kansli change anyone's roles, organisation and substitute;
 * a member editing themselves changes only their organisation (the form shows them nothing else, and
 * anything else they might send is ignored).
 */
export async function submitMember(deps: Dependencies, context: GroupContext, submitted: FormValues): Promise<Reply> {
  const { store } = deps;
  const { group, t } = context;
  const target = await memberOfGroup(store, group, submitted.memberId);
  if (!target) return notice(t, t.members.unknownMember);
  const mayManage = await mayManageGroup(deps, context);
  if (target.id !== context.member.id && !mayManage) return refusal(deps, context, t.members.notAllowed);

  const stored = storedValues(target);
  const values: MemberValues = mayManage
    ? {
        roles: submitted.roles ?? stored.roles,
        organisationId: submitted.organisationId ?? stored.organisationId,
        substituteForMemberId: submitted.substituteForMemberId ?? stored.substituteForMemberId,
      }
    : { ...stored, organisationId: submitted.organisationId ?? stored.organisationId };
  const result = await validateMember(store, group, t, target, values);
  if (!result.ok) return memberForm(deps, context, target, values, result.errors);

  const saved = await store.transaction(async (tx) => {
    // Checked again inside the transaction: two chairs removing each other's role at once keep one chair.
    const recheck = await validateMember(tx, group, t, target, values);
    if (!recheck.ok) return recheck;
    await tx.members.update(target.id, recheck.value);
    return recheck;
  });
  if (!saved.ok) return memberForm(deps, context, target, values, saved.errors);
  return groupNotice(t, await savedText(store, context, target, saved.value));
}

async function savedText(store: Store, { group, member, t }: GroupContext, target: Member, saved: ValidMember): Promise<string> {
  const organisations = await store.organisations.list({ groupId: group.id });
  const params = {
    name: target.displayName,
    roles: rolesText(t, saved.roles).toLowerCase(),
    organisation: organisationName(t, organisations, saved.organisationId),
    by: member.displayName,
  };
  const substitute = saved.substituteForMemberId ? await store.members.get(saved.substituteForMemberId) : null;
  return substitute
    ? format(t.members.savedSubstitute, { ...params, substituteFor: substitute.displayName })
    : format(t.members.saved, params);
}

// ---- the channel roster ----

function addressOf(link: { platform: ChannelAddress['platform']; tenantId: string; channelId: string; channelName: string | null; conversationReference: string | null }): ChannelAddress {
  return { ...link, isPersonal: false };
}

/**
 * "Hämta medlemmar från kanalen": everyone in the group's channels who is not a member yet joins as
 * ledamot. Existing members keep their roles; running it again adds nobody twice.
 */
export async function importMembers(deps: Dependencies, context: GroupContext): Promise<Reply> {
  const { store, directory } = deps;
  const { group, t } = context;
  if (!(await mayManageGroup(deps, context))) return refusal(deps, context, t.members.notAllowed);
  if (!directory) return notice(t, t.members.importUnavailable);

  const roster: Actor[] = [];
  try {
    for (const link of await store.channels.list({ groupId: group.id })) roster.push(...(await directory.channelMembers(addressOf(link))));
  } catch {
    // The adapter logged the platform's error; the person gets something they can act on.
    return notice(t, t.members.importFailed);
  }

  const added = await store.transaction(async (tx) => {
    const names: string[] = [];
    for (const person of roster) {
      const existing = await tx.members.findByPlatformUser(group.id, person.platform, person.userId);
      if (existing) {
        // The roster knows how to reach a member privately (Teams' 29: id) even if they never wrote to the bot.
        if (person.chatUserId && !existing.chatUserId) await tx.members.update(existing.id, { chatUserId: person.chatUserId });
        continue;
      }
      names.push((await ensureMember(tx, group, person, ['ledamot'])).displayName || person.userId);
    }
    return names;
  });
  const result = added.length === 0 ? t.members.importedNone : format(t.members.imported, { count: added.length, names: added.join(', ') });
  return membersCard(deps, context, result);
}
