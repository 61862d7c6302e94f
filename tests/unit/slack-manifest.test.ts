// manifest/slack/manifest.json must match the code: every command and event the app listens to is
// declared, every scope the code needs is requested, and nothing more.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommand } from '../../src/core/events.js';
import { SLASH_COMMANDS } from '../../src/adapters/slack/listeners/commands/index.js';
import { SUBSCRIBED_EVENTS } from '../../src/adapters/slack/listeners/events/index.js';
import { BOT_SCOPES, INBOUND_SCOPES, METHOD_SCOPES } from '../../src/adapters/slack/scopes.js';
import { SLACK_REDIRECT_PATH } from '../../src/adapters/slack/oauth/index.js';

const root = resolve(import.meta.dirname, '../..');
const slackDir = join(root, 'src/adapters/slack');
const manifest = JSON.parse(readFileSync(join(root, 'manifest/slack/manifest.json'), 'utf8'));

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(dir, entry.name), 'utf8') : ''))
    .join('\n');
}
const code = sources(slackDir);

describe('Slack app manifest', () => {
  it('is an importable manifest with Swedish display information within Slack limits', () => {
    expect(manifest._metadata).toEqual({ major_version: 1, minor_version: 1 });
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.description + info.long_description).toMatch(/[åäö]/);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.features.bot_user.display_name).toBe('Samverkansbot');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('declares exactly the slash commands the app handles, each with a usage hint it understands', () => {
    const declared = manifest.features.slash_commands.map((command: { command: string }) => command.command).sort();
    expect(declared).toEqual([...SLASH_COMMANDS].sort());
    const handled = [...code.matchAll(/app\.command\('([^']+)'/g)].map((match) => match[1]).sort();
    expect(handled).toEqual(declared);
    const samverkan = manifest.features.slash_commands.find((command: { command: string }) => command.command === '/samverkan');
    for (const word of samverkan.usage_hint.split('|')) expect(parseCommand(word), word).not.toBeNull();
  });

  it('lists every subcommand of /samverkan in its usage hint and description, within Slack limits', () => {
    const samverkan = manifest.features.slash_commands.find((command: { command: string }) => command.command === '/samverkan');
    const hinted = samverkan.usage_hint.split('|').map((part: string) => parseCommand(part));
    expect([...new Set(hinted)].sort()).toEqual([...COMMANDS].sort());
    const firstWords = samverkan.usage_hint.split('|').map((part: string) => part.trim().split(/\s+/)[0]);
    for (const word of firstWords) expect(samverkan.description, word).toContain(word);
    for (const command of manifest.features.slash_commands) {
      expect(command.description.length, command.command).toBeLessThanOrEqual(2000);
      expect(command.usage_hint.length, command.command).toBeLessThanOrEqual(1000);
    }
  });

  it('asks Slack to escape people, channels and links in commands (should_escape), which the parser takes as user ids', () => {
    // With should_escape, `@Bo` arrives as `<@U0BO|bo>`: a person is named by id, never by an ambiguous name.
    for (const command of manifest.features.slash_commands) expect(command.should_escape, command.command).toBe(true);
  });

  it('subscribes to exactly the events the app listens to', () => {
    const listened = [...code.matchAll(/app\.event\('([^']+)'/g)].map((match) => match[1]).sort();
    expect(listened).toEqual([...SUBSCRIBED_EVENTS].sort());
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listened);
  });

  it('points every request URL at /slack/events on the documented placeholder host', () => {
    const urls = [
      ...manifest.features.slash_commands.map((command: { url: string }) => command.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      // Long lists (external_select) ask for their options here; the app answers block_suggestion.
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(url).toBe('https://example.invalid/slack/events');
    expect(code).toContain("SLACK_EVENTS_PATH = '/slack/events'");
    expect(code).toContain("app.options<'block_suggestion'>({ type: 'block_suggestion' }");
  });

  it('requests every scope the code needs and nothing else', () => {
    const called = [...new Set([...code.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((match) => `${match[1]}.${match[2]}`))];
    expect(called.length).toBeGreaterThan(3);
    for (const method of called) expect(Object.keys(METHOD_SCOPES), `scope of ${method} is unknown: add it to scopes.ts`).toContain(method);
    const needed = new Set([...INBOUND_SCOPES, ...called.flatMap((method) => METHOD_SCOPES[method] ?? [])]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    // An OAuth install (/slack/install) asks Slack for exactly these.
    expect([...BOT_SCOPES].sort()).toEqual([...needed].sort());
  });

  it('lets a Grid org install the app org-wide and sends OAuth installs back to the bot', () => {
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://example.invalid${SLACK_REDIRECT_PATH}`]);
  });
});
