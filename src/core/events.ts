import type { Platform } from './domain.js';
import type { FileExport } from './file-export.js';

/** The person behind an event, as the platform names them. */
export interface Actor {
  platform: Platform;
  /**
   * The person's own workspace (Slack; their Enterprise Grid org when the app is installed org-wide) or
   * tenant (Teams), from the signed request: compared with the channel's to spot people from elsewhere.
   */
  tenantId: string;
  userId: string;
  displayName: string;
  /**
   * The id the platform needs to open a private chat with the person, where it differs from userId
   * (Teams: the `29:…` id of `from`; the Entra object id in userId is refused there with UserNotFound).
   */
  chatUserId?: string;
  /**
   * displayName is only what the request itself says (Slack: the handle), because the directory was not
   * asked before answering (a modal's 3 s): a name already stored is kept, and the adapter brings the
   * real name afterwards (Bot.renamed).
   */
  provisionalName?: boolean;
}

/** Where an event happened and where answers go. */
export interface ChannelAddress {
  platform: Platform;
  /**
   * Whose channel it is: Slack's installing workspace (or org, for an org-wide install), never the
   * caller's, so a shared channel is one group; Teams' tenant of the conversation.
   */
  tenantId: string;
  channelId: string;
  channelName: string | null;
  /** Teams: ConversationReference as JSON, for proactive posts. */
  conversationReference: string | null;
  /** A one-to-one chat with the bot rather than a group channel. */
  isPersonal: boolean;
  /**
   * Teams: a card pressed in the person's 1:1 chat that acts for the group channel its data names. The
   * channel id comes from the card, so only an existing member of that group may act through it.
   */
  viaPersonalChat?: boolean;
  /**
   * Teams: the team's own id (its General channel's conversation id) when the message came from another
   * channel of that team. The app is added to a team, and the team's group lives where it was added.
   */
  teamChannelId?: string;
}

