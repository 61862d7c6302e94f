// `npm run package:teams`: build/app-packages/samverkansbot-teams.zip for MICROSOFT_APP_ID and PUBLIC_BASE_URL.
// `npm run package:slack`: build/app-packages/slack-manifest.json with PUBLIC_BASE_URL's request URLs.
// Both from manifest/ (scripts/lib/app-packages.ts); a bad setting stops with one line. A second argument
// names another output folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadPackagingConfig } from '../src/config.js';
import { PackageError, buildTeamsPackage, slackManifest } from './lib/app-packages.js';

const target = process.argv[2];
if (target !== 'teams' && target !== 'slack') {
  console.error('usage: tsx scripts/package-apps.ts teams|slack');
  process.exit(2);
}
const outDir = resolve(process.argv[3] ?? 'build/app-packages');

try {
  const { appId, publicBaseUrl } = loadPackagingConfig(target);
  mkdirSync(outDir, { recursive: true });
  if (target === 'teams') {
    const { zip, entries } = await buildTeamsPackage(appId!, publicBaseUrl);
    const file = join(outDir, 'samverkansbot-teams.zip');
    writeFileSync(file, zip);
    console.log(`Teams app package: ${file} (${entries.join(', ')}; app ${appId}, valid domain ${new URL(publicBaseUrl).host}); upload it in Teams: Apps → Manage your apps → Upload an app`);
  } else {
    const file = join(outDir, 'slack-manifest.json');
    writeFileSync(file, `${JSON.stringify(slackManifest(publicBaseUrl), null, 2)}\n`);
    console.log(`Slack app manifest: ${file} (request URLs ${publicBaseUrl}/slack/events); paste it at Create New App → From an app manifest`);
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof PackageError) {
    console.error(`Inget paket / no package: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
