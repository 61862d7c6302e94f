// Walks every text of both catalogues: the same keys in both, every key used somewhere in src/ or cards/,
// every text a valid ICU message in its own locale that formats without leftover braces, no English in
// the Swedish texts, and every count inside a plural (or select) so that "1 aktiviteter" cannot come back.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/domain.js';
import { en } from '../../src/i18n/en.js';
import { catalogTexts, compile, format, type MessageElement } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';

const root = resolve(import.meta.dirname, '../..');
const catalogues: [Locale, [string, string][]][] = [
  ['sv', catalogTexts(sv)],
  ['en', catalogTexts(en)],
];

// ---- The rules, as functions, so that a test can show each one fails on a bad text -----------------------

// ICU element types (@formatjs/icu-messageformat-parser): what the walk below needs to tell apart.
const TYPE = { literal: 0, argument: 1, number: 2, select: 5, plural: 6 } as const;

/**
 * The rule for counts: a placeholder is a count when its name says so (these names, or any name ending in
 * "Count"), or when it stands right before a noun that has a plural form. A count may only be the argument
 * of a plural or select, whose cases then say "1 aktivitet" and "2 aktiviteter" (`#` shows the number).
 */
const COUNT_NAMES = new Set(['count', 'n', 'weeks', 'votes', 'months', 'days', 'hours', 'minutes', 'left', 'used', 'excess', 'answered', 'total', 'got', 'length']);
const PLURAL_NOUNS =
  /^\s+(aktiviteter|aktivitet|medlemmar|medlem|möten|möte|röster|röst|förslag|samverkansgrupper|grupper|rapporter|rapport|svar|veckor|vecka|dagar|dag|timmar|timme|månader|månad|tecken|frågor|fråga|uppdrag|delmål|uppgifter|indikatorer|rader|fält|personer|activities|activity|members|member|meetings|meeting|votes|vote|proposals|proposal|groups|reports|answers|weeks|days|hours|months|characters|questions|assignments|sub-goals|tasks|indicators|lines|fields|people)\b/;

const isCountName = (name: string) => COUNT_NAMES.has(name) || /Count$/.test(name);

export function countProblems(elements: readonly MessageElement[]): string[] {
  const problems: string[] = [];
  elements.forEach((element, index) => {
    if (element.type === TYPE.argument || element.type === TYPE.number) {
      const next = elements[index + 1];
      const beforeNoun = next?.type === TYPE.literal && PLURAL_NOUNS.test(next.value);
      if (isCountName(element.value) || beforeNoun) problems.push(`{${element.value}} is a count outside plural/select`);
    }
    if ('options' in element) for (const option of Object.values(element.options)) problems.push(...countProblems(option.value));
  });
  return problems;
}

/** Names used as plural/select arguments (they get numbers in the sample), and all other argument names. */
function argumentsOf(elements: readonly MessageElement[], into = new Map<string, 'plural' | 'select' | 'text'>()) {
  for (const element of elements) {
    if (element.type === TYPE.plural) into.set(element.value, 'plural');
    else if (element.type === TYPE.select) into.set(element.value, 'select');
    else if (element.type !== TYPE.literal && 'value' in element && typeof element.value === 'string' && !into.has(element.value)) {
      into.set(element.value, 'text');
    }
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

/** Common English words with no Swedish look-alike; a Swedish text with one of them is half translated. */
const ENGLISH = /\b(the|and|of|with|please|error|click|button|buttons|file|files|save|cancel|submit|report|reports|meeting|meetings|member|members|settings|link|download|upload|draft|channel|group|groups|you|your|this|that|have|will|would|should|cannot|missing|invalid|failed|unknown|required|markdown)\b/i;
/** Names of products, formats and commands that are the same in Swedish. */
const ENGLISH_ALLOWED = ['/invite'];

export function englishIn(text: string): string | null {
  let stripped = text;
  for (const allowed of ENGLISH_ALLOWED) stripped = stripped.split(allowed).join(' ');
  return ENGLISH.exec(stripped)?.[0] ?? null;
}

/** Parameters that exercise a message: numbers for plurals (0, 1, 2 and 5 all tried), text for the rest. */
function samples(template: string, locale: Locale): Record<string, string | number>[] {
  const args = argumentsOf(compile(template, locale).message.getAst());
  return [0, 1, 2, 5].map((n) =>
    Object.fromEntries([...args].map(([name, kind]) => [name, kind === 'plural' ? n : kind === 'select' ? 'other' : 'Xyz'])),
  );
}

// ---- Where keys are used ----------------------------------------------------------------------------------

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'generated' || entry.name === 'i18n' ? [] : files(join(dir, entry.name), ext)
      : entry.name.endsWith(ext) ? [join(dir, entry.name)] : [],
  );
}

