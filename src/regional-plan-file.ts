// Reads the regional action plan (fokusområden and mål) named by REGIONAL_PLAN_FILE, JSON or YAML, and
// validates it with one clear line per bad entry, e.g. "fokusområden[2].mål[0].kod saknas". The file
// format uses the Swedish words of the regional plan as keys; they are written with \u escapes below
// because they are a file format, not user-facing text (texts live in src/i18n).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { RegionalPlan } from './core/regional-plan.js';
import { format, type Catalog } from './i18n/index.js';

const KEYS = {
  name: 'namn',
  focusAreas: 'fokusomr\u00e5den',
  goals: 'm\u00e5l',
  code: 'kod',
} as const;

const text = z.string().trim().min(1);
const goal = z.object({ [KEYS.code]: text, [KEYS.name]: text });
const focusArea = z.object({ [KEYS.code]: text, [KEYS.name]: text, [KEYS.goals]: z.array(goal).min(1) });
const schema = z.object({ [KEYS.name]: text, [KEYS.focusAreas]: z.array(focusArea).min(1) });

type FileShape = z.infer<typeof schema>;

export class RegionalPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionalPlanError';
  }
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** The texts that say what is wrong with one entry of a JSON or YAML file (the region file shares them). */
export type EntryTexts = Pick<Catalog['actionPlan']['regionalPlan'], 'missing' | 'empty' | 'notText' | 'notList' | 'notObject' | 'emptyList'>;

/** One problem of a file entry as a line naming the entry, e.g. "fokusområden[0].kod saknas". */
export function describeIssue(issue: z.core.$ZodIssue, t: EntryTexts, root: unknown, topKey: string): string {
  const path = pathOf(issue.path) || topKey;
  const value = issue.path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), root);
  if (issue.code === 'invalid_type') {
    if (value === undefined || value === null) return format(t.missing, { path });
    if (issue.expected === 'array') return format(t.notList, { path });
    if (issue.expected === 'object') return format(t.notObject, { path });
    return format(t.notText, { path });
  }
  if (issue.code === 'too_small') return Array.isArray(value) ? format(t.emptyList, { path }) : format(t.empty, { path });
  return `${path}: ${issue.message}`;
}

/** Every code once: a goal code twice would make the activity's link ambiguous. */
function duplicateCodes(plan: FileShape, t: Catalog['actionPlan']['regionalPlan']): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (code: string, path: string) => {
    if (seen.has(code)) problems.push(format(t.duplicateCode, { path, code }));
    seen.add(code);
  };
  plan[KEYS.focusAreas].forEach((area, a) => {
    check(area[KEYS.code], `${KEYS.focusAreas}[${a}].${KEYS.code}`);
    area[KEYS.goals].forEach((g, i) => check(g[KEYS.code], `${KEYS.focusAreas}[${a}].${KEYS.goals}[${i}].${KEYS.code}`));
  });
  return problems;
}

/** The file's text as data: JSON for a .json file, YAML otherwise; an unreadable text throws `error(line)`. */
export function parseJsonOrYaml(content: string, file: string, texts: { notJsonOrYaml: string; unreadable: string }, error: (message: string) => Error): unknown {
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(content) : parseYaml(content);
  } catch (cause) {
    const reason = format(texts.notJsonOrYaml, { reason: cause instanceof Error ? cause.message.split('\n')[0]! : String(cause) });
    throw error(format(texts.unreadable, { file, reason }));
  }
}

/** Parses and validates the text of a plan file; throws RegionalPlanError listing every problem. */
export function parseRegionalPlan(content: string, file: string, t: Catalog): RegionalPlan {
  const messages = t.actionPlan.regionalPlan;
  const raw = parseJsonOrYaml(content, file, messages, (message) => new RegionalPlanError(message));
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? duplicateCodes(parsed.data, messages) : parsed.error.issues.map((issue) => describeIssue(issue, messages, raw, KEYS.focusAreas));
  if (problems.length > 0 || !parsed.success) {
    throw new RegionalPlanError([format(messages.invalid, { file }), ...problems.map((problem) => `  ${problem}`)].join('\n'));
  }
  const data = parsed.data;
  return {
    name: data[KEYS.name],
    focusAreas: data[KEYS.focusAreas].map((area) => ({
      code: area[KEYS.code],
      name: area[KEYS.name],
      goals: area[KEYS.goals].map((g) => ({ code: g[KEYS.code], name: g[KEYS.name] })),
    })),
  };
}

/** The text of an operator's file; one line naming the file and why when it cannot be read. */
export function readOperatorFile(file: string, unreadable: string, error: (message: string) => Error): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw error(format(unreadable, { file, reason: cause instanceof Error ? cause.message : String(cause) }));
  }
}

export function loadRegionalPlan(file: string, t: Catalog): RegionalPlan {
  const content = readOperatorFile(file, t.actionPlan.regionalPlan.unreadable, (message) => new RegionalPlanError(message));
  return parseRegionalPlan(content, file, t);
}
