// `npm run package:teams` and `npm run package:slack` as an operator runs them: the Teams zip holds the
// manifest with the configured app id and valid domain (validated against the bundled schema), its English
// localisation and the icons; the Slack manifest points every URL at PUBLIC_BASE_URL. Bad settings stop with
// one line.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageError, TEAMS_DIR, buildTeamsPackage, schemaErrors, slackManifest } from '../../scripts/lib/app-packages.js';

const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'samverkansbot-packages-'));
const APP_ID = '6f1c2b9e-1111-4222-8333-444455556666';
const BASE = 'https://samverkansbot.example.se';

afterAll(() => rmSync(out, { recursive: true, force: true }));

function runPackage(target: string, env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/package-apps.ts', target, out], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run package:teams', () => {
  it('zips the validated manifest with the app id and valid domain, en-us.json and both icons', async () => {
    const result = await runPackage('teams', { MICROSOFT_APP_ID: APP_ID, PUBLIC_BASE_URL: `${BASE}/` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Teams app package: ${join(out, 'samverkansbot-teams.zip')} (manifest.json, en-us.json, color.png, outline.png; app ${APP_ID}, valid domain samverkansbot.example.se)`);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'samverkansbot-teams.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots.map((bot: { botId: string }) => bot.botId)).toEqual([APP_ID]);
    expect(manifest.validDomains).toEqual(['samverkansbot.example.se']);
    expect(schemaErrors(String(manifest.manifestVersion), 'MicrosoftTeams.schema.json', manifest)).toEqual([]);
    for (const name of ['en-us.json', 'color.png', 'outline.png']) expect(Buffer.compare(await zip.file(name)!.async('nodebuffer'), readFileSync(join(TEAMS_DIR, name))), name).toBe(0);
  });

  it('gives the same bytes for the same settings', async () => {
    const [first, second] = await Promise.all([buildTeamsPackage(APP_ID, BASE), buildTeamsPackage(APP_ID, BASE)]);
    expect(Buffer.compare(first.zip, second.zip)).toBe(0);
  });

  it('validates before zipping: a manifest the schema refuses is not packaged', async () => {
    // The configured id is checked by the config first; the schema check is what catches it here.
    await expect(buildTeamsPackage('not-a-guid', BASE)).rejects.toThrow(PackageError);
    await expect(buildTeamsPackage('not-a-guid', BASE)).rejects.toThrow(/^manifest\.json does not validate against schema v1\.\d+: \/id /);
  });

  it.each([
    [{ PUBLIC_BASE_URL: BASE }, "Inget paket / no package: Invalid MICROSOFT_APP_ID: required for the Teams app package (the Azure Bot's app id, a GUID)\n"],
    [{ MICROSOFT_APP_ID: 'abc', PUBLIC_BASE_URL: BASE }, 'Inget paket / no package: Invalid MICROSOFT_APP_ID: expected a GUID such as 6f1c2b9e-0000-4000-8000-000000000000 (got "abc")\n'],
    [{ MICROSOFT_APP_ID: APP_ID }, 'Inget paket / no package: Invalid PUBLIC_BASE_URL: required for the Teams app package (the https address Teams and Slack reach the bot at)\n'],
    [{ MICROSOFT_APP_ID: APP_ID, PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }, 'Inget paket / no package: Invalid PUBLIC_BASE_URL: Teams reaches the bot over https only (got "http://127.0.0.1:3978")\n'],
  ])('%o stops with one line', async (env, line) => {
    const result = await runPackage('teams', env);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(line);
  });
});

describe('npm run package:slack', () => {
  it('writes the Slack manifest with every URL on PUBLIC_BASE_URL', async () => {
    const result = await runPackage('slack', { PUBLIC_BASE_URL: BASE });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const written = readFileSync(join(out, 'slack-manifest.json'), 'utf8');
    expect(written).not.toContain('example.invalid');
    const manifest = JSON.parse(written);
    expect(manifest).toEqual(slackManifest(BASE));
    expect(manifest.features.slash_commands.map((command: { url: string }) => command.url)).toEqual([`${BASE}/slack/events`, `${BASE}/slack/events`]);
    expect(manifest.settings.event_subscriptions.request_url).toBe(`${BASE}/slack/events`);
    expect(manifest.settings.interactivity).toMatchObject({ request_url: `${BASE}/slack/events`, message_menu_options_url: `${BASE}/slack/events` });
    expect(manifest.oauth_config.redirect_urls).toEqual([`${BASE}/slack/oauth_redirect`]);
    const urls = [...written.matchAll(/"(https?:\/\/[^"]+)"/g)].map((match) => match[1]!);
    for (const url of urls) expect(url.startsWith(`${BASE}/slack/`), url).toBe(true);
  });

  it('needs no Microsoft app id, but an https PUBLIC_BASE_URL', async () => {
    const result = await runPackage('slack', { PUBLIC_BASE_URL: 'http://bot.example.se' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Inget paket / no package: Invalid PUBLIC_BASE_URL: Slack reaches the bot over https only (got "http://bot.example.se")\n');
  });
});
