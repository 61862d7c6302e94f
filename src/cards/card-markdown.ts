// Teams renders the text of a TextBlock and of a FactSet's facts as Markdown (a CommonMark subset: bold,
// italic, lists, links, and bare URLs become links). Every such text in our cards is bound from data, and
// that data holds what people typed (report answers, titles, names), also inside catalog sentences the core
// has formatted. So renderCard escapes those texts once, after the template is expanded: every character
// that could start markup gets a CommonMark backslash escape, which Teams renders as the character itself.
// The one piece of Markdown the bot writes itself, the "- " of its own lists (chunkLines), is kept where a
// template marks the TextBlock with "$list": true. The Slack translator reads the same card, so it undoes
// the escapes before writing Slack's own mrkdwn. The Markdown exports (src/exports/plan-document.ts) escape
// what they write with the same function.

/** Characters that make markup anywhere in a line: emphasis, code, links, autolinks, entities, table cells, a heading's closing #s. */
const INLINE = /[\\`*_[\]<>&~|#]/g;
/** Bare URLs and domains that Teams would turn into links: "https://…", "www.x", "evil.com", "a@b.se". */
const URL_COLON = /:(?=\/\/)/g;
const DOMAIN_DOT = /(?<=[\p{L}\p{N}])\.(?=\p{L})/gu;
/** Markers that only count at the start of a line (up to three spaces in): heading, quote, list, setext underline. */
const BLOCK_MARKER = /^( {0,3})([#>+=-])/;
const NUMBERED_ITEM = /^( {0,3}\d{1,9})([.)])/;
const LIST_ITEM = '- ';

function escapeLine(line: string, keepListItem: boolean): string {
  const kept = keepListItem && line.startsWith(LIST_ITEM) ? LIST_ITEM : '';
  const escaped = line
    .slice(kept.length)
    .replace(INLINE, '\\$&')
    .replace(URL_COLON, '\\:')
    .replace(DOMAIN_DOT, '\\.')
    .replace(BLOCK_MARKER, '$1\\$2')
    .replace(NUMBERED_ITEM, '$1\\$2');
  return kept + escaped;
}

/** `text` as Teams Markdown that shows exactly these characters; with `list`, lines starting "- " stay list items. */
export function escapeMarkdown(text: string, list = false): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeLine(part, list)))
    .join('');
}

/** The text a card shows, without the backslash escapes: for plain-text places (notifications) and Slack. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

type Json = unknown;

/** Where a card text stands: a TextBlock (a list of the bot's own when its template says "$list"), or a fact. */
type TextPlace = { kind: 'text'; list: boolean } | { kind: 'fact-title' } | { kind: 'fact-value' };

/**
 * Replaces, in place and at any depth, every Markdown text of an expanded card (TextBlock text, FactSet titles
 * and values) with `change(text, place)`. The templates' "$list" marker is read here and removed: it is not
 * Adaptive Card schema.
 */
function changeCardTexts(node: Json, change: (text: string, place: TextPlace) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) changeCardTexts(item, change);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (element.type === 'TextBlock' && typeof element.text === 'string') {
    element.text = change(element.text, { kind: 'text', list: element.$list === true });
  }
  delete element.$list;
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    for (const fact of element.facts as Record<string, unknown>[]) {
      if (typeof fact.title === 'string') fact.title = change(fact.title, { kind: 'fact-title' });
      if (typeof fact.value === 'string') fact.value = change(fact.value, { kind: 'fact-value' });
    }
  }
  for (const value of Object.values(element)) if (value && typeof value === 'object') changeCardTexts(value, change);
}

/** Escapes the Markdown texts of an expanded card in place: TextBlock text and FactSet titles and values, at any depth. */
export function escapeCardTexts(node: Json): void {
  changeCardTexts(node, (text, place) => escapeMarkdown(text, place.kind === 'text' && place.list));
}

/** A line break inside a text, unless it is part of a blank line already or starts one of our list items. */
const SOFT_BREAK = /(?<![\r\n])\r?\n(?![\r\n]|- |\d{1,9}[.)] )/g;

/**
 * Teams renders a TextBlock as Markdown, where a single line break is no break at all: lines joined with
 * one "\n" (a proposal list, an assignment's fields, a notice in several sentences) run together as one
 * paragraph. Teams' documented way is a blank line between them, so each such break becomes one; the
 * bot's own list items ("- …", "1. …") stay a tight list. Slack keeps single line breaks (its mrkdwn
 * breaks lines as written), so this is for Teams' cards only. A fact's title is one line.
 */
export function paragraphBreaks(node: Json): void {
  changeCardTexts(node, (text, place) => (place.kind === 'fact-title' ? text : text.replace(SOFT_BREAK, '\n\n')));
}
