// The logs at their most verbose (LOG_LEVEL=trace) while people use both platforms: a Slack command, a
// modal with free text and a name, a Teams message, a signed download link. Logs leave the machine more
// often than the database does, so none of what people typed, no real name, no request or response body
// and no link signature may appear in any line.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { checkboxesPicked as picked, startSlackHarness, textInput as text, type SlackHarness } from '../support/slack-harness.js';
import { botInstalled, message, postActivity, teamChannel, type TeamsUser } from '../support/teams-activities.js';

const CHAIR = 'U0PLANTCHAIR';
const REAL_NAME = 'Zlatana Plantersson';
const DISPLAY_NAME = 'Zlatti Hemligsson';
const COMMAND_TEXT = 'Kommandotext-om-Kalle-Kula';
const FORM_TEXT = 'Fritext i formuläret: Lisa Lönnqvist mår dåligt';
const TEAMS_NAME = 'Teamsa Tystlåten';
const TEAMS_TEXT = 'Teamsmeddelande om Olle Oro';
const TEAMS_USER: TeamsUser = { id: '29:1planted-user', name: TEAMS_NAME, aadObjectId: 'aad-planted-0001' };

const lines: string[] = [];
let slack: SlackHarness;
let connector: FakeBotConnector;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  slack = await startSlackHarness({
    name: 'log-privacy',
    users: { [CHAIR]: { name: 'zlatana', displayName: DISPLAY_NAME, realName: REAL_NAME } },
    defaultUser: CHAIR,
    env: { SCHEDULER_ENABLED: 'false' },
    logger: createLogger('trace', sink),
  });
  connector = await startFakeBotConnector();
  await slack.addBotToChannel(CHAIR);
});

afterAll(async () => {
  await slack?.close();
  await connector?.close();
});

describe('logs at LOG_LEVEL=trace', () => {
  it('carry no typed text, real names, bodies or link signatures', async () => {
    // A command whose answer carries a signed link, and the download of that link.
    const posted = await slack.next('chat.postMessage', () => slack.send(slack.command('möten')));
    const link = JSON.stringify(posted.body).match(/"(http:\/\/127\.0\.0\.1:\d+\/exports\/[^"]+signature=[^"]+)"/)?.[1];
    expect(link, 'the meetings card has a signed calendar link').toBeDefined();
    expect((await fetch(link!)).status).toBe(200);
    await slack.send(slack.command(`hjälp ${COMMAND_TEXT}`));
    // A modal submitted with free text (valid, so it is stored and announced with the name of who did it).
    const answer = await slack.send(
      slack.submitForm('settings', {
        groupName: text(FORM_TEXT),
        organisations: picked('region', 'kommun'),
        otherOrganisations: text(null),
        officeChannelId: text(null),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toBeNull();
    expect(await slack.store.groups.list()).toEqual(expect.arrayContaining([expect.objectContaining({ name: FORM_TEXT })]));
    // Teams: an install and a message from a named person.
    const channel = teamChannel();
    expect((await postActivity(slack.app.url, botInstalled(channel, connector.serviceUrl, TEAMS_USER))).status).toBe(200);
    expect((await postActivity(slack.app.url, message(channel, connector.serviceUrl, TEAMS_USER, `hjälp ${TEAMS_TEXT}`))).status).toBe(200);
    expect(connector.posts.length).toBeGreaterThan(0);

    const log = lines.join('\n');
    // The run did log at debug/trace level (Bolt's Web API client among others): the check is not vacuous.
    expect(lines.some((line) => JSON.parse(line).level <= 20)).toBe(true);
    expect(lines.some((line) => line.includes('chat.postMessage'))).toBe(true);
    for (const planted of [REAL_NAME, DISPLAY_NAME, COMMAND_TEXT, FORM_TEXT, 'Lisa Lönnqvist', TEAMS_NAME, TEAMS_TEXT, 'signature=', link!.split('signature=')[1]!]) {
      expect(log, planted).not.toContain(planted);
    }
    // No request or response bodies: no Slack payload or Block Kit structure in any line.
    for (const body of ['"blocks"', '"view"', '"trigger_id"', '"response_metadata"', '"ok":true', '\\"channel\\"', '\\"text\\"']) {
      expect(log, body).not.toContain(body);
    }
    // The Web API client's body lines are still there, without the body.
    const bodyLines = lines.map((line) => String(JSON.parse(line).msg)).filter((msg) => msg.startsWith('http request body'));
    expect(bodyLines.length).toBeGreaterThan(0);
    expect(new Set(bodyLines)).toEqual(new Set(['http request body: [body omitted]']));
  }, 60_000);
});
