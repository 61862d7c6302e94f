// The one translation from our Adaptive Card subset to Slack Block Kit, so every card is laid out once
// (cards/*.json) and both platforms show the same content. Deliberately strict: an element Slack cannot
// show faithfully throws instead of vanishing, and Slack's size limits (which Slack enforces only by
// refusing the whole message with `invalid_blocks`) are checked here with an error that says what broke.
// Plain JSON types on purpose: @slack/* imports stay inside src/adapters/slack (architecture test).
import type { AdaptiveCardJson, CardNode } from './render-card.js';
import { cardMentions, MENTIONS_BLOCK_ID, type Mention } from './mentions.js';
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
  /**
   * What the bot accepts in an input, where the card cannot say it: `required` for inputs the bot refuses
   * empty although the card leaves isRequired off (forms that keep drafts: Teams' "Spara utkast" must send
   * half-filled forms; Slack shows every input that is not required as "(valfritt)"), `decimals` false
   * for whole numbers (Adaptive Cards' Input.Number has no such property).
   */
  inputRule?: (inputId: string) => InputRule | undefined;
}

export interface InputRule {
  required: boolean;
  decimals?: boolean;
}

/** A modal plus the options of its long lists, which Slack asks for (block_suggestion) as the person types. */
export interface TranslatedModal {
  view: ModalView;
  /** action_id → every option of that external_select, in the card's order. */
  suggestions: Record<string, SlackOption[]>;
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
  inputRule: (inputId: string) => InputRule | undefined;
  suggestions: Record<string, SlackOption[]>;
  /** The card's @mentions (cards/mentions.ts), for its mentions line. */
  mentions: Mention[];
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

/** Cuts a label Slack would refuse to `max` characters, ending in "…"; never splits a surrogate pair. */
export function shortened(value: string, max: number): string {
  if (value.length <= max) return value;
  let result = '';
  for (const char of Array.from(value)) {
    if (result.length + char.length > max - 1) break;
    result += char;
  }
  return `${result}…`;
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

/**
 * `raw` as mrkdwn pieces each at most `max` characters once escaped (& becomes &amp;, five characters) and
 * wrapped by `wrap`. Breaks at line ends, else at spaces, else between characters, never inside an entity:
 * what people wrote is shown whole over several blocks, never cut.
 */
export function mrkdwnChunks(raw: string, max: number, wrap: (mrkdwn: string) => string = (value) => value): string[] {
  const room = max - wrap('').length;
  const fits = (piece: string) => escapeMrkdwn(piece.trim()).length <= room;
  if (fits(raw)) return [wrap(escapeMrkdwn(wrap('') ? raw.trim() : raw))];
  const chunks: string[] = [];
  let current = '';
  // The blank a piece ends on is where it was split; without it a bold piece stays bold in Slack ("*a *" is not).
  const push = (piece: string) => {
    if (piece.trim() !== '') chunks.push(wrap(escapeMrkdwn(piece.trim())));
  };
  // Each word with the blank or line end after it; a piece's last blank goes (push) where it is split.
  const tokens = raw.match(/[^\n ]*[\n ]?/g)!.filter((token) => token !== '');
  for (const token of tokens) {
    if (fits(current + token)) {
      current += token;
      continue;
    }
    push(current);
    current = '';
    if (fits(token)) {
      current = token;
      continue;
    }
    // One word longer than a whole block: split it between characters.
    for (const char of Array.from(token)) {
      if (!fits(current + char)) {
        push(current);
        current = '';
      }
      current += char;
    }
  }
  push(current);
  return chunks;
}

/** Slack user ids (U…, W… for Enterprise Grid): the ids a `<@…>` mention takes. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,40}$/;

/** The mentions line of a card (cards/mentions.ts) as Slack mentions; a name where the id is not Slack's. */
function mentionBlock(walk: Walk): SlackBlock[] {
  const text = walk.mentions.map((mention) => (SLACK_USER_ID.test(mention.id) ? `<@${mention.id}>` : escapeMrkdwn(mention.name))).join(' ');
  return text ? [{ type: 'section', text: { type: 'mrkdwn', text } }] : [];
}

function textBlock(node: CardNode, path: string): SlackBlock[] {
  // The card's texts are Teams Markdown, escaped by renderCard; Slack gets the characters themselves.
  const raw = node.text === undefined || node.text === null ? '' : unescapeMarkdown(String(node.text));
  // An empty TextBlock shows nothing in Teams either; Slack would refuse an empty section.
  if (raw.trim() === '') return [];
  if (lower(node.style) === 'heading' || ['large', 'extralarge'].includes(lower(node.size))) {
    const heading = raw.replace(/\s+/g, ' ').trim();
    if (heading.length <= SLACK_LIMITS.headerText) return [{ type: 'header', text: plain(heading) }];
    // A long title (a template prefix plus a 150-character title) keeps its header, shortened, and is shown
    // whole right below it.
    return [{ type: 'header', text: plain(shortened(heading, SLACK_LIMITS.headerText)) }, ...sectionBlocks(raw, (value) => `*${value}*`)];
  }
  const bold = lower(node.weight) === 'bolder';
  const warning = lower(node.color) === 'attention';
  const wrap = (value: string) => `${warning ? ':warning: ' : ''}${bold ? `*${value}*` : value}`;
  if (node.isSubtle === true) {
    return mrkdwnChunks(raw, SLACK_LIMITS.contextText, wrap).map((chunk) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: chunk }] }));
  }
  return sectionBlocks(raw, wrap);
}

