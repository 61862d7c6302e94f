// The kansli's downloads behind signed links: the regional roll-up as .xlsx and a data-rights export of one
// person as JSON. Both are built when the link is opened, so they show the state of that moment.
import { Router } from 'express';
import type { Locale, Platform } from '../core/domain.js';
import type { Store, Clock } from '../core/ports.js';
import type { RegionalPlan } from '../core/regional-plan.js';
import { NO_REGION, inRegion, type Region } from '../core/region.js';
import { MEDIA_TYPES } from '../core/file-export.js';
import { buildRegionalRollup, rollupSheets } from '../core/use-cases/regional-rollup.js';
import { personalDataExport } from '../core/use-cases/data-rights.js';
import { catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { LinkSigner } from './signed-links.js';
import { renderFile } from './render-file.js';
import { refuseLink } from './link-refusal.js';

export const regionalRollupPath = (tenant: { platform: Platform; tenantId: string }, year: number) =>
  `/exports/regions/${tenant.platform}/${encodeURIComponent(tenant.tenantId)}/${year}.xlsx`;
export const personalDataPath = (requestId: string) => `/exports/personal-data/${encodeURIComponent(requestId)}.json`;

export interface RegionalRoutesOptions {
  store: Store;
  signer: LinkSigner;
  logger: Logger;
  clock: Clock;
  locale: Locale;
  timeZone: string;
  regionalPlan?: RegionalPlan;
  /** The region file's region: the roll-up covers its tenants, and a link for a tenant outside it is refused. */
  region?: Region;
}

export function createRegionalRoutes(options: RegionalRoutesOptions): Router {
  const { store, signer, logger, clock } = options;
  const t = catalog(options.locale);
  const router = Router();
  const PLATFORMS: readonly string[] = ['teams', 'slack'];

  router.get('/exports/regions/:platform/:tenantId/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const match = /^(\d{4})\.xlsx$/.exec(req.params.file);
    const platform = req.params.platform as Platform;
    if (!match || !PLATFORMS.includes(platform)) return void refuseLink(res, t, 'regional', 'invalid');
    const tenant = { platform, tenantId: req.params.tenantId };
    const year = Number(match[1]);
    const check = signer.verify(regionalRollupPath(tenant, year), req.query);
    if (check !== 'ok') return void refuseLink(res, t, 'regional', check);
    const region = options.region ?? NO_REGION;
    if (!inRegion(region, tenant)) return void refuseLink(res, t, 'regional', 'invalid');
    try {
      const now = clock.now();
      const rollup = await buildRegionalRollup(store, region, year, now, t, { regionalPlan: options.regionalPlan, timeZone: options.timeZone });
      res
        .status(200)
        .type(MEDIA_TYPES.xlsx)
        .set('Content-Disposition', `attachment; filename="${t.regional.rollup.fileName}-${year}.xlsx"`)
        .send(await renderFile({ format: 'xlsx', content: { kind: 'sheets', sheets: rollupSheets(rollup, t) } }, now));
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the regional roll-up');
      res.status(500).type('text/plain; charset=utf-8').send(t.errors.generic);
    }
  });

  router.get('/exports/personal-data/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const id = req.params.file.endsWith('.json') ? req.params.file.slice(0, -'.json'.length) : '';
    const check = id ? signer.verify(personalDataPath(id), req.query) : 'invalid';
    if (check !== 'ok') return void refuseLink(res, t, 'personalData', check);
    try {
      const found = await personalDataExport(store, id);
      if (!found) return void refuseLink(res, t, 'personalData', 'missing');
      const { request, data } = found;
      const body = { generatedAt: clock.now(), request: { id: request.id, requestedBy: request.requestedByName, requestedAt: request.createdAt }, ...data };
      res
        .status(200)
        .type('application/json; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${t.regional.dataRights.fileName}-${request.id}.json"`)
        .send(JSON.stringify(body, null, 2));
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build a personal-data export');
      res.status(500).type('text/plain; charset=utf-8').send(t.errors.generic);
    }
  });
  return router;
}
