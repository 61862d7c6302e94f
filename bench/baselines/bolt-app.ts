// The Slack baseline: a bare Bolt app (ExpressReceiver on /slack/events, as the bot has) in its own
// process, pointed at the same fake Web API. A slash command and a view submission are acknowledged and
// answered with chat.postMessage to the channel, the same Web API call the bot answers both with.
import { App, ExpressReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';

const slackApiUrl = process.argv[2];
const signingSecret = process.argv[3];
if (!slackApiUrl || !signingSecret) throw new Error('usage: bolt-app.ts <slack api url> <signing secret>');

const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events' });
const app = new App({ receiver, token: 'xoxb-baseline', clientOptions: { slackApiUrl } });

app.command(/.*/, async ({ command, ack, client }) => {
  await ack();
  await client.chat.postMessage({ channel: command.channel_id, text: `Echo: ${command.text}` });
});

app.view(/.*/, async ({ view, ack, client }) => {
  await ack();
  const { channel } = JSON.parse(view.private_metadata) as { channel: { channelId: string } };
  const values = Object.values(view.state.values).flatMap((block) => Object.values(block));
  await client.chat.postMessage({ channel: channel.channelId, text: `Echo: ${values.length} fields` });
});

const server = receiver.app.listen(0, '127.0.0.1', () => {
  console.log(`Bolt app is running at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
