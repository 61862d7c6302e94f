// The one translation from our Adaptive Card subset to Slack Block Kit, so every card is laid out once
// (cards/*.json) and both platforms show the same content. Deliberately strict: an element Slack cannot
// show faithfully throws instead of vanishing, and Slack's size limits (which Slack enforces only by
// refusing the whole message with `invalid_blocks`) are checked here with an error that says what broke.
// Plain JSON types on purpose: @slack/* imports stay inside src/adapters/slack (architecture test).
import type { AdaptiveCardJson, CardNode } from './render-card.js';
import { SAVE_DRAFT_ACTION } from '../core/events.js';
import { unescapeMarkdown } from './card-markdown.js';

export type SlackBlock = Record<string, unknown> & { type: string };

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit?: PlainText;
  close: PlainText;
  /** Set for forms that keep drafts: Slack then reports a closed modal (view_closed) with what was typed. */
  notify_on_close?: boolean;
  blocks: SlackBlock[];
}

export interface ModalOptions {
  callbackId: string;
  privateMetadata: string;
  title: string;
  submit: string;
  close: string;
}

/** Block Kit limits (docs.slack.dev; measured offline with Bolt 5.1). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  modalText: 24,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionsElements: 25,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  expandedOptions: 10,
  inputLabel: 2000,
  placeholder: 150,
  plainTextInput: 3000,
  id: 255,
  callbackId: 255,
  privateMetadata: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** Action ids of url buttons; Slack still sends block_actions for them, which the adapter only acks. */
export const OPEN_URL_ACTION_PREFIX = 'open-url-';

