// Slack's OAuth install flow for several workspaces and Enterprise Grid orgs, done by Bolt's own
// InstallProvider (ExpressReceiver's clientId/clientSecret/installerOptions): /slack/install sends the admin
// to Slack with a state parameter and a cookie, /slack/oauth_redirect checks both, calls oauth.v2.access and
// stores the installation. What is ours: the store (the bot's database, tokens sealed), a single-use state,
// the region check (an install from a workspace or org the operator's region file does not name is refused
// and not stored) and the pages the admin sees, Swedish first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webApi, type ExpressReceiverOptions, type Installation } from '@slack/bolt';
import type { Config } from '../../../config.js';
import type { Clock, Store } from '../../../core/ports.js';
import { inRegion, type Region } from '../../../core/region.js';
import { catalog, format, type Catalog } from '../../../i18n/index.js';
import type { Logger } from '../../../logger.js';
import { BOT_SCOPES } from '../scopes.js';
import { createSlackInstallations, keyOfInstallation, type SlackInstallations } from './installation-store.js';
import { createSealer, deriveKey } from './sealed.js';
import { createSingleUseStateStore } from './state-store.js';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

type OAuthReceiverOptions = Pick<ExpressReceiverOptions, 'clientId' | 'clientSecret' | 'scopes' | 'installationStore' | 'installerOptions' | 'redirectUri'>;

export interface SlackOAuth {
  installations: SlackInstallations;
  /** For ExpressReceiver: Bolt then serves both paths and authorizes every request from the store. */
  receiverOptions: OAuthReceiverOptions;
}

export interface SlackOAuthOptions {
  config: Config;
  store: Store;
  region: Region;
  clock: Clock;
  logger: Logger;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A small self-contained page (no scripts, nothing loaded from elsewhere) for the installing admin. */
function page(res: ServerResponse, status: number, t: Catalog, text: string, againUrl?: string): void {
  const again = againUrl ? `<p><a href="${escapeHtml(againUrl)}">${escapeHtml(t.slackInstall.startAgain)}</a></p>` : '';
  const html =
    `<!doctype html><html lang="${t === catalog('en') ? 'en' : 'sv'}"><head><meta charset="utf-8"><title>${escapeHtml(t.slackInstall.title)}</title></head>` +
    `<body><h1>${escapeHtml(t.slackInstall.title)}</h1><p>${escapeHtml(text)}</p>${again}</body></html>`;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  res.writeHead(status);
  res.end(html);
}

const nameOf = (installation: Installation) =>
  (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) || keyOfInstallation(installation);

/** Slack's authorize page next to its Web API (slack.com/api/ → slack.com/oauth/v2/authorize; GovSlack alike). */
export const authorizationUrl = (slackApiUrl: string) => new URL('../oauth/v2/authorize', slackApiUrl).toString();

export function createSlackOAuth({ config, store, region, clock, logger }: SlackOAuthOptions): SlackOAuth {
  const t = catalog(config.BOT_LOCALE);
  const installKey = config.SLACK_INSTALLATION_KEY!;
  const installations = createSlackInstallations(store, createSealer(installKey));
  const stateSecret = config.SLACK_STATE_SECRET ? Buffer.from(config.SLACK_STATE_SECRET, 'utf8') : deriveKey(installKey, 'slack-oauth-state-v1');
  const installUrl = `${config.publicBaseUrl}${SLACK_INSTALL_PATH}`;
  const clientOptions = { slackApiUrl: config.SLACK_API_URL };

  /** A refused install keeps no token here; giving it back tells Slack too (best effort: the page is what matters). */
  async function giveBack(installation: Installation): Promise<void> {
    const token = installation.bot?.token;
    if (!token) return;
    try {
      const client = new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 0 } });
      await client.auth.revoke();
    } catch (error) {
      logger.warn({ err: error }, 'slack: could not revoke the token of a refused install');
    }
  }

  return {
    installations,
    receiverOptions: {
      clientId: config.SLACK_CLIENT_ID,
      clientSecret: config.SLACK_CLIENT_SECRET,
      scopes: [...BOT_SCOPES],
      installationStore: installations,
      // Slack sends the admin back to the one redirect URL of the app's settings; named only when the public
      // address is known (otherwise it would say 127.0.0.1 and Slack would refuse it).
      ...(config.PUBLIC_BASE_URL ? { redirectUri: `${config.publicBaseUrl}${SLACK_REDIRECT_PATH}` } : {}),
      installerOptions: {
        installPath: SLACK_INSTALL_PATH,
        redirectUriPath: SLACK_REDIRECT_PATH,
        // /slack/install answers with the redirect to Slack's consent page (and the state cookie) at once.
        directInstall: true,
        stateStore: createSingleUseStateStore(stateSecret, store, clock),
        stateCookieExpirationSeconds: 600,
        authorizationUrl: authorizationUrl(config.SLACK_API_URL),
        // oauth.v2.access and auth.test of the new token go to SLACK_API_URL like every other call.
        clientOptions,
        callbackOptions: {
          async afterInstallation(installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
            const tenantId = keyOfInstallation(installation);
            if (inRegion(region, { platform: 'slack', tenantId })) return true;
            logger.warn({ tenantId, enterpriseInstall: installation.isEnterpriseInstall === true }, 'slack: install refused, the workspace or org is not in the region file');
            await giveBack(installation);
            page(res, 403, t, format(t.slackInstall.notInRegion, { workspace: nameOf(installation), id: tenantId }));
            return false;
          },
          success(installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
            logger.info({ tenantId: keyOfInstallation(installation), enterpriseInstall: installation.isEnterpriseInstall === true }, 'slack: installed');
            // An org-wide install adds the app to no workspace yet: the admin still has to.
            const text = installation.isEnterpriseInstall ? t.slackInstall.installedOrg : t.slackInstall.installed;
            page(res, 200, t, format(text, { workspace: nameOf(installation) }));
          },
          failure(error: Error & { code?: string }, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
            const code = error.code ?? 'unknown';
            logger.warn({ code, reason: error.message }, 'slack: install not completed');
            if (/cancelled/.test(error.message)) page(res, 400, t, t.slackInstall.cancelled, installUrl);
            else if (/state|code/.test(code)) page(res, 400, t, t.slackInstall.badState, installUrl);
            else page(res, 502, t, t.slackInstall.failed, installUrl);
          },
        },
      },
    },
  };
}
