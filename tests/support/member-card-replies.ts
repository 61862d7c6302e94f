// Realistic replies of the member feature (list, chooser, member form, roster import) for the card and
// translator tests, produced by running the real use cases through createBot on the in-memory store.
import type { Locale } from '../../src/core/domain.js';
import { createBot } from '../../src/core/bot.js';
import type { Actor, InboundEvent } from '../../src/core/events.js';
import type { ChannelDirectory } from '../../src/core/ports.js';
import { createInMemoryStore } from './in-memory-store.js';
import { fixedClock } from './fixed-clock.js';
import { actor, slackChannel } from './events.js';
import type { NamedReply } from './card-replies.js';
import { testRegion } from './test-region.js';

const FIRST_NAMES = ['Karin', 'Lars', 'Maria', 'Nils', 'Olga', 'Per', 'Rut', 'Sven', 'Tove', 'Ulf', 'Vera', 'Åsa'];

/** A big channel (60 people) so the list is checked against Slack's block limit at a realistic worst case. */
export function rosterOf(count: number): Actor[] {
  return Array.from({ length: count }, (_, index) =>
    actor({ userId: `U_ROSTER_${index}`, displayName: `${FIRST_NAMES[index % FIRST_NAMES.length]} Roster-${index} Öberg` }),
  );
}

export async function memberReplies(locale: Locale): Promise<NamedReply[]> {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const store = createInMemoryStore(clock.now);
  const directory: ChannelDirectory = { channelMembers: async () => rosterOf(60) };
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale, timeZone: 'Europe/Stockholm' }, directory });
  const channel = slackChannel({ channelName: 'Samverkan Uddevalla' });
  const chair = actor();
  const member = actor({ userId: 'U_MEMBER', displayName: 'Bo Ledamot' });
  const replies: NamedReply[] = [];
  const add = async (name: string, event: InboundEvent) => {
    const reply = await bot.handle(event);
    replies.push({ name, locale, reply });
    return reply;
  };

  await bot.handle({ type: 'bot-added', channel, actor: chair });
  await bot.handle({
    type: 'form-submitted',
    form: 'settings',
    values: { groupName: 'LSG Uddevalla', organisations: 'region,kommun,forsakringskassan', otherOrganisations: 'Brukarrådet <NSPH>', officeChannelId: '' },
    channel,
    actor: chair,
  });
  await bot.handle({ type: 'command', command: 'plan', text: 'plan', channel, actor: member });
  await add('members (list)', { type: 'command', command: 'medlemmar', text: 'medlemmar', channel, actor: member });
  await add('members (roster import)', { type: 'button', action: 'import-members', args: {}, channel, actor: chair });
  await add('members refused (import by ledamot)', { type: 'button', action: 'import-members', args: {}, channel, actor: member });
  await add('choose-member form', { type: 'button', action: 'edit-member', args: {}, channel, actor: chair });
  await add('choose-member form-errors', { type: 'form-submitted', form: 'choose-member', values: { memberId: '' }, channel, actor: chair });

  const [group] = await store.groups.list();
  const members = await store.members.list({ groupId: group!.id });
  const chairMember = members.find((m) => m.platformUserId === chair.userId)!;
  const bo = members.find((m) => m.platformUserId === member.userId)!;
  const [region] = await store.organisations.list({ groupId: group!.id, kind: 'region' });
  await add('member form', { type: 'form-submitted', form: 'choose-member', values: { memberId: bo.id }, channel, actor: chair });
  await add('member form-errors (last chair, substitute missing)', {
    type: 'form-submitted',
    form: 'member',
    values: { memberId: chairMember.id, roles: 'ersattare', organisationId: 'none', substituteForMemberId: 'none' },
    channel,
    actor: chair,
  });
  await add('member saved (substitute)', {
    type: 'form-submitted',
    form: 'member',
    values: { memberId: bo.id, roles: 'ersattare', organisationId: region!.id, substituteForMemberId: chairMember.id },
    channel,
    actor: chair,
  });
  await add('member form (own, ledamot)', { type: 'button', action: 'edit-member', args: {}, channel, actor: member });
  await add('members (after edits)', { type: 'button', action: 'show-members', args: {}, channel, actor: chair });
  return replies;
}
