// The Teams baseline: a bare botbuilder echo bot (CloudAdapter without authentication, as the bot runs in
// local mode) on an express route, in its own process like the bot. A message is echoed to the
// conversation through the connector; an Action.Execute is answered with a card echoing its data.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import express from 'express';
import type { AddressInfo } from 'node:net';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const data = (context.activity.value as { action?: { data?: Record<string, unknown> } } | undefined)?.action?.data ?? {};
    const card = { type: 'AdaptiveCard', version: '1.5', body: Object.entries(data).map(([key, value]) => ({ type: 'TextBlock', text: `${key}: ${String(value)}`, wrap: true })) };
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const app = express();
app.post('/api/messages', express.json({ limit: '1mb' }), (req, res, next) => {
  adapter.process(req, res, (context) => bot.run(context)).catch(next);
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`Echo bot is running at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
