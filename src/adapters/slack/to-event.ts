// Slack payloads → the neutral InboundEvent of src/core/events.ts. Pure functions: the listeners fetch
// names first and pass them in, so this file holds every Slack-to-core mapping in one testable place.
import { z } from 'zod';
import { ORIGIN_CHANNEL_KEY } from '../../cards/origin-channel.js';
import {
  FORMS,
  parseCommand,
  type Actor,
  type ChannelAddress,
  type FormContext,
  type FormId,
  type FormValues,
  type InboundEvent,
} from '../../core/events.js';

/** Whom the bot token belongs to (auth.test): a workspace, or an Enterprise Grid org for an org-wide install. */
export interface SlackInstallation {
  teamId: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
}

/** The person's own workspace and org, as the signed payload names them (never private_metadata). */
export interface SlackCaller {
  teamId?: string | null;
  enterpriseId?: string | null;
}

/**
 * What a Slack channel's group is keyed on besides the channel id: the installation, never the caller's
 * workspace, so a shared channel (Slack Connect, an org-shared Grid channel) is one group whoever types.
 */
export function installationKey(installation: SlackInstallation): string {
  return installation.isEnterpriseInstall && installation.enterpriseId ? installation.enterpriseId : installation.teamId;
}

/** The caller's home at the installation's grain (org for an org-wide install, else workspace): the actor's tenant. */
/** The parts of an interaction payload (block_actions, view_submission, block_suggestion) that say who acts. */
export interface InteractionBody {
  user: { team_id?: string };
  team: { id: string; enterprise_id?: string } | null;
  enterprise?: { id: string } | null;
}

/**
 * The acting person's own workspace and org, from the signed payload (never from private_metadata).
 * user.team_id first: in a shared channel `team` may be the workspace the message lives in rather than the person's.
 */
export function callerOf(body: InteractionBody): SlackCaller {
  return { teamId: body.user.team_id ?? body.team?.id, enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id };
}

export function callerHome(installation: SlackInstallation, caller: SlackCaller): string {
  if (installation.isEnterpriseInstall) return caller.enterpriseId || caller.teamId || '';
  return caller.teamId || '';
}

export function slackActor(tenantId: string, userId: string, displayName: string): Actor {
  return { platform: 'slack', tenantId, userId, displayName };
}

/** Direct-message conversation ids start with D: a personal chat, not a group channel. tenantId: installationKey. */
export function slackChannel(tenantId: string, channelId: string, channelName: string | null): ChannelAddress {
  return {
    platform: 'slack',
    tenantId,
    channelId,
    channelName,
    conversationReference: null,
    isPersonal: channelId.startsWith('D'),
  };
}

/** `/samverkan <word>`, an @-mention text or `/rapport`: one command event. */
export function commandEvent(text: string, channel: ChannelAddress, actor: Actor, fixed?: 'rapport'): InboundEvent {
  return { type: 'command', command: fixed ?? parseCommand(text), text, channel, actor };
}

/**
 * An app_mention's text without the bot's own mentions ("<@UBOT> hjälp" → "hjälp"). Other people's
 * mentions stay: commands name people with them (`personuppgifter visa <@U123>`). Without the bot's id
 * (not known yet), a leading mention is taken to be the bot's.
 */
export function stripMentions(text: string, botUserId?: string): string {
  const mention = /<@([A-Z0-9]+)(?:\|[^>]*)?>/gi;
  const stripped = botUserId ? text.replace(mention, (whole, id: string) => (id === botUserId ? ' ' : whole)) : text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/i, ' ');
  return stripped.trim();
}

// The channel a modal belongs to and the form's hidden context travel in private_metadata (Slack
// returns it untouched on submit).
const channelSchema = z.object({
  platform: z.literal('slack'),
  tenantId: z.string().min(1),
  channelId: z.string().min(1),
  channelName: z.string().nullable(),
  conversationReference: z.null(),
  isPersonal: z.boolean(),
});
/**
 * The read-only request that opened a modal (an "open …" button or a command): a block_suggestion that
 * reaches a process without the modal's long lists (another instance, or after a restart) asks it again.
 */
