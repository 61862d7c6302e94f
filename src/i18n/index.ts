import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../core/domain.js';
import { en } from './en.js';
import { sv, type Catalog } from './sv.js';

export type { Catalog };

const catalogs: Record<Locale, Catalog> = { sv, en };

export function catalog(locale: Locale): Catalog {
  return catalogs[locale];
}

export type MessageParams = Record<string, string | number>;

const LOCALE_TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Every text of a catalogue, depth first: what the walk test, the formatter's locale lookup and tools iterate. */
export function catalogTexts(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((item, index) => catalogTexts(item, `${path}[${index}]`));
  if (tree && typeof tree === 'object') {
    return Object.entries(tree).flatMap(([key, value]) => catalogTexts(value, path ? `${path}.${key}` : key));
  }
  return [];
}

// Call sites pass a catalogue text, not a locale: the text itself tells which language's plural rules apply.
// A text that is the same in both catalogues (a bare "{name}: {text}") has no plural that could differ.
const englishTexts = new Set(catalogTexts(en).map(([, text]) => text));
const swedishTexts = new Set(catalogTexts(sv).map(([, text]) => text));

function localeOf(template: string): Locale {
  return englishTexts.has(template) && !swedishTexts.has(template) ? 'en' : 'sv';
}

interface Compiled {
  message: IntlMessageFormat;
  /** The argument names the message uses, to show a missing one as "{name}" instead of throwing. */
  names: readonly string[];
}

// Parsing ICU is far dearer than formatting; a card formats dozens of texts, so each is compiled once.
const compiled = new Map<string, Compiled>();

export type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

/** Element type 0 of the ICU parser is plain text; every other element with a `value` names an argument. */
const LITERAL = 0;

function argumentNames(elements: readonly MessageElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== LITERAL && 'value' in element && typeof element.value === 'string') into.add(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
    if ('children' in element) argumentNames(element.children, into);
  }
  return into;
}

/** The compiled message of `template` in `locale`; throws on a text that is no valid ICU message (a test walks them all). */
export function compile(template: string, locale: Locale): Compiled {
  const cacheKey = `${locale}\u0000${template}`;
  let entry = compiled.get(cacheKey);
  if (!entry) {
    // ignoreTag: "<kommando>" in a help text is text, not an XML tag.
    const message = new IntlMessageFormat(template, LOCALE_TAGS[locale], undefined, { ignoreTag: true });
    entry = { message, names: [...argumentNames(message.getAst())] };
    compiled.set(cacheKey, entry);
  }
  return entry;
}

/**
 * Formats an ICU MessageFormat text: `{name}`, `{count, plural, one {# aktivitet} other {# aktiviteter}}`,
 * `{weeks, plural, =2 {varannan vecka} other {…}}`, `{kind, select, …}`. Parameters are values, never
 * syntax, so what a user typed is shown as typed. An unknown placeholder stays visible rather than vanishing.
 */
export function format(template: string, params: MessageParams = {}, locale: Locale = localeOf(template)): string {
  const { message, names } = compile(template, locale);
  let values = params;
  if (names.some((name) => !(name in params))) {
    values = { ...params };
    for (const name of names) if (!(name in values)) values[name] = `{${name}}`;
  }
  return String(message.format(values));
}
