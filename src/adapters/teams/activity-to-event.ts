// Parsing of Bot Framework activities into the core's neutral vocabulary. Pure functions on the
// activity JSON, so the SDK swap (botbuilder → @microsoft/agents-hosting) touches only the type imports.
import type { Activity, ConversationReference, TeamsChannelData } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import {
  BUTTON_ACTIONS,
  FORMS,
  type Actor,
  type ButtonAction,
  type ChannelAddress,
  type FormId,
  type FormValues,
  type InboundEvent,
} from '../../core/events.js';
import { ORIGIN_CHANNEL_KEY } from '../../cards/origin-channel.js';

/** Only clients that are not Teams (Bot Framework Emulator) send no tenant at all. */
export const NO_TENANT = 'no-tenant';

type Incoming = Partial<Activity>;

function channelData(activity: Incoming): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/**
 * A reply in a Teams channel thread arrives with conversation id `19:…@thread.tacv2;messageid=123`.
 * The group belongs to the channel, not the thread, and proactive posts go to the channel as new posts.
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/**
 * The conversation's ConversationReference without the per-message parts (activity id, sender, locale):
 * the core stores it when it differs from the stored one, and with those parts it would differ on every
 * message. What remains (bot, conversation, channel, service URL) is what continueConversation needs.
 */
export function conversationReferenceOf(activity: Incoming): Partial<ConversationReference> {
  const { activityId: _activityId, user: _user, locale: _locale, ...stable } = TurnContext.getConversationReference(activity);
  if (stable.conversation) stable.conversation = { ...stable.conversation, id: baseConversationId(stable.conversation.id) };
  return stable;
}

/** The sender's tenant: channelData.tenant names the person's home tenant (in a shared channel, possibly another). */
export function tenantIdOf(activity: Incoming): string {
  return channelData(activity).tenant?.id ?? activity.conversation?.tenantId ?? NO_TENANT;
}

/**
 * The conversation's own tenant: conversation.tenantId is the tenant hosting the channel (in a Teams
 * shared channel, the host team's), so a group is one per channel whoever writes; channelData second.
 */
export function channelTenantIdOf(activity: Incoming): string {
  return activity.conversation?.tenantId || channelData(activity).tenant?.id || NO_TENANT;
}

export function channelAddressOf(activity: Incoming): ChannelAddress {
  const data = channelData(activity);
  const conversation = activity.conversation;
  const channelId = baseConversationId(conversation?.id ?? '');
  const teamChannelId = data.team?.id ? baseConversationId(data.team.id) : undefined;
  return {
    platform: 'teams',
    tenantId: channelTenantIdOf(activity),
    channelId,
    // A team's General channel has no channel name in channelData; the team's name is the better group name.
    channelName: data.channel?.name ?? data.team?.name ?? conversation?.name ?? null,
    conversationReference: JSON.stringify(conversationReferenceOf(activity)),
    isPersonal: conversation?.conversationType === 'personal',
    ...(teamChannelId && teamChannelId !== channelId ? { teamChannelId } : {}),
  };
}

export function actorOf(activity: Incoming): Actor {
  const from = activity.from;
  return {
    platform: 'teams',
    tenantId: tenantIdOf(activity),
    // aadObjectId is the person's Entra ID, the same for every bot and channel; `from.id` is per bot.
    userId: from?.aadObjectId ?? from?.id ?? '',
    displayName: from?.name ?? '',
    // The `29:…` id: the one the connector takes to open the bot's private chat with the person.
    ...(from?.id ? { chatUserId: from.id } : {}),
  };
}

/** True when the bot itself is among the members a conversationUpdate added. */
export function addsTheBot(activity: Incoming): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId) && (activity.membersAdded ?? []).some((member) => member.id === botId);
}

/** True when the bot itself is among the members a conversationUpdate removed (the app removed from the team or chat). */
export function removesTheBot(activity: Incoming): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId) && (activity.membersRemoved ?? []).some((member) => member.id === botId);
}

/** The command text of a message: the @mention of the bot removed, whitespace trimmed. */
export function commandTextOf(activity: Incoming): string {
  const text = activity.entities?.length ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

const isButtonAction = (value: unknown): value is ButtonAction =>
  typeof value === 'string' && (BUTTON_ACTIONS as readonly string[]).includes(value);
const isFormId = (value: unknown): value is FormId => typeof value === 'string' && (FORMS as readonly string[]).includes(value);

/** Keys the card templates put next to the inputs; they are routing, not form values. */
const ROUTING_KEYS = new Set(['action', 'form', 'msteams', ORIGIN_CHANNEL_KEY]);

/**
 * Where a pressed card's event belongs: the group channel named on a card in the private chat, else where
 * it was pressed. Only Teams channel and group-chat ids (19:…) are taken; the stored reference stays as is.
 */
export function cardChannelOf(channel: ChannelAddress, data: Record<string, unknown>): ChannelAddress {
  const origin = data[ORIGIN_CHANNEL_KEY];
  if (!channel.isPersonal || typeof origin !== 'string' || !origin.startsWith('19:')) return channel;
  return { ...channel, channelId: baseConversationId(origin), channelName: null, conversationReference: null, isPersonal: false, viaPersonalChat: true };
}

/** Every string input of a submitted card (Teams sends inputs as strings, multi-selects as "a,b"). */
export function formValuesOf(data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(data)) {
    if (!ROUTING_KEYS.has(key) && typeof value === 'string') values[key] = value;
  }
  return values;
}

type CardEvent = Extract<InboundEvent, { type: 'button' | 'form-submitted' }>;

/**
 * A card submission (Action.Submit value or Action.Execute verb + data) as a core event, or null when the
 * card named nothing this bot knows. `key` is the Action.Execute verb; for Action.Submit the data's own
 * `action` / `form` field names it (templates set verb = that field's value, so both paths agree).
 */
export function cardEventOf(
  key: unknown,
  data: Record<string, unknown>,
  channel: ChannelAddress,
  actor: Actor,
): CardEvent | null {
  const name = key ?? data.action ?? data.form;
  if (isButtonAction(name)) return { type: 'button', action: name, args: formValuesOf(data), channel, actor };
  if (isFormId(name)) return { type: 'form-submitted', form: name, values: formValuesOf(data), channel, actor };
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