const sources = [...files(join(root, 'src'), '.ts'), ...files(join(root, 'cards'), '.json')]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/**
 * Maps whose keys are domain values (a role, a status, a kind): code looks them up as `roles[member.role]`,
 * so each of their keys counts as used when the map is. Everything else must be named in src/ or cards/.
 */
const LOOKED_UP_BY_VALUE = [
  'common.targetGroups', 'common.roles', 'common.organisationKinds', 'common.activityStatuses', 'common.statusColours',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const mentioned = new Map<string, boolean>();
function isMentioned(text: string): boolean {
  let found = mentioned.get(text);
  if (found === undefined) {
    found = new RegExp(`(^|[^\\w$])${escapeRegExp(text)}(?![\\w$])|\\[['"]${escapeRegExp(text)}['"]\\]|['"]${escapeRegExp(text)}['"]\\s*:`).test(sources);
    mentioned.set(text, found);
  }
  return found;
}

const member = (rest: string) => new RegExp(`\\.${escapeRegExp(rest)}(?![\\w$])|\\[['"]${escapeRegExp(rest)}['"]\\]`).test(sources);
/**
 * Looked up by a value or iterated: `t.x.kinds[kind]`, `(t.x.kinds as Record<…>)[kind]`,
 * `Object.entries(t.x.kinds)`, or through an alias: `const names = t.x.fileNames; names[what]`.
 */
function indexed(name: string): boolean {
  const n = escapeRegExp(name);
  if (new RegExp(`\\.${n}(\\[| as [^)]*\\)\\[)|Object\\.\\w+\\([\\w.]*\\.${n}\\)`).test(sources)) return true;
  const aliases = [...sources.matchAll(new RegExp(`const (\\w+) = [\\w.]*\\.${n};`, 'g'))].map((match) => match[1]!);
  return aliases.some((alias) => new RegExp(`(^|[^\\w$.])${alias}\\[`).test(sources));
}

/** The tails of two parts or more that name a path in code: "implementation.formTitle", "actionPlan.implementation.formTitle". */
function tails(parts: string[]): string[] {
  return parts.slice(0, -1).map((_, start) => parts.slice(start).join('.'));
}

/**
 * A key a.b.c.d is used when src/ or cards/ name it (a tail such as "c.d"), or name an ancestor (an alias
 * such as `const c = texts.columns`) and then the rest as a member (".d"), or look an ancestor up by value or
 * iterate it (`kinds[kind]`), or when it sits in a map looked up by value.
 */
export function isUsed(path: string): boolean {
  if (LOOKED_UP_BY_VALUE.some((map) => path.startsWith(`${map}.`))) return true;
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  if (tails(parts).some(isMentioned)) return true;
  for (let end = parts.length - 1; end >= 1; end -= 1) {
    const ancestor = parts.slice(0, end);
    const last = ancestor[end - 1]!;
    if (!tails(ancestor).some(isMentioned) && !member(last) && !(end === 1 && isMentioned(last))) continue;
    if (member(parts.slice(end).join('.')) || indexed(last)) return true;
  }
  return false;
}

// ---- The walk -------------------------------------------------------------------------------------------

describe('catalogue walk', () => {
  it('has the same keys in both languages', () => {
    expect(catalogues[1]![1].map(([key]) => key)).toEqual(catalogues[0]![1].map(([key]) => key));
  });

  it('parses every text as ICU in its own locale and formats it without leftover braces', () => {
    const problems: string[] = [];
    for (const [locale, texts] of catalogues) {
      for (const [key, text] of texts) {
        try {
          for (const params of samples(text, locale)) {
            const out = format(text, params, locale);
            if (/[{}]|undefined|NaN/.test(out)) problems.push(`${locale} ${key}: "${out}"`);
          }
        } catch (error) {
          problems.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows a text without placeholders exactly as written, so a card may bind it unformatted', () => {
    const changed = catalogues.flatMap(([locale, texts]) =>
      texts.filter(([, text]) => argumentsOf(compile(text, locale).message.getAst()).size === 0 && format(text, {}, locale) !== text).map(([key]) => `${locale} ${key}`),
    );
    expect(changed).toEqual([]);
  });

  it('puts every count inside a plural or select', () => {
    const problems = catalogues.flatMap(([locale, texts]) =>
      texts.flatMap(([key, text]) => countProblems(compile(text, locale).message.getAst()).map((problem) => `${locale} ${key}: ${problem}`)),
    );
    expect(problems).toEqual([]);
  });

  it('has no English word in a Swedish text', () => {
    const problems = catalogues[0]![1].flatMap(([key, text]) => {
      const outputs = samples(text, 'sv').map((params) => format(text, params, 'sv').replace(/Xyz/g, ' '));
      const word = outputs.map(englishIn).find(Boolean);
      return word ? [`${key}: "${word}"`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('uses every key somewhere in src/ or cards/', () => {
    expect(catalogues[0]![1].map(([key]) => key).filter((key) => !isUsed(key))).toEqual([]);
  });
});

describe('catalogue rules', () => {
  const ast = (text: string) => compile(text, 'sv').message.getAst();

  it('catch a count outside a plural, by name or by the noun after it', () => {
    expect(countProblems(ast('Planen har {count} aktiviteter'))).toHaveLength(1);
    expect(countProblems(ast('{votes}'))).toHaveLength(1);
    expect(countProblems(ast('{budget} röster'))).toHaveLength(1);
    expect(countProblems(ast('{memberCount} av dem'))).toHaveLength(1);
    expect(countProblems(ast('Planen har {count, plural, one {# aktivitet} other {# aktiviteter}}'))).toEqual([]);
    expect(countProblems(ast('Version {version} av planen {year}'))).toEqual([]);
  });

  it('catch English in a Swedish text but allow the listed names', () => {
    expect(englishIn('Klicka på the button')).toBe('the');
    expect(englishIn('Skriv /invite @Samverkansbot i kanalen')).toBeNull();
  });

  it('tell a used key from an unused one', () => {
    expect(isUsed('actionPlan.implementation.formTitle')).toBe(true);
    expect(isUsed('common.roles.ordforande')).toBe(true);
    expect(isUsed('actionPlan.implementation.noSuchKeyAnywhere')).toBe(false);
  });
});

describe('plurals and intervals read right', () => {
  it('say "1 aktivitet" and "2 aktiviteter", "1 activity" and "2 activities"', () => {
    expect(format(sv.actionPlan.decision.confirmText, { count: 1, version: 2 })).toContain('Planen har 1 aktivitet och');
    expect(format(sv.actionPlan.decision.confirmText, { count: 2, version: 2 })).toContain('Planen har 2 aktiviteter och');
    expect(format(en.actionPlan.decision.confirmText, { count: 1, version: 2 })).toContain('The plan has 1 activity and');
    expect(format(en.actionPlan.decision.confirmText, { count: 2, version: 2 })).toContain('The plan has 2 activities and');
    expect(format(sv.members.count, { count: 1 })).toBe('1 medlem');
    expect(format(sv.meetings.more, { count: 1 })).toBe('Ytterligare 1 möte är inlagt längre fram.');
    expect(format(sv.regional.rollup.scope, { count: 1, region: 'VGR', date: 'X' })).toContain('1 samverkansgrupp i VGR');
    expect(format(sv.actionPlan.voting.deadlineLine, { count: 1, date: 'X' })).toContain('1 medlem har röstat.');
  });

  it('say reporting intervals in words: "varannan vecka", "var tredje vecka"', () => {
    const weeks = (n: number, locale: Locale) => format((locale === 'sv' ? sv : en).actionPlan.assignment.reportingEveryWeeks, { weeks: n }, locale);
    expect([1, 2, 3, 6].map((n) => weeks(n, 'sv'))).toEqual(['varje vecka', 'varannan vecka', 'var tredje vecka', 'med 6 veckors mellanrum']);
    expect([1, 2, 6].map((n) => weeks(n, 'en'))).toEqual(['every week', 'every other week', 'every 6 weeks']);
  });
});
