// The Teams app package and the Slack app manifest, both made from manifest/ with the operator's settings
// (MICROSOFT_APP_ID, PUBLIC_BASE_URL): `npm run package:teams`, `npm run package:slack`. The Teams manifest and
// its localisation file are validated against the schemas bundled in @microsoft/app-manifest (nothing is
// downloaded) before anything is zipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';

const root = resolve(import.meta.dirname, '../..');
export const TEAMS_DIR = join(root, 'manifest/teams');
export const SLACK_MANIFEST = join(root, 'manifest/slack/manifest.json');
/** The placeholder the committed manifests carry instead of the bot's address. */
const PLACEHOLDER_ORIGIN = 'https://example.invalid';

type Json = Record<string, any>;

const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

/** A schema bundled in @microsoft/app-manifest for the manifest's version (e.g. MicrosoftTeams.schema.json). */
export function teamsSchema(version: string, name: string): Json {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams', `v${version}`);
  return readJson(join(dir, name));
}

/**
 * Errors of a manifest (MicrosoftTeams.schema.json) or localisation file (MicrosoftTeams.Localization.schema.json)
 * against its bundled schema; empty when valid. (Ajv with the formats the schemas use, so `uri` is checked
 * rather than skipped with a warning.)
 */
export function schemaErrors(version: string, schemaName: string, file: Json): string[] {
  // The schemas' patterns are not valid with the u flag (a lone `]`), as in Teams' own validator.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const schema = teamsSchema(version, schemaName);
  delete schema.$schema; // draft-04/07 marker; the keywords used are the same in Ajv's default draft
  const validate = ajv.compile(schema);
  return validate(file) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** manifest.json with the app id as app and bot id, and the bot's host as its one valid domain. */
export function teamsManifest(appId: string, publicBaseUrl: string): Json {
  const manifest = readJson(join(TEAMS_DIR, 'manifest.json'));
  manifest.id = appId;
  for (const bot of manifest.bots as Json[]) bot.botId = appId;
  manifest.validDomains = [new URL(publicBaseUrl).host];
  return manifest;
}

export interface TeamsPackage {
  zip: Buffer;
  /** The files in the zip, in order. */
  entries: string[];
}

/** The zip Teams uploads: manifest.json, its localisation files and the two icons, validated first. */
export async function buildTeamsPackage(appId: string, publicBaseUrl: string): Promise<TeamsPackage> {
  const manifest = teamsManifest(appId, publicBaseUrl);
  const version = String(manifest.manifestVersion);
  const errors = schemaErrors(version, 'MicrosoftTeams.schema.json', manifest);
  if (errors.length > 0) throw new PackageError(`manifest.json does not validate against schema v${version}: ${errors.join('; ')}`);
  const files: [string, Buffer][] = [['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]];
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const text = readFileSync(join(TEAMS_DIR, language.file));
    const problems = schemaErrors(version, 'MicrosoftTeams.Localization.schema.json', JSON.parse(text.toString('utf8')) as Json);
    if (problems.length > 0) throw new PackageError(`${language.file} does not validate: ${problems.join('; ')}`);
    files.push([language.file, text]);
  }
  for (const icon of [manifest.icons.color, manifest.icons.outline] as string[]) files.push([icon, readFileSync(join(TEAMS_DIR, icon))]);
  const zip = new JSZip();
  // A fixed date: the same inputs give the same bytes.
  for (const [name, bytes] of files) zip.file(name, bytes, { date: new Date('2026-01-01T00:00:00Z') });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), entries: files.map(([name]) => name) };
}

/** manifest/slack/manifest.json with every request, options and redirect URL on the bot's address. */
export function slackManifest(publicBaseUrl: string): Json {
  const text = readFileSync(SLACK_MANIFEST, 'utf8');
  if (!text.includes(PLACEHOLDER_ORIGIN)) throw new PackageError(`${SLACK_MANIFEST} has no ${PLACEHOLDER_ORIGIN} URLs to replace`);
  return JSON.parse(text.split(PLACEHOLDER_ORIGIN).join(publicBaseUrl)) as Json;
}
