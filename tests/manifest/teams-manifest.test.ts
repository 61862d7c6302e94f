// The Teams app package, checked offline: schema validity against the schema bundled in
// @microsoft/app-manifest (passed in, so nothing is downloaded), icon sizes and colours, and that every
// command Teams suggests in its command menu is one the bot actually understands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppManifest } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { TEAMS_DIR, schemaErrors, teamsSchema } from '../../scripts/lib/app-packages.js';
import { parseCommand } from '../../src/core/events.js';
import { decodePng } from '../../scripts/lib/png.js';

const dir = TEAMS_DIR;
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as AppManifest & Record<string, any>;
const version = String(manifest.manifestVersion);
const schema = (name: string) => teamsSchema(version, name);

describe('Teams app manifest', () => {
  it('uses a bundled schema version of 1.17 or later other than 1.18', () => {
    const [major, minor] = version.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(17);
    expect(version).not.toBe('1.18');
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  });

  it('validates against the bundled schema', async () => {
    expect(schemaErrors(version, 'MicrosoftTeams.schema.json', manifest)).toEqual([]);
  });

  it('the schema check is real: a broken manifest is reported', async () => {
    const broken = { ...manifest, id: 'not-a-guid', bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] };
    const errors = schemaErrors(version, 'MicrosoftTeams.schema.json', broken);
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('offers the bot in teams, group chats and personal chat, with a GUID placeholder as app and bot id', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.id).toBe('00000000-0000-0000-0000-000000000000');
    expect(bot.botId).toBe(manifest.id);
  });

  it('is Swedish by default with an English localization file that validates', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('sv-se');
    for (const language of manifest.localizationInfo.additionalLanguages) {
      const file = JSON.parse(readFileSync(join(dir, language.file), 'utf8'));
      expect(schemaErrors(version, 'MicrosoftTeams.Localization.schema.json', file), language.file).toEqual([]);
    }
  });

  const commandTitles = (): [string, string][] => {
    const titles: [string, string][] = manifest.bots[0].commandLists.flatMap((list: { commands: { title: string }[] }) =>
      list.commands.map((command) => ['sv', command.title] as [string, string]),
    );
    for (const language of manifest.localizationInfo.additionalLanguages) {
      const file = JSON.parse(readFileSync(join(dir, language.file), 'utf8')) as Record<string, string>;
      for (const [key, value] of Object.entries(file)) if (/\.commands\[\d+\]\.title$/.test(key)) titles.push([language.languageTag, value]);
    }
    return titles;
  };

  const list = (scope: string) => manifest.bots[0].commandLists.find((candidate: { scopes: string[] }) => candidate.scopes.includes(scope));
  const titles = (scope: string) => list(scope).commands.map((command: { title: string }) => command.title);

  it('lists the channel and group-chat commands in Swedish with å, ä and ö, as many as Teams shows (12)', () => {
    expect(list('team')).toBe(list('groupChat'));
    expect(titles('team')).toEqual(['hjälp', 'rapport', 'plan', 'sammanfattning', 'möten', 'uppdrag', 'analys', 'prioritering', 'hemuppgift', 'utvärdering', 'medlemmar', 'exportera']);
    const limit = schema('MicrosoftTeams.schema.json').properties.bots.items.properties.commandLists.items.properties.commands.maxItems;
    expect(titles('team')).toHaveLength(limit);
  });

  it('lists the personal chat\'s own commands: "mina uppgifter" first after hjälp, the group commands acting for the person\'s group', () => {
    // A command typed in the 1:1 chat acts for the person's group ("vilken grupp?" with several); "mina
    // uppgifter" spans all of them. Exports are files for the channel, so they give way there.
    expect(titles('personal')).toEqual(['hjälp', 'mina uppgifter', ...titles('team').filter((title: string) => title !== 'hjälp' && title !== 'exportera')]);
  });

  it('lists only commands the bot parses, in every language; the English list matches the Swedish one', () => {
    for (const [language, title] of commandTitles()) expect(parseCommand(title), `${language}: ${title}`).not.toBeNull();
    const swedish = commandTitles().filter(([language]) => language === 'sv').map(([, title]) => parseCommand(title));
    const english = commandTitles().filter(([language]) => language === 'en-us').map(([, title]) => parseCommand(title));
    expect(english).toEqual(swedish);
    // Teams shows at most twelve commands per scope: these are typed (they are on the help card and on cards).
    const listed = new Set(swedish);
    expect(['installningar', 'genomforandeplan', 'region', 'personuppgifter'].filter((command) => listed.has(command as never))).toEqual([]);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = decodePng(readFileSync(join(dir, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(readFileSync(join(dir, manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let drawn = 0;
    for (let index = 0; index < outline.pixels.length; index += 4) {
      const [r, g, b, a] = outline.pixels.subarray(index, index + 4);
      if (a === 0) transparent += 1;
      else {
        drawn += 1;
        expect([r, g, b], `pixel ${index / 4} is not white`).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThan(0);
  });
});