export const COMMANDS = ['hjalp', 'uppgifter', 'rapport', 'plan', 'sammanfattning', 'installningar', 'medlemmar', 'moten', 'analys', 'prioritering', 'uppdrag', 'genomforandeplan', 'utvardering', 'hemuppgift', 'exportera', 'region', 'personuppgifter'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const FORMS = ['settings', 'member', 'choose-member', 'meeting', 'meeting-series', 'move-meeting',
  'analysis-round',
  'proposal',
  'merge-proposals',
  'voting-round',
  'ballot',
  'activity',
  'assignment',
  'implementation-plan',
  'choose-assignment',
  'progress-report',
  'final-report',
  'follow-up',
  'evaluation',
  'new-homework',
  'homework-answer',
  'export',
  'confirm-removal',
  'sub-goal',
  'plan-task',
  'indicator',
  'confirm-decision',
  'assignment-change',
  'final-report-return',
] as const;
export type FormId = (typeof FORMS)[number];

/**
 * Forms one person fills in for themselves (their report, ballot, proposal, answers). Where a platform
 * would show a form to the whole channel (Teams), these open in the person's private chat with the bot;
 * only what the group should see of the answer is posted back (the core's announce).
 */
export const PERSONAL_FORMS: ReadonlySet<FormId> = new Set<FormId>([
  'progress-report',
  'final-report',
  'choose-assignment',
  'ballot',
  'proposal',
  'evaluation',
  'homework-answer',
  'follow-up',
]);

/** A form reply that belongs in the person's private chat (see PERSONAL_FORMS). */
export function isPersonalForm(reply: Reply): reply is Extract<Reply, { kind: 'form' }> {
  return reply.kind === 'form' && PERSONAL_FORMS.has(reply.form);
}

/** Buttons on cards that are not form submissions. */
export const BUTTON_ACTIONS = [
  'open-settings',
  'show-plan',
  'show-help',
  'show-summary',
  'open-report',
  'show-members',
  'edit-member',
  'import-members',
  'show-meetings',
  'open-meeting',
  'open-meeting-series',
  'open-move-meeting',
  'cancel-meeting',
  'restore-meeting',
  'show-analysis',
  'open-analysis-round',
  'open-proposal',
  'open-merge',
  'open-voting-round',
  'open-ballot',
  'close-voting',
  'show-prioritisation',
  'open-activity',
  'decide-plan',
  /** "Ta med pågående aktiviteter": running activities of the plan in force into the planning version. */
  'carry-over-activities',
  'open-assignment',
  'open-implementation-plan',
  'save-draft',
  'correct-report',
  'show-report',
  'accept-final-report',
  'open-follow-up',
  'open-evaluation',
  'show-evaluations',
  'open-new-homework',
  'answer-homework',
  'show-homework-summary',
  'open-export',
  'show-assignment',
  'confirm-data-rights',
  'open-removal',
  'open-assignment-change',
  'open-final-report-return',
  /** A command chosen for one of the person's groups from their private chat ("vilken grupp?"). */
  'run-command',
  'open-plan-item',
  'open-implementation-text',
] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/**
 * The button that keeps a form's draft without submitting it ("Spara utkast"). Teams shows it and sends
 * the typed inputs with it; Slack has no second button in a modal, so the translator leaves it out and asks
 * Slack to report a closed modal instead (notify_on_close), which the edge turns into this same action.
 */
export const SAVE_DRAFT_ACTION = 'save-draft' satisfies ButtonAction;

/** A form field's submitted value: text, a multi-select as comma list, or absent. */
export type FormValues = Record<string, string | undefined>;

/**
 * Where the bot was removed: one channel (left it, archived, deleted) or, without channelId, a whole
 * workspace or tenant (app uninstalled, tokens revoked). tenantId as in ChannelAddress.
 */
export interface Removal {
  platform: Platform;
  tenantId: string;
  channelId?: string;
}

export type InboundEvent =
  /** actor: who added the bot; null when the platform does not say (a Slack join without an inviter). */
  | { type: 'bot-added'; channel: ChannelAddress; actor: Actor | null }
  | { type: 'command'; command: CommandName | null; text: string; channel: ChannelAddress; actor: Actor }
  /** args: the other string fields of the button's data, e.g. { meetingId } for "Ställ in". */
  | { type: 'button'; action: ButtonAction; args: FormValues; channel: ChannelAddress; actor: Actor }
  | { type: 'form-submitted'; form: FormId; values: FormValues; channel: ChannelAddress; actor: Actor };

export const CARDS = [
  'choose-group', 'my-tasks', 'welcome', 'help', 'plan', 'summary', 'notice', 'members', 'meetings', 'meeting-notice', 'standing-item', 'analysis', 'prioritisation', 'assignment-document',
  'report-view',
  'report-prompt',
  'final-report-view',
  'evaluations',
  'homework',
  'homework-summary',
  'export-ready',
  'regional-rollup',
  'data-rights',
  'implementation-overview',
] as const;
export type CardId = (typeof CARDS)[number];

export type CardData = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

/**
 * Hidden fields a form carries back on submit (e.g. which meeting a "move" form is about). Use cases put
 * them in a form reply's `data.context`; templates copy them into the submit action's data, and the Slack
 * edge keeps them in the modal's private_metadata. They arrive merged into the submitted values.
 */
export type FormContext = Record<string, string>;

/**
 * Who sees a card reply. 'asker': only the person who asked (refusals, personal confirmations, the chair's
 * meeting preparation, the convener's working view, the kansli's cards naming other groups and people):
 * Slack shows it ephemerally, Teams in the person's private chat with the bot. 'channel': the whole group
 * (the group's data, and changes to it naming who made them). Decided here once for both platforms.
 */
export type Audience = 'asker' | 'channel';

/** What a use case answers; each adapter renders it its own way. */
export type Reply =
  /**
   * `audience` absent: the channel's. `announce`: the card tells of a change to the group's shared data
   * (set by the core, see announcesChange): where a platform shows the answer to a button only to the person
   * who pressed it (Teams' Action.Execute), the card is also posted in the channel for everyone.
   */
  | { kind: 'card'; card: CardId; data: CardData; audience?: Audience; announce?: boolean; origin?: string }
  /** A form to fill in: Teams shows it as a card, Slack opens a modal. */
  | { kind: 'form'; form: FormId; data: CardData; origin?: string }
  /** The form again with what was typed and one message per bad field. */
  | { kind: 'form-errors'; form: FormId; data: CardData; errors: FieldErrors }
  /**
   * A file for the channel: Slack gets the bytes uploaded, Teams the card (`card` with `data`) holding the
   * signed link that opens it in a browser; Slack shows that card too when the upload fails.
   */
  | { kind: 'file'; file: FileExport; message: string; card: CardId; data: CardData };

/**
 * `origin` (cards and forms): the group channel a reply given in a person's private chat is for, when the
 * core found the group itself (a command typed there, see bot.ts personalGroup). The adapters mark the
 * reply's buttons with it (cards/origin-channel.ts), so that they act for that group too.
 */
export function replyOrigin(reply: Reply): string | undefined {
  return reply.kind === 'card' || reply.kind === 'form' ? reply.origin : undefined;
}

/** Where a reply goes: forms and files stay where they are asked for; a card only where its audience says. */
export function audienceOf(reply: Reply): Audience {
  return reply.kind === 'card' && reply.audience === 'asker' ? 'asker' : 'channel';
}

/** Buttons that change the group's shared data themselves (not by opening a form). */
const CHANGING_BUTTONS: ReadonlySet<ButtonAction> = new Set<ButtonAction>(['cancel-meeting', 'restore-meeting', 'close-voting', 'accept-final-report', 'import-members']);

/**
 * Changing buttons on a card that shows the group's current state (the meetings list, the vote, the
 * members), answered with that same card changed: where a platform can, the pressed card is updated in
 * place for everyone instead of the change being posted anew, so the channel keeps one current card.
 * Group events (a final report accepted, a plan decided, a report received) stay new posts.
 */
const IN_PLACE_BUTTONS: ReadonlySet<ButtonAction> = new Set<ButtonAction>(['cancel-meeting', 'restore-meeting', 'close-voting', 'import-members']);

/** Whether the change `event` made is shown by updating the pressed card in place (see IN_PLACE_BUTTONS). */
export function updatesInPlace(event: InboundEvent): boolean {
  return event.type === 'button' && IN_PLACE_BUTTONS.has(event.action);
}

/**
 * Whether `reply` to `event` tells the whole group of a change: a submitted form or a changing button
 * answered with a card for the channel (a meeting added, a vote opened or closed, a report received …).
 * Answers only for the asker and views ("Visa …") are not.
 */
export function announcesChange(event: InboundEvent, reply: Reply): reply is Extract<Reply, { kind: 'card' }> {
  if (reply.kind !== 'card' || audienceOf(reply) !== 'channel') return false;
  return event.type === 'form-submitted' || (event.type === 'button' && CHANGING_BUTTONS.has(event.action));
}

const COMMAND_WORDS: Record<string, CommandName> = {
  hjalp: 'hjalp',
  help: 'hjalp',
  // "mina uppgifter" / "my tasks": the first word decides.
  mina: 'uppgifter',
  uppgifter: 'uppgifter',
  my: 'uppgifter',
  tasks: 'uppgifter',
  rapport: 'rapport',
  report: 'rapport',
  plan: 'plan',
  sammanfattning: 'sammanfattning',
  summary: 'sammanfattning',
  installningar: 'installningar',
  settings: 'installningar',
  medlemmar: 'medlemmar',
  members: 'medlemmar',
  moten: 'moten',
  meetings: 'moten',
  analys: 'analys',
  analysis: 'analys',
  forslag: 'analys',
  prioritering: 'prioritering',
  prioritisation: 'prioritering',
  rosta: 'prioritering',
  vote: 'prioritering',
  uppdrag: 'uppdrag',
  assignment: 'uppdrag',
  genomforandeplan: 'genomforandeplan',
  implementation: 'genomforandeplan',
  utvardering: 'utvardering',
  utvardera: 'utvardering',
  evaluation: 'utvardering',
  hemuppgift: 'hemuppgift',
  hemuppgifter: 'hemuppgift',
  homework: 'hemuppgift',
  exportera: 'exportera',
  export: 'exportera',
  region: 'region',
  regional: 'region',
  sammanstallning: 'region',
  rollup: 'region',
  personuppgifter: 'personuppgifter',
  personaldata: 'personuppgifter',
  gdpr: 'personuppgifter',
};

/** Folds å/ä/ö so "hjälp", "Hjalp" and "HJÄLP!" all mean the same command. */
function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');
}

/** The command a free text starts with, or null when it names none. */
export function parseCommand(text: string): CommandName | null {
  const first = text.trim().split(/\s+/)[0] ?? '';
  return COMMAND_WORDS[fold(first)] ?? null;
}
