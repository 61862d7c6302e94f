// Socket Mode smoke test: with SLACK_APP_TOKEN the app opens a WebSocket (URL from apps.connections.open)
// instead of listening on /slack/events; a slash command envelope is acked over the socket and answered
// through the Web API, like in HTTP mode.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { startFakeSocketMode, type FakeSocketMode } from '../support/fake-socket-mode.js';
import { fixture } from '../support/slack-requests.js';

let fake: FakeSlackApi;
let socket: FakeSocketMode;
let app: RunningApp;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  socket = await startFakeSocketMode();
  fake.answer('apps.connections.open', () => ({ ok: true, url: socket.url }));
  fake.users.set('U0CHAIR', { name: 'anna', displayName: 'Anna Ordförande', realName: 'Anna Andersson' });
  const config = loadConfig({ PORT: '0', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: fake.url, LOG_LEVEL: 'silent' });
  expect(config.slack.mode).toBe('socket');
  // Socket Mode only needs to prove the transport; the SQLite store is covered by slack.test.ts.
  app = await startApp({ config, store: createInMemoryStore(), logger: createLogger('silent') });
});

afterAll(async () => {
  await app?.close();
  await socket?.close();
  await fake?.close();
});

it('connects with the app-level token and answers a slash command envelope', async () => {
  await socket.connected;
  const open = await fake.waitFor('apps.connections.open');
  expect(open.token).toBe('xapp-1-test');

  const payload = { ...fixture<Record<string, string>>('bolt-python/slash_command.json'), command: '/samverkan', text: 'hjälp', user_id: 'U0CHAIR', channel_id: 'C111' };
  socket.send({ envelope_id: 'env-1', type: 'slash_commands', payload, accepts_response_payload: true });
  expect(await socket.waitForAck('env-1')).toMatchObject({ envelope_id: 'env-1' });
  const posted = await fake.waitFor('chat.postMessage');
  expect(posted.body.channel).toBe('C111');
  expect(JSON.stringify(posted.body.blocks)).toContain('Det här kan jag');
  expect(posted.token).toBe('xoxb-test');

  // No HTTP endpoint for Slack in Socket Mode.
  const response = await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(404);
});

it('answers an envelope delivered twice once, and acks both copies', async () => {
  await socket.connected;
  const payload = { ...fixture<Record<string, string>>('bolt-python/slash_command.json'), command: '/samverkan', text: 'hjälp', user_id: 'U0CHAIR', channel_id: 'C222' };
  const from = fake.calls.length;
  socket.send({ envelope_id: 'env-twice', type: 'slash_commands', payload, accepts_response_payload: true });
  await fake.waitFor('chat.postMessage', (call) => fake.calls.indexOf(call) >= from && call.body.channel === 'C222');
  socket.send({ envelope_id: 'env-twice', type: 'slash_commands', payload, accepts_response_payload: true });
  // A new envelope of the same command is a request of its own, answered after the copy was dropped.
  socket.send({ envelope_id: 'env-fresh', type: 'slash_commands', payload, accepts_response_payload: true });
  await socket.waitForAck('env-fresh');
  const posts = () => fake.calls.slice(from).filter((call) => call.method === 'chat.postMessage' && call.body.channel === 'C222');
  const until = Date.now() + 15_000;
  while (posts().length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(posts()).toHaveLength(2);
  expect(socket.received.filter((message) => message.envelope_id === 'env-twice')).toHaveLength(2);
});
