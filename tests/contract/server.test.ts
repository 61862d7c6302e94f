// The HTTP server as operators see it: the health check tells the truth about the database, and the
// logs never carry secrets or what people typed.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/adapters/db/prisma-store.js';
import { createLogger } from '../../src/logger.js';
import { interaction, slashCommand } from '../support/slack-requests.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const SECRET = 'signing-secret-never-logged';
const TOKEN = 'xoxb-token-never-logged';

let slack: SlackHarness;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  slack = await startSlackHarness({ name: 'server', secret: SECRET, botToken: TOKEN, botUserId: 'UBOT', logger: createLogger('trace', sink) });
});

afterAll(() => slack?.close());

describe('GET /healthz', () => {
  it('answers 200 when the database answers', async () => {
    const response = await fetch(`${slack.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 when the database does not answer', async () => {
    const unreachable = createStore('postgres://postgres@127.0.0.1:1/none');
    const other = await startApp({ config: loadConfig({ PORT: '0' }), store: unreachable, logger: createLogger('silent') });
    try {
      const response = await fetch(`${other.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    } finally {
      await other.close();
      await unreachable.close().catch(() => undefined);
    }
  });
});

describe('logs', () => {
  it('keep neither secrets nor free text from commands and forms', async () => {
    const typed = 'Hemlig fritext om Kalle 19121212-1212';
    await slack.send(slashCommand({ command: '/samverkan', text: typed, channel_id: 'C_LOG', user_id: 'U_LOG' }));
    const submission = interaction({
      type: 'view_submission',
      team: { id: 'T111', domain: 'test' },
      user: { id: 'U_LOG', team_id: 'T111' },
      api_app_id: 'A111',
      trigger_id: '111.222.abc',
      view: {
        id: 'V111',
        type: 'modal',
        callback_id: 'settings',
        private_metadata: JSON.stringify({
          channel: { platform: 'slack', tenantId: 'T111', channelId: 'C_LOG', channelName: null, conversationReference: null, isPersonal: false },
          context: {},
        }),
        state: { values: { groupName: { groupName: { type: 'plain_text_input', value: typed } } } },
        hash: 'h',
      },
    });
    await slack.send(submission);
    await slack.send(slashCommand({ command: '/samverkan', text: 'hjälp' }), { secret: 'wrong' });

    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    for (const forbidden of [typed, '19121212-1212', SECRET, TOKEN]) expect(log).not.toContain(forbidden);
  });
});