const openerSchema = z.union([
  z.object({ kind: z.literal('button'), action: z.string(), args: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('command'), command: z.string().nullable(), text: z.string() }),
]);
export type ModalOpener = z.infer<typeof openerSchema>;

const metadataSchema = z.object({ channel: channelSchema, context: z.record(z.string(), z.string()), opener: openerSchema.optional() });

export interface ModalMetadata {
  channel: ChannelAddress;
  context: FormContext;
  opener?: ModalOpener;
}

/** Slack's limit on private_metadata. */
const METADATA_MAX = 3000;

export function toModalMetadata(channel: ChannelAddress, context: FormContext = {}, opener?: ModalOpener): string {
  const withOpener = JSON.stringify({ channel, context, ...(opener ? { opener } : {}) });
  // The opener is a convenience (the lists can be rebuilt elsewhere): never at the cost of the form.
  return withOpener.length <= METADATA_MAX ? withOpener : JSON.stringify({ channel, context });
}

/** Requests that only read (they open a form or show something): safe to run again for a modal's lists. */
const READ_ONLY_COMMANDS = new Set(['rapport', 'plan', 'sammanfattning', 'installningar', 'medlemmar', 'moten', 'analys', 'prioritering', 'uppdrag', 'genomforandeplan', 'utvardering', 'hemuppgift', 'exportera']);

/** The opener of a modal opened by `event`, when that request is one that only reads. */
export function modalOpenerOf(event: InboundEvent | null | undefined): ModalOpener | undefined {
  if (event?.type === 'button' && (event.action.startsWith('open-') || event.action === 'edit-member' || event.action === 'answer-homework')) {
    return { kind: 'button', action: event.action, args: Object.fromEntries(Object.entries(event.args).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) };
  }
  if (event?.type === 'command' && event.command !== null && READ_ONLY_COMMANDS.has(event.command)) return { kind: 'command', command: event.command, text: event.text };
  return undefined;
}

export function fromModalMetadata(metadata: string): ModalMetadata {
  return metadataSchema.parse(JSON.parse(metadata));
}

/** Keys of a button's data that route it rather than being arguments. */
const ROUTING_KEYS = new Set(['action', 'form', ORIGIN_CHANNEL_KEY]);

/** A button's value parsed: the card action's data as an object, or {} for anything else. */
function buttonData(value: string | undefined): Record<string, unknown> {
  if (!value) return {};
  try {
    const data: unknown = JSON.parse(value);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A button's value is the JSON of the card action's data; everything but the routing keys is an argument. */
export function buttonArgs(value: string | undefined): FormValues {
  return Object.fromEntries(Object.entries(buttonData(value)).filter(([key, field]) => !ROUTING_KEYS.has(key) && typeof field === 'string')) as FormValues;
}

/** The group channel a button on a card in a DM names (src/cards/origin-channel.ts): a Slack channel id, or null. */
export function originChannelOf(value: string | undefined): string | null {
  const origin = buttonData(value)[ORIGIN_CHANNEL_KEY];
  return typeof origin === 'string' && /^[CG][A-Za-z0-9_-]{1,40}$/.test(origin) ? origin : null;
}

export function isFormId(value: string): value is FormId {
  return (FORMS as readonly string[]).includes(value);
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_time?: string | null;
}

/**
 * A modal's state.values flattened to one value per input id (action_id = the card input's id):
 * text as typed, selections as a comma list (like Adaptive Cards' multi-select), dates as YYYY-MM-DD,
 * times as HH:mm.
 */
export function flattenViewState(values: Record<string, Record<string, StateValue>>): FormValues {
  const flat: FormValues = {};
  for (const block of Object.values(values)) {
    for (const [actionId, state] of Object.entries(block)) {
      if (state.selected_options) flat[actionId] = state.selected_options.map((option) => option.value).join(',');
      else if ('selected_option' in state) flat[actionId] = state.selected_option?.value ?? '';
      else if ('selected_date' in state) flat[actionId] = state.selected_date ?? '';
      else if ('selected_time' in state) flat[actionId] = state.selected_time ?? '';
      else flat[actionId] = state.value ?? '';
    }
  }
  return flat;
}
