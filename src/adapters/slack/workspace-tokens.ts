// Whose token a Web API call outside a request uses (outbox posts, scheduler posts, channel rosters): the
// token of the workspace, or Enterprise Grid org, the group's channel belongs to. One SLACK_BOT_TOKEN serves
// its one workspace; with OAuth installs each group's tenant id finds its own installation.
import { webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Store } from '../../core/ports.js';
import { createSlackInstallations } from './oauth/installation-store.js';
import { createSealer } from './oauth/sealed.js';

/** The bot token for a group's tenant id (installationKey); rejects when the app is not installed there. */
export type TokenOf = (tenantId: string) => Promise<string>;

/** The configured token source, or null when Slack is off. OAuth mode reads the installations in `store`. */
export function botTokens(config: Config, store?: Store): TokenOf | null {
  if (config.slack.oauth) {
    if (!store) throw new Error('slack: OAuth installs need the store to find each workspace token');
    const installations = createSlackInstallations(store, createSealer(config.SLACK_INSTALLATION_KEY!));
    return (tenantId) => installations.botToken(tenantId);
  }
  const token = config.SLACK_BOT_TOKEN;
  return token ? async () => token : null;
}

/** One Web API client per token, all with the same options, made at first use (a region has a few workspaces). */
export function clientsByToken(options: webApi.WebClientOptions): (token: string) => webApi.WebClient {
  const clients = new Map<string, webApi.WebClient>();
  return (token) => {
    let client = clients.get(token);
    if (!client) clients.set(token, (client = new webApi.WebClient(token, options)));
    return client;
  };
}