export class CardTranslationError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} (at ${path})`);
    this.name = 'CardTranslationError';
  }
}

export class UnsupportedCardElementError extends CardTranslationError {
  constructor(
    readonly elementType: string,
    path: string,
  ) {
    super(`Slack cannot show the Adaptive Card element "${elementType}"`, path);
    this.name = 'UnsupportedCardElementError';
  }
}

export class SlackLimitError extends CardTranslationError {
  constructor(
    readonly what: string,
    readonly limit: number,
    readonly actual: number,
    path: string,
  ) {
    super(`${what} is ${actual}, Slack allows at most ${limit}`, path);
    this.name = 'SlackLimitError';
  }
}

type Surface = 'message' | 'modal';

interface Walk {
  surface: Surface;
  blocks: SlackBlock[];
  /** The form submit action found on a modal surface; it becomes the modal's submit button. */
  submitAction: CardNode | null;
  /** The form has a "save draft" button, which a modal replaces by reporting its closing. */
  keepsDrafts: boolean;
  hasInputs: boolean;
  blockIds: Set<string>;
}

function limit(what: string, actual: number, max: number, path: string): void {
  if (actual > max) throw new SlackLimitError(what, max, actual, path);
}

function text(value: unknown, what: string, path: string, max: number, required = true): string {
  const result = value === undefined || value === null ? '' : String(value);
  if (required && result.trim() === '') throw new CardTranslationError(`${what} is empty`, path);
  limit(`${what} length`, result.length, max, path);
  return result;
}

function plain(value: string): PlainText {
  return { type: 'plain_text', text: value, emoji: true };
}

/** Slack mrkdwn treats &, < and > as control characters (links, mentions); everything else passes through. */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A card text (Teams Markdown, escaped by renderCard) as Slack mrkdwn showing the same characters. */
function mrkdwnOf(cardText: unknown): string {
  return escapeMrkdwn(unescapeMarkdown(cardText === undefined || cardText === null ? '' : String(cardText)));
}

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function uniqueBlockId(walk: Walk, id: string, path: string): string {
  text(id, 'Input id', path, SLACK_LIMITS.id);
  if (walk.blockIds.has(id)) throw new CardTranslationError(`Duplicate input id "${id}"`, path);
  walk.blockIds.add(id);
  return id;
}

function textBlock(node: CardNode, path: string): SlackBlock[] {
  // The card's texts are Teams Markdown, escaped by renderCard; Slack gets the characters themselves.
  const raw = node.text === undefined || node.text === null ? '' : unescapeMarkdown(String(node.text));
  // An empty TextBlock shows nothing in Teams either; Slack would refuse an empty section.
  if (raw.trim() === '') return [];
  if (lower(node.style) === 'heading' || ['large', 'extralarge'].includes(lower(node.size))) {
    return [{ type: 'header', text: plain(text(raw, 'Header text', path, SLACK_LIMITS.headerText)) }];
  }
  let mrkdwn = escapeMrkdwn(raw);
  if (lower(node.weight) === 'bolder') mrkdwn = `*${mrkdwn}*`;
  if (lower(node.color) === 'attention') mrkdwn = `:warning: ${mrkdwn}`;
  if (node.isSubtle === true) {
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: text(mrkdwn, 'Context text', path, SLACK_LIMITS.contextText) }] }];
  }
  return [{ type: 'section', text: { type: 'mrkdwn', text: text(mrkdwn, 'Section text', path, SLACK_LIMITS.sectionText) } }];
}

function factSet(node: CardNode, path: string): SlackBlock[] {
  const facts = Array.isArray(node.facts) ? (node.facts as { title?: unknown; value?: unknown }[]) : [];
  if (facts.length === 0) return [];
  const lines = facts.map((fact) => ({ title: mrkdwnOf(fact.title), value: mrkdwnOf(fact.value) }));
  if (lines.length <= SLACK_LIMITS.sectionFields) {
    return [
      {
        type: 'section',
        fields: lines.map((line, index) => ({
          type: 'mrkdwn',
          text: text(`*${line.title}*\n${line.value}`, 'Fact text', `${path}.facts[${index}]`, SLACK_LIMITS.fieldText),
        })),
      },
    ];
  }
  // More than ten fields do not fit one section: one fact per line instead.
  const joined = lines.map((line) => `*${line.title}*: ${line.value}`).join('\n');
  return [{ type: 'section', text: { type: 'mrkdwn', text: text(joined, 'Fact set text', path, SLACK_LIMITS.sectionText) } }];
}

function inputBlock(walk: Walk, node: CardNode, path: string, element: Record<string, unknown>): SlackBlock {
  walk.hasInputs = true;
  const id = uniqueBlockId(walk, String(node.id ?? ''), path);
  const label = text(node.label ?? (node.type === 'Input.Toggle' ? node.title : undefined), 'Input label', path, SLACK_LIMITS.inputLabel);
  if (node.placeholder !== undefined && node.placeholder !== '' && !('placeholder' in element) && element.type !== 'checkboxes' && element.type !== 'radio_buttons') {
    element.placeholder = plain(text(node.placeholder, 'Placeholder', path, SLACK_LIMITS.placeholder));
  }
  return {
    type: 'input',
    block_id: id,
    label: plain(label),
    optional: node.isRequired !== true,
    element: { ...element, action_id: id },
  };
}

function textInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  if (node.inlineAction !== undefined) throw new UnsupportedCardElementError('Input.Text.inlineAction', `${path}.inlineAction`);
  const maxLength = typeof node.maxLength === 'number' && node.maxLength > 0 ? node.maxLength : SLACK_LIMITS.plainTextInput;
  limit('Input.Text maxLength', maxLength, SLACK_LIMITS.plainTextInput, path);
  const value = node.value === undefined || node.value === null ? '' : String(node.value);
  // Never cut what somebody typed or stored: a value Slack cannot hold is an error, not a shorter value.
  limit('Input.Text value length', value.length, maxLength, path);
  return inputBlock(walk, node, path, {
    type: 'plain_text_input',
    multiline: node.isMultiline === true,
    max_length: maxLength,
    ...(value ? { initial_value: value } : {}),
  });
}

interface SlackOption {
  text: PlainText;
  value: string;
}

function choiceSet(walk: Walk, node: CardNode, path: string): SlackBlock {
  if (node['choices.data'] !== undefined) throw new UnsupportedCardElementError('Input.ChoiceSet choices.data', path);
  const choices = Array.isArray(node.choices) ? (node.choices as { title?: unknown; value?: unknown }[]) : [];
  if (choices.length === 0) throw new CardTranslationError('Input.ChoiceSet has no choices', path);
  const expanded = lower(node.style) === 'expanded';
  const multi = node.isMultiSelect === true;
  limit('Number of options', choices.length, expanded ? SLACK_LIMITS.expandedOptions : SLACK_LIMITS.selectOptions, path);
  const options: SlackOption[] = choices.map((choice, index) => ({
    text: plain(text(choice.title, 'Option text', `${path}.choices[${index}]`, SLACK_LIMITS.optionText)),
    value: text(choice.value, 'Option value', `${path}.choices[${index}]`, SLACK_LIMITS.optionValue),
  }));
  const value = String(node.value ?? '');
  // Adaptive Cards keep a multi-select's value as a comma list.
  const wanted = (multi ? value.split(',') : [value]).map((item) => item.trim()).filter(Boolean);
  // Slack requires initial options to be copies of listed options; a stored value that is no longer a
  // choice cannot be preselected on any host (Teams ignores it too).
  const initial = options.filter((option) => wanted.includes(option.value));
  const type = multi ? (expanded ? 'checkboxes' : 'multi_static_select') : expanded ? 'radio_buttons' : 'static_select';
  const element: Record<string, unknown> = { type, options };
  if (multi && initial.length > 0) element.initial_options = initial;
  if (!multi && initial[0]) element.initial_option = initial[0];
  return inputBlock(walk, node, path, element);
}

function dateInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  const value = String(node.value ?? '');
  if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CardTranslationError(`Input.Date value "${value}" is not YYYY-MM-DD`, path);
  return inputBlock(walk, node, path, { type: 'datepicker', ...(value ? { initial_date: value } : {}) });
}

function timeInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  const value = String(node.value ?? '');
  if (value && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new CardTranslationError(`Input.Time value "${value}" is not HH:mm`, path);
  return inputBlock(walk, node, path, { type: 'timepicker', ...(value ? { initial_time: value } : {}) });
}

function numberInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  const element: Record<string, unknown> = { type: 'number_input', is_decimal_allowed: true };
  if (node.value !== undefined && node.value !== null && node.value !== '') element.initial_value = String(node.value);
  if (typeof node.min === 'number') element.min_value = String(node.min);
  if (typeof node.max === 'number') element.max_value = String(node.max);
  return inputBlock(walk, node, path, element);
}

function toggleInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  const valueOn = String(node.valueOn ?? 'true');
  const option: SlackOption = {
    text: plain(text(node.title, 'Toggle title', path, SLACK_LIMITS.optionText)),
    value: text(valueOn, 'Toggle value', path, SLACK_LIMITS.optionValue),
  };
  return inputBlock(walk, node, path, {
    type: 'checkboxes',
    options: [option],
    ...(String(node.value ?? '') === valueOn ? { initial_options: [option] } : {}),
  });
}

/** The Slack action_id of a card action: its verb, else what it submits. */
export function actionIdOf(action: CardNode): string | undefined {
  const data = (action.data ?? {}) as { action?: unknown; form?: unknown };
  const id = action.verb ?? data.action ?? data.form;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function isFormSubmit(action: CardNode): boolean {
  const data = action.data as { form?: unknown } | undefined;
  return typeof data?.form === 'string';
}

function button(action: CardNode, path: string, index: number): Record<string, unknown> {
  const label = plain(text(action.title, 'Button text', path, SLACK_LIMITS.buttonText));
  const style = lower(action.style) === 'positive' ? 'primary' : lower(action.style) === 'destructive' ? 'danger' : undefined;
  const styled = style ? { style } : {};
  if (action.type === 'Action.OpenUrl') {
    return { type: 'button', text: label, action_id: `${OPEN_URL_ACTION_PREFIX}${index}`, url: text(action.url, 'Button url', path, SLACK_LIMITS.url), ...styled };
  }
  if (action.type !== 'Action.Execute' && action.type !== 'Action.Submit') throw new UnsupportedCardElementError(action.type, path);
  const actionId = actionIdOf(action);
  if (!actionId) throw new CardTranslationError(`${action.type} has neither verb nor data.action nor data.form`, path);
  // data.confirm (see confirmDialog) is for Slack's dialog only; the rest travels in the value.
  const { confirm, ...data } = (action.data ?? {}) as Record<string, unknown>;
  return {
    type: 'button',
    text: label,
    action_id: text(actionId, 'Button action_id', path, SLACK_LIMITS.id),
    value: text(JSON.stringify(data), 'Button value', path, SLACK_LIMITS.buttonValue),
    ...styled,
    ...(confirm === undefined ? {} : { confirm: confirmDialog(confirm, `${path}.data.confirm`, style === 'danger') }),
  };
}

/**
 * A destructive or final button's confirmation (Block Kit `confirm`): cards mark such an action with
 * `data.confirm: { title, text, confirm, deny }` (Teams ignores it: its buttons send only string values
 * on), and Slack asks before it sends the click.
 */
function confirmDialog(confirm: unknown, path: string, danger: boolean): Record<string, unknown> {
  if (typeof confirm !== 'object' || confirm === null) throw new CardTranslationError('data.confirm must be { title, text, confirm, deny }', path);
  const fields = confirm as Record<string, unknown>;
  return {
    title: plain(text(fields.title, 'Confirm title', path, SLACK_LIMITS.confirmTitle)),
    text: plain(text(fields.text, 'Confirm text', path, SLACK_LIMITS.confirmText)),
    confirm: plain(text(fields.confirm, 'Confirm button', path, SLACK_LIMITS.confirmButton)),
    deny: plain(text(fields.deny, 'Deny button', path, SLACK_LIMITS.confirmButton)),
    ...(danger ? { style: 'danger' } : {}),
  };
}

function actionsBlock(walk: Walk, actions: unknown, path: string): SlackBlock[] {
  const list = Array.isArray(actions) ? (actions as CardNode[]) : [];
  const elements: Record<string, unknown>[] = [];
  list.forEach((action, index) => {
    const at = `${path}[${index}]`;
    if (walk.surface === 'modal' && isFormSubmit(action)) {
      if (walk.submitAction) throw new CardTranslationError('A modal has room for one form submit action only', at);
      walk.submitAction = action;
      return;
    }
    if (walk.surface === 'modal' && (action.data as { action?: unknown } | undefined)?.action === SAVE_DRAFT_ACTION) {
      walk.keepsDrafts = true;
      return;
    }
    elements.push(button(action, at, index));
  });
  if (elements.length === 0) return [];
  limit('Number of actions', elements.length, SLACK_LIMITS.actionsElements, path);
  const ids = elements.map((element) => element.action_id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new CardTranslationError(`Duplicate action_id "${String(duplicate)}" in one actions block`, path);
  return [{ type: 'actions', elements }];
}

const ELEMENTS: Record<string, (walk: Walk, node: CardNode, path: string) => SlackBlock[]> = {
  TextBlock: (_walk, node, path) => textBlock(node, path),
  FactSet: (_walk, node, path) => factSet(node, path),
  Container: (walk, node, path) => {
    if (node.selectAction !== undefined) throw new UnsupportedCardElementError('Container.selectAction', `${path}.selectAction`);
    return elements(walk, node.items, `${path}.items`);
  },
  ActionSet: (walk, node, path) => actionsBlock(walk, node.actions, `${path}.actions`),
  'Input.Text': (walk, node, path) => [textInput(walk, node, path)],
  'Input.ChoiceSet': (walk, node, path) => [choiceSet(walk, node, path)],
  'Input.Date': (walk, node, path) => [dateInput(walk, node, path)],
  'Input.Time': (walk, node, path) => [timeInput(walk, node, path)],
  'Input.Number': (walk, node, path) => [numberInput(walk, node, path)],
  'Input.Toggle': (walk, node, path) => [toggleInput(walk, node, path)],
};

function element(walk: Walk, node: CardNode, path: string): SlackBlock[] {
  // Hidden elements are only revealed by Action.ToggleVisibility, which Slack has no equivalent for.
  if (node.isVisible === false) return [];
  const translate = ELEMENTS[node.type];
  if (translate) return translate(walk, node, path);
  // Adaptive Card hosts that do not know an element use its fallback; so do we.
  if (node.fallback === 'drop') return [];
  if (node.fallback && typeof node.fallback === 'object') return element(walk, node.fallback as CardNode, `${path}.fallback`);
  throw new UnsupportedCardElementError(String(node.type), path);
}

function elements(walk: Walk, nodes: unknown, path: string): SlackBlock[] {
  const list = Array.isArray(nodes) ? (nodes as CardNode[]) : [];
  return list.flatMap((node, index) => element(walk, node, `${path}[${index}]`));
}

function translate(card: AdaptiveCardJson, surface: Surface): Walk {
  if (card.type !== 'AdaptiveCard') throw new UnsupportedCardElementError(String(card.type), '$');
  if (card.selectAction !== undefined) throw new UnsupportedCardElementError('AdaptiveCard.selectAction', 'selectAction');
  const walk: Walk = { surface, blocks: [], submitAction: null, keepsDrafts: false, hasInputs: false, blockIds: new Set() };
  walk.blocks.push(...elements(walk, card.body, 'body'));
  walk.blocks.push(...actionsBlock(walk, card.actions, 'actions'));
  return walk;
}

/** Blocks for chat.postMessage / chat.postEphemeral. */
export function toMessageBlocks(card: AdaptiveCardJson): SlackBlock[] {
  const { blocks } = translate(card, 'message');
  limit('Number of message blocks', blocks.length, SLACK_LIMITS.messageBlocks, '$');
  return blocks;
}

/** A modal for views.open; the card's form submit action becomes the modal's submit button. */
export function toModalView(card: AdaptiveCardJson, options: ModalOptions): ModalView {
  const walk = translate(card, 'modal');
  limit('Number of modal blocks', walk.blocks.length, SLACK_LIMITS.modalBlocks, '$');
  if (walk.hasInputs && !walk.submitAction) throw new CardTranslationError('A modal with inputs needs a form submit action', 'actions');
  return {
    type: 'modal',
    callback_id: text(options.callbackId, 'callback_id', 'callback_id', SLACK_LIMITS.callbackId),
    private_metadata: text(options.privateMetadata, 'private_metadata', 'private_metadata', SLACK_LIMITS.privateMetadata, false),
    title: plain(text(options.title, 'Modal title', 'title', SLACK_LIMITS.modalText)),
    ...(walk.submitAction ? { submit: plain(text(options.submit, 'Modal submit', 'submit', SLACK_LIMITS.modalText)) } : {}),
    close: plain(text(options.close, 'Modal close', 'close', SLACK_LIMITS.modalText)),
    ...(walk.keepsDrafts ? { notify_on_close: true } : {}),
    blocks: walk.blocks,
  };
}

/**
 * The `text` Slack shows in notifications and screen readers next to the blocks: the card's first
 * non-empty TextBlock (its heading, or the whole text of a notice). Slack reads it as mrkdwn too, so a
 * typed "<!here>" or "<@U123>" is escaped here as in the blocks: it must not notify anyone.
 */
export function fallbackText(card: AdaptiveCardJson): string {
  const queue: unknown[] = [...(card.body ?? [])];
  while (queue.length > 0) {
    const node = queue.shift() as CardNode;
    if (node.type === 'TextBlock' && typeof node.text === 'string' && node.text.trim()) return mrkdwnOf(node.text);
    if (node.type === 'Container' && Array.isArray(node.items)) queue.unshift(...node.items);
  }
  return '';
}
