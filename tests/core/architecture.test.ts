// The core must stay platform-neutral: no SDK, no Prisma, no adapter, no framework.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const coreDir = join(root, 'src/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

// Calendar arithmetic with no I/O and no platform: the domain rules (time zones, recurrences, public
// holidays) are the core's own business, so these may be used there.
const PURE_LIBRARIES = new Set(['luxon', 'rrule', 'date-holidays']);

describe('src/core architecture', () => {
  const files = sourceFiles(coreDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s imports only core, i18n, pure libraries and node built-ins', (_name, file) => {
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('node:') || PURE_LIBRARIES.has(specifier)) continue;
      expect(specifier, `${relative(root, file)} imports "${specifier}"`).toMatch(/^\./);
      const target = resolve(join(file, '..'), specifier);
      const allowed = [join(root, 'src/core'), join(root, 'src/i18n')];
      expect(
        allowed.some((dir) => target.startsWith(dir)),
        `${relative(root, file)} reaches outside the core: ${specifier}`,
      ).toBe(true);
    }
  });

  it('never reads process.env', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(/process\.env/);
  });
});

describe('configuration', () => {
  it('only src/config.ts reads process.env', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith('/src/config.ts') && !file.includes('/generated/'))
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('keeps every botbuilder import in the Teams adapter', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => !file.includes('/src/adapters/teams/'))
      .filter((file) => importsOf(file).some((specifier) => specifier.startsWith('botbuilder')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('keeps every Slack SDK import in the Slack adapter', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => !file.includes('/src/adapters/slack/'))
      .filter((file) => importsOf(file).some((specifier) => specifier.startsWith('@slack/')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