function sectionBlocks(raw: string, wrap?: (mrkdwn: string) => string): SlackBlock[] {
  return mrkdwnChunks(raw, SLACK_LIMITS.sectionText, wrap).map((chunk) => ({ type: 'section', text: { type: 'mrkdwn', text: chunk } }));
}

function factSet(node: CardNode): SlackBlock[] {
  const facts = Array.isArray(node.facts) ? (node.facts as { title?: unknown; value?: unknown }[]) : [];
  if (facts.length === 0) return [];
  const lines = facts.map((fact) => ({ title: mrkdwnOf(fact.title), value: mrkdwnOf(fact.value) }));
  const fields = lines.map((line) => `*${line.title}*\n${line.value}`);
  if (lines.length <= SLACK_LIMITS.sectionFields && fields.every((field) => field.length <= SLACK_LIMITS.fieldText)) {
    return [{ type: 'section', fields: fields.map((field) => ({ type: 'mrkdwn', text: field })) }];
  }
  // More than ten fields, or one too long for a field: one fact per line, over as many sections as it takes.
  const texts: string[] = [];
  let current = '';
  for (const [index, fact] of facts.entries()) {
    const title = unescapeMarkdown(String(fact.title ?? ''));
    const value = unescapeMarkdown(String(fact.value ?? ''));
    const line = `*${lines[index]!.title}*: ${lines[index]!.value}`;
    const pieces = line.length <= SLACK_LIMITS.sectionText ? [line] : mrkdwnChunks(`${title}: ${value}`, SLACK_LIMITS.sectionText);
    for (const piece of pieces) {
      if (current && current.length + 1 + piece.length > SLACK_LIMITS.sectionText) {
        texts.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  texts.push(current);
  return texts.map((chunk) => ({ type: 'section', text: { type: 'mrkdwn', text: chunk } }));
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
    // Slack refuses to submit an empty input that is not optional and marks every optional one "(valfritt)".
    optional: node.isRequired !== true && walk.inputRule(id)?.required !== true,
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

export interface SlackOption {
  text: PlainText;
  value: string;
}

/**
 * A choice as a Slack option. Its text is a label and is shortened to Slack's 75 characters (an
 * organisation of 80 characters, an uppdrag title of 120); its value is what the bot reads back and is
 * never changed: a value Slack cannot hold is an error.
 */
function optionOf(choice: { title?: unknown; value?: unknown }, path: string): SlackOption {
  const title = text(choice.title, 'Option text', path, Number.MAX_SAFE_INTEGER).replace(/\s+/g, ' ').trim();
  return { text: plain(shortened(title, SLACK_LIMITS.optionText)), value: text(choice.value, 'Option value', path, SLACK_LIMITS.optionValue) };
}

function choiceSet(walk: Walk, node: CardNode, path: string): SlackBlock {
  if (node['choices.data'] !== undefined) throw new UnsupportedCardElementError('Input.ChoiceSet choices.data', path);
  const choices = Array.isArray(node.choices) ? (node.choices as { title?: unknown; value?: unknown }[]) : [];
  if (choices.length === 0) throw new CardTranslationError('Input.ChoiceSet has no choices', path);
  // Radio buttons and checkboxes hold ten options; a longer list becomes a menu, as people expect anyway.
  const expanded = lower(node.style) === 'expanded' && choices.length <= SLACK_LIMITS.expandedOptions;
  const multi = node.isMultiSelect === true;
  const options: SlackOption[] = choices.map((choice, index) => optionOf(choice, `${path}.choices[${index}]`));
  const value = String(node.value ?? '');
  // Adaptive Cards keep a multi-select's value as a comma list.
  const wanted = (multi ? value.split(',') : [value]).map((item) => item.trim()).filter(Boolean);
  // Slack requires initial options to be copies of listed options; a stored value that is no longer a
  // choice cannot be preselected on any host (Teams ignores it too).
  const initial = options.filter((option) => wanted.includes(option.value));
  // A list that can grow past Slack's 100 options (106 members) is searched as the person types: the
  // modal's options travel with the translation and come back through the block_suggestion handler.
  const external = options.length > SLACK_LIMITS.selectOptions;
  if (external && walk.surface !== 'modal') limit('Number of options', options.length, SLACK_LIMITS.selectOptions, path);
  const type = external
    ? multi
      ? 'multi_external_select'
      : 'external_select'
    : multi
      ? expanded
        ? 'checkboxes'
        : 'multi_static_select'
      : expanded
        ? 'radio_buttons'
        : 'static_select';
  const element: Record<string, unknown> = external ? { type, min_query_length: 0 } : { type, options };
  if (multi && initial.length > 0) element.initial_options = initial;
  if (!multi && initial[0]) element.initial_option = initial[0];
  const block = inputBlock(walk, node, path, element);
  if (external) walk.suggestions[String(block.block_id)] = options;
  return block;
}

/** At most 100 options of a long list whose text holds every word typed (case and accents ignored). */
export function matchingOptions(options: readonly SlackOption[], typed: string): SlackOption[] {
  const fold = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(typed).split(/\s+/).filter(Boolean);
  return options.filter((option) => words.every((word) => fold(option.text.text).includes(word))).slice(0, SLACK_LIMITS.selectOptions);
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
  // Whole numbers (a duration, a number of votes) unless the form's rule allows decimals or there is none.
  const decimals = walk.inputRule(String(node.id ?? ''))?.decimals !== false;
  const element: Record<string, unknown> = { type: 'number_input', is_decimal_allowed: decimals };
  // Slack refuses a whole-number input holding a decimal, and bounds the wrong way round.
  for (const key of ['value', 'min', 'max'] as const) {
    const value = node[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'number' || (!decimals && !Number.isInteger(value))) {
      throw new CardTranslationError(`Input.Number ${key} "${String(value)}" is not a ${decimals ? 'number' : 'whole number'}`, path);
    }
  }
  if (typeof node.min === 'number' && typeof node.max === 'number' && node.min > node.max) throw new CardTranslationError('Input.Number min is above max', path);
  if (typeof node.value === 'number') element.initial_value = String(node.value);
  if (typeof node.min === 'number') element.min_value = String(node.min);
  if (typeof node.max === 'number') element.max_value = String(node.max);
  return inputBlock(walk, node, path, element);
}

function toggleInput(walk: Walk, node: CardNode, path: string): SlackBlock {
  const valueOn = String(node.valueOn ?? 'true');
  const option = optionOf({ title: node.title, value: valueOn }, path);
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
  TextBlock: (walk, node, path) => (node.id === MENTIONS_BLOCK_ID ? mentionBlock(walk) : textBlock(node, path)),
  FactSet: (_walk, node) => factSet(node),
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

function translate(card: AdaptiveCardJson, surface: Surface, inputRule: Walk['inputRule'] = () => undefined): Walk {
  if (card.type !== 'AdaptiveCard') throw new UnsupportedCardElementError(String(card.type), '$');
  if (card.selectAction !== undefined) throw new UnsupportedCardElementError('AdaptiveCard.selectAction', 'selectAction');
  const walk: Walk = {
    surface,
    blocks: [],
    submitAction: null,
    keepsDrafts: false,
    hasInputs: false,
    blockIds: new Set(),
    inputRule,
    suggestions: {},
    mentions: cardMentions(card),
  };
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
  return toModal(card, options).view;
}

/** The modal and the options of its long lists (external_select), which the edge keeps for block_suggestion. */
export function toModal(card: AdaptiveCardJson, options: ModalOptions): TranslatedModal {
  const walk = translate(card, 'modal', options.inputRule);
  limit('Number of modal blocks', walk.blocks.length, SLACK_LIMITS.modalBlocks, '$');
  if (walk.hasInputs && !walk.submitAction) throw new CardTranslationError('A modal with inputs needs a form submit action', 'actions');
  const view: ModalView = {
    type: 'modal',
    callback_id: text(options.callbackId, 'callback_id', 'callback_id', SLACK_LIMITS.callbackId),
    private_metadata: text(options.privateMetadata, 'private_metadata', 'private_metadata', SLACK_LIMITS.privateMetadata, false),
    title: plain(text(options.title, 'Modal title', 'title', SLACK_LIMITS.modalText)),
    ...(walk.submitAction ? { submit: plain(text(options.submit, 'Modal submit', 'submit', SLACK_LIMITS.modalText)) } : {}),
    close: plain(text(options.close, 'Modal close', 'close', SLACK_LIMITS.modalText)),
    ...(walk.keepsDrafts ? { notify_on_close: true } : {}),
    blocks: walk.blocks,
  };
  return { view, suggestions: walk.suggestions };
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
