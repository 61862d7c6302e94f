// Bolt's InstallationStore on the bot's own database (the Store port's `installations`): one sealed row per
// workspace, or per Enterprise Grid org for an org-wide install, keyed exactly as the groups of its channels
// are (installationKey), so the token of a group's channel is found from the group's tenant id alone.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../../../core/ports.js';
import { installationKey } from '../to-event.js';
import type { Sealer } from './sealed.js';

export class NotInstalledError extends Error {
  constructor(tenantId: string) {
    super(`Samverkansbot is not installed in Slack workspace or org ${tenantId}`);
    this.name = 'NotInstalledError';
  }
}

/** The key of an installation as Slack's OAuth answer describes it (org id for an org-wide install). */
export function keyOfInstallation(installation: Pick<Installation, 'team' | 'enterprise' | 'isEnterpriseInstall'>): string {
  return installationKey({
    teamId: installation.team?.id ?? '',
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  });
}

/** The key an incoming request's installation is stored under (Bolt's query from the payload). */
export function keyOfQuery(query: InstallationQuery<boolean>): string {
  return installationKey({ teamId: query.teamId ?? '', enterpriseId: query.enterpriseId ?? null, isEnterpriseInstall: query.isEnterpriseInstall });
}

export interface SlackInstallations extends InstallationStore {
  /** The bot token of the workspace or org `tenantId` (a group's tenant id); NotInstalledError when none. */
  botToken(tenantId: string): Promise<string>;
  /** Forgets the installation (app_uninstalled, tokens_revoked); true when there was one. */
  forget(tenantId: string): Promise<boolean>;
}

export function createSlackInstallations(store: Store, sealer: Sealer): SlackInstallations {
  async function load(tenantId: string): Promise<Installation> {
    const row = tenantId ? await store.installations.find('slack', tenantId) : null;
    if (!row) throw new NotInstalledError(tenantId);
    return JSON.parse(sealer.open(row.sealed, tenantId)) as Installation;
  }
  const forget = async (tenantId: string) => (tenantId ? (await store.installations.deleteWhere({ platform: 'slack', tenantId })) > 0 : false);
  return {
    async storeInstallation(installation) {
      const tenantId = keyOfInstallation(installation);
      if (!tenantId) throw new Error('slack: an installation without a workspace or org id cannot be stored');
      await store.installations.save('slack', tenantId, sealer.seal(JSON.stringify(installation), tenantId));
    },
    fetchInstallation: (query) => load(keyOfQuery(query)),
    async deleteInstallation(query) {
      await forget(keyOfQuery(query));
    },
    async botToken(tenantId) {
      const token = (await load(tenantId)).bot?.token;
      if (!token) throw new NotInstalledError(tenantId);
      return token;
    },
    forget,
  };
}
