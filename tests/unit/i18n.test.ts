import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { compile, format } from '../../src/i18n/index.js';
import { sv } from '../../src/i18n/sv.js';

type Tree = { [key: string]: unknown };

function leaves(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  return Object.entries(tree as Tree).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

// Argument names, simple (`{name}`) or ICU (`{count, plural, …}`), read from the parsed message.
const placeholders = (text: string, locale: 'sv' | 'en') => [...compile(text, locale).names].sort();

describe('catalogs', () => {
  const svLeaves = new Map(leaves(sv));
  const enLeaves = new Map(leaves(en));

  it('have the same keys and list lengths', () => {
    expect([...enLeaves.keys()]).toEqual([...svLeaves.keys()]);
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of svLeaves) expect(placeholders(enLeaves.get(key)!, 'en'), key).toEqual(placeholders(text, 'sv'));
  });

  it('have no empty text', () => {
    for (const [key, text] of [...svLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('');
  });

  it('spell Swedish with å, ä and ö, not folded to a, a and o', () => {
    const folded = /\b(hjalp|installningar|mote|moten|motet|ordforande|ersattare|malgrupp|fokusomraden?|pagaende|ar|nar|for|over|tva|bada|annu|forslag|overens)\b/i;
    for (const [key, text] of svLeaves) expect(text, key).not.toMatch(folded);
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Hej {name}, {missing}', { name: 'Anna' })).toBe('Hej Anna, {missing}');
  });

  it('shows what a user typed as typed, never as ICU syntax', () => {
    const typed = "{count, plural, one {#} other {##}} it's <b>{x}</b> '{'";
    expect(format(sv.actionPlan.analysis.proposalSaved, { name: typed, title: 'T', targetGroup: 'Vuxen', date: 'D' })).toBe(
      `${typed} lämnade förslaget "T" (Vuxen). Förslag lämnas senast D.`,
    );
  });

  it('shows apostrophes and angle brackets of a text as written', () => {
    expect(format(en.help.intro.slack)).toBe(en.help.intro.slack);
    expect(format(en.help.intro.teams)).toBe(en.help.intro.teams);
    expect(format(en.reports.buttons.showHomework)).toBe(en.reports.buttons.showHomework);
    expect(format("The group's chair, {name}", { name: 'Anna' }, 'en')).toBe("The group's chair, Anna");
  });
});

describe('templates', () => {
  it('are never built from text at a call site: format() gets a catalogue text, not a concatenation', () => {
    const root = resolve(import.meta.dirname, '../..');
    const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    const built = sources.flatMap((code) => [...code.matchAll(/\bformat\(\s*(`|'[^']*'\s*\+|"[^"]*"\s*\+|[\w.[\]]+\s*\+)/g)].map((match) => match[0]));
    expect(built).toEqual([]);
  });
});

describe('no user-facing text outside the catalogs', () => {
  const root = resolve(import.meta.dirname, '../..');
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === 'generated' ? [] : files(join(dir, entry.name))
        : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }

  it('has no Swedish string literal in src outside src/i18n', () => {
    const offenders: string[] = [];
    for (const file of files(join(root, 'src')).filter((f) => !f.includes('/src/i18n/'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const match of code.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*[åäöÅÄÖ](?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
        offenders.push(`${relative(root, file)}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
