// Bot Framework activities shaped like the ones Teams posts to /api/messages (field names and nesting
// as in real msteams traffic), for contract tests that drive the bot over HTTP.
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Samverkansbot' } as const;
export const TENANT_ID = '72f988bf-0000-4000-8000-00000000a1b2';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const CHAIR: TeamsUser = { id: '29:1anna-ordforande', name: 'Anna Ordförande', aadObjectId: 'aad-anna-0001' };
export const MEMBER: TeamsUser = { id: '29:1bo-ledamot', name: 'Bo Ledamot', aadObjectId: 'aad-bo-0002' };

export type ConversationKind = 'channel' | 'groupChat' | 'personal';

export interface TeamsConversation {
  kind: ConversationKind;
  /** Base conversation id (a channel's id, a chat's id). */
  id: string;
  teamId?: string;
  teamName?: string;
  channelName?: string;
  chatName?: string;
}

export function teamChannel(overrides: Partial<TeamsConversation> = {}): TeamsConversation {
  const id = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return { kind: 'channel', id, teamId: id, teamName: 'Samverkan Uddevalla', ...overrides };
}

export function groupChat(name = 'LSG Lysekil'): TeamsConversation {
  return { kind: 'groupChat', id: `19:${randomUUID().replace(/-/g, '')}@thread.v2`, chatName: name };
}

export function personalChat(user: TeamsUser): TeamsConversation {
  return { kind: 'personal', id: `a:1${user.aadObjectId}-personal` };
}

type Json = Record<string, unknown>;

let activitySequence = 0;
/**
 * Teams' numeric activity ids, distinct within a test run: the bot handles a repeated id in one
 * conversation once (replay protection), so two activities of a test must never share one by chance.
 */
const nextActivityId = (): string => `${Date.now()}${String(++activitySequence).padStart(6, '0')}`;

function base(conversation: TeamsConversation, serviceUrl: string, from: Json, conversationId = conversation.id): Json {
  return {
    id: nextActivityId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from,
    recipient: { ...BOT },
    conversation: {
      id: conversationId,
      conversationType: conversation.kind,
      tenantId: TENANT_ID,
      ...(conversation.kind === 'personal' ? {} : { isGroup: true }),
      ...(conversation.chatName ? { name: conversation.chatName } : {}),
    },
    channelData: {
      tenant: { id: TENANT_ID },
      ...(conversation.teamId
        ? {
            team: { id: conversation.teamId, name: conversation.teamName, aadGroupId: randomUUID() },
            channel: { id: conversation.id, ...(conversation.channelName ? { name: conversation.channelName } : {}) },
            teamsTeamId: conversation.teamId,
            teamsChannelId: conversation.id,
          }
        : {}),
    },
    locale: 'sv-SE',
  };
}

function user(person: TeamsUser): Json {
  return { id: person.id, name: person.name, aadObjectId: person.aadObjectId };
}

/** The install event: Teams names neither the installer (only ids) nor, in channels, the channel. */
export function botInstalled(conversation: TeamsConversation, serviceUrl: string, installer: TeamsUser): Json {
  const activity = base(conversation, serviceUrl, { id: installer.id, aadObjectId: installer.aadObjectId });
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...(activity.channelData as Json), ...(conversation.teamId ? { eventType: 'teamMemberAdded' } : {}) },
  };
}

/** The second install signal Teams sends for the same install. */
export function installationUpdate(conversation: TeamsConversation, serviceUrl: string, installer: TeamsUser, action = 'add'): Json {
  return { ...base(conversation, serviceUrl, { id: installer.id, aadObjectId: installer.aadObjectId }), type: 'installationUpdate', action };
}

/**
 * A typed message. In channels and group chats the bot must be @mentioned; the text then starts with
 * `<at>Samverkansbot</at>` and a mention entity names the bot. Channel messages come with the thread's id.
 */
export function message(conversation: TeamsConversation, serviceUrl: string, from: TeamsUser, text: string): Json {
  const mention = `<at>${BOT.name}</at>`;
  const mentioned = conversation.kind !== 'personal';
  const activity = base(conversation, serviceUrl, user(from));
  const threadId = conversation.kind === 'channel' ? `${conversation.id};messageid=${activity.id as string}` : conversation.id;
  return {
    ...activity,
    conversation: { ...(activity.conversation as Json), id: threadId },
    type: 'message',
    textFormat: 'plain',
    text: mentioned ? `${mention} ${text}\n` : text,
    entities: [
      ...(mentioned ? [{ type: 'mention', text: mention, mentioned: { ...BOT } }] : []),
      { type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' },
    ],
  };
}

/** Action.Submit: a message without text whose value is the card's data plus its inputs. */
export function cardSubmit(conversation: TeamsConversation, serviceUrl: string, from: TeamsUser, value: Json): Json {
  return {
    ...base(conversation, serviceUrl, user(from)),
    type: 'message',
    replyToId: 'card-message-1',
    value,
  };
}

/** Action.Execute: invoke `adaptiveCard/action` with the verb and the data merged with the inputs. */
export function cardExecute(conversation: TeamsConversation, serviceUrl: string, from: TeamsUser, verb: string, data: Json): Json {
  return {
    ...base(conversation, serviceUrl, user(from)),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-message-1',
    value: { action: { type: 'Action.Execute', id: `action-${verb}`, verb, data }, trigger: 'manual' },
  };
}

/**
 * A dialog (task module) invoke. `task/fetch`: an Action.Submit whose data asks for it (msteams task/fetch)
 * was pressed on a card; `task/submit`: a button was pressed in the dialog. value.data is the button's data
 * merged with the inputs (a dialog's), as Teams sends both.
 */
export function taskInvoke(conversation: TeamsConversation, serviceUrl: string, from: TeamsUser, name: 'task/fetch' | 'task/submit', data: Json): Json {
  return {
    ...base(conversation, serviceUrl, user(from)),
    type: 'invoke',
    name,
    ...(name === 'task/fetch' ? { replyToId: 'card-message-1' } : {}),
    value: { data, context: { theme: 'default' } },
  };
}

export interface HttpAnswer {
  status: number;
  body: any;
}

/** POSTs an activity to the app's /api/messages; a JSON answer is parsed, any other body kept as text. */
export async function postActivity(appUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  if (!text) return { status: response.status, body: undefined };
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, body: isJson ? JSON.parse(text) : text };
}
