// Reads the operator's region file named by REGION_FILE, JSON or YAML: which Teams tenants and Slack
// workspaces / Enterprise Grid orgs form the region, who the kansli people are and which channels are kansli
// channels. Kansli rights come only from this file. A bad entry stops start-up with one line naming it,
// e.g. "kansli.personer[1].användar-id saknas". Like the regional plan file, the keys are Swedish words
// written with \u escapes: they are a file format, not user-facing text (texts live in src/i18n).
import { z } from 'zod';
import type { Platform } from './core/domain.js';
import type { Region } from './core/region.js';
import { format, type Catalog } from './i18n/index.js';
import { describeIssue, parseJsonOrYaml, pathOf, readOperatorFile } from './regional-plan-file.js';

const KEYS = {
  name: 'namn',
  tenants: 'organisationer',
  platform: 'plattform',
  id: 'id',
  tenant: 'organisation',
  kansli: 'kansli',
  people: 'personer',
  userId: 'anv\u00e4ndar-id',
  channels: 'kanaler',
  channelId: 'kanal-id',
  mail: 'e-post',
} as const;

const text = z.string().trim().min(1);
const platform = z.enum(['teams', 'slack'] as const satisfies readonly Platform[]);
const tenant = z.object({ [KEYS.platform]: platform, [KEYS.id]: text, [KEYS.name]: text });
const person = z.object({ [KEYS.platform]: platform, [KEYS.tenant]: text, [KEYS.userId]: text, [KEYS.name]: text });
const channel = z.object({ [KEYS.platform]: platform, [KEYS.tenant]: text, [KEYS.channelId]: text, [KEYS.name]: text });
const schema = z.object({
  [KEYS.name]: text,
  [KEYS.tenants]: z.array(tenant).min(1),
  [KEYS.kansli]: z.object({
    [KEYS.people]: z.array(person).min(1),
    [KEYS.channels]: z.array(channel).default([]),
    // Where decided plans and accepted final reports are e-mailed (only when SMTP_HOST is set).
    [KEYS.mail]: z.array(z.string().trim().pipe(z.email({ error: 'not-an-address' }))).default([]),
  }),
});

type FileShape = z.infer<typeof schema>;
type Texts = Catalog['regional']['regionFile'];

export class RegionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionFileError';
  }
}

/** What zod cannot see: every person and channel in a tenant of the region, and nothing named twice. */
function crossChecks(file: FileShape, t: Texts): string[] {
  const problems: string[] = [];
  const tenants = file[KEYS.tenants];
  const seen = new Set<string>();
  tenants.forEach((entry, index) => {
    const key = `${entry[KEYS.platform]} ${entry[KEYS.id]}`;
    if (seen.has(key)) problems.push(format(t.duplicate, { path: `${KEYS.tenants}[${index}].${KEYS.id}`, value: entry[KEYS.id] }));
    seen.add(key);
  });
  const inRegion = (where: string, entry: { [KEYS.platform]: string; [KEYS.tenant]: string }) => {
    if (!tenants.some((candidate) => candidate[KEYS.platform] === entry[KEYS.platform] && candidate[KEYS.id] === entry[KEYS.tenant])) {
      problems.push(format(t.unknownTenant, { path: `${where}.${KEYS.tenant}`, value: entry[KEYS.tenant], platform: entry[KEYS.platform] }));
    }
  };
  const people = new Set<string>();
  file[KEYS.kansli][KEYS.people].forEach((entry, index) => {
    const where = `${KEYS.kansli}.${KEYS.people}[${index}]`;
    inRegion(where, entry);
    const key = `${entry[KEYS.platform]} ${entry[KEYS.tenant]} ${entry[KEYS.userId]}`;
    if (people.has(key)) problems.push(format(t.duplicate, { path: `${where}.${KEYS.userId}`, value: entry[KEYS.userId] }));
    people.add(key);
  });
  // A group stores its kanslikanal by channel id alone, so a channel id names one channel of the file.
  const channels = new Set<string>();
  file[KEYS.kansli][KEYS.channels].forEach((entry, index) => {
    const where = `${KEYS.kansli}.${KEYS.channels}[${index}]`;
    inRegion(where, entry);
    if (channels.has(entry[KEYS.channelId])) problems.push(format(t.duplicate, { path: `${where}.${KEYS.channelId}`, value: entry[KEYS.channelId] }));
    channels.add(entry[KEYS.channelId]);
  });
  return problems;
}

function describe(issue: z.core.$ZodIssue, t: Texts, root: unknown): string {
  if (issue.code === 'invalid_value') return format(t.notPlatform, { path: pathOf(issue.path) });
  if (issue.message === 'not-an-address') return format(t.notMailAddress, { path: pathOf(issue.path) });
  return describeIssue(issue, t, root, KEYS.tenants);
}

/** Parses and validates the text of a region file; throws RegionFileError with one line naming every bad entry. */
export function parseRegionFile(content: string, file: string, t: Catalog): Region {
  const texts = t.regional.regionFile;
  const raw = parseJsonOrYaml(content, file, texts, (message) => new RegionFileError(message));
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? crossChecks(parsed.data, texts) : parsed.error.issues.map((issue) => describe(issue, texts, raw));
  if (problems.length > 0 || !parsed.success) throw new RegionFileError(format(texts.invalid, { file, problems: problems.join('; ') }));
  const data = parsed.data;
  return {
    name: data[KEYS.name],
    tenants: data[KEYS.tenants].map((entry) => ({ platform: entry[KEYS.platform], tenantId: entry[KEYS.id], name: entry[KEYS.name] })),
    kansli: data[KEYS.kansli][KEYS.people].map((entry) => ({ platform: entry[KEYS.platform], tenantId: entry[KEYS.tenant], userId: entry[KEYS.userId], name: entry[KEYS.name] })),
    channels: data[KEYS.kansli][KEYS.channels].map((entry) => ({ platform: entry[KEYS.platform], tenantId: entry[KEYS.tenant], channelId: entry[KEYS.channelId], name: entry[KEYS.name] })),
    mailRecipients: [...new Set(data[KEYS.kansli][KEYS.mail])],
  };
}

export function loadRegionFile(file: string, t: Catalog): Region {
  const content = readOperatorFile(file, t.regional.regionFile.unreadable, (message) => new RegionFileError(message));
  return parseRegionFile(content, file, t);
}
