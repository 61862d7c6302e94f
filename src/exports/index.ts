// The exports edge: signed download links for the core (ExportLinks) and the routes that serve them.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Clock, ExportLinks, Store } from '../core/ports.js';
import type { Logger } from '../logger.js';
import { createExportRoutes, meetingsCalendarPath } from './routes.js';
import { createLinkSigner, DEFAULT_LINK_TTL_MS, PERSONAL_DATA_LINK_TTL_MS } from './signed-links.js';
import { actionPlanPath, assignmentPath, createPlanDocumentRoutes } from './plan-document-routes.js';
import type { RegionalPlan } from '../core/regional-plan.js';
import { Router } from 'express';

export { createExportRoutes, meetingsCalendarPath } from './routes.js';
import { createFinalReportRoutes, finalReportPath } from './final-report-routes.js';
import { createFileRoutes, exportFilePath } from './file-routes.js';
export { createLinkSigner, DEFAULT_LINK_TTL_MS, type LinkSigner } from './signed-links.js';
import type { Region } from '../core/region.js';
import { createRegionalRoutes, personalDataPath, regionalRollupPath } from './regional-routes.js';

export function createExports(options: { config: Config; store: Store; logger: Logger; clock: Clock; regionalPlan?: RegionalPlan; region?: Region }) {
  const { config, store, logger, clock } = options;
  // Without EXPORT_LINK_SECRET links are signed with a secret that dies with the process (README).
  const secret = config.EXPORT_LINK_SECRET ?? randomBytes(32);
  // Without PUBLIC_BASE_URL the links point at where the server really listens (PORT=0 picks a port).
  let listeningUrl: string | null = null;
  const baseUrl = () => (config.PUBLIC_BASE_URL || !listeningUrl ? config.publicBaseUrl : listeningUrl);
  const signer = createLinkSigner({ secret, baseUrl, clock, ttlMs: DEFAULT_LINK_TTL_MS });
  const links: ExportLinks = {
    meetingsCalendar: (groupId) => signer.url(meetingsCalendarPath(groupId)),
    actionPlan: (groupId, year, format) => signer.url(actionPlanPath(groupId, year, format)),
    assignment: (assignmentId, format) => signer.url(assignmentPath(assignmentId, format)),
    finalReport: (finalReportId) => signer.url(finalReportPath(finalReportId)),
    file: (groupId, what, subject, format) => signer.url(exportFilePath(groupId, what, subject, format)),
    regionalRollup: (tenant, year) => signer.url(regionalRollupPath(tenant, year)),
    personalData: (requestId) => signer.url(personalDataPath(requestId), PERSONAL_DATA_LINK_TTL_MS),
  };
  const router = Router();
  // Browsers must take a download for what its Content-Type says, never sniff it into HTML or script (a
  // CSV or .md with typed text in it, a refusal page): on every answer under /exports, errors included.
  router.use('/exports', (_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.use(createExportRoutes({ store, signer, logger, locale: config.BOT_LOCALE }));
  router.use(createPlanDocumentRoutes({ store, signer, logger, locale: config.BOT_LOCALE, regionalPlan: options.regionalPlan }));
  router.use(createFinalReportRoutes({ store, signer, logger, locale: config.BOT_LOCALE }));
  router.use(createFileRoutes({ store, signer, logger, locale: config.BOT_LOCALE, clock, regionalPlan: options.regionalPlan }));
  router.use(createRegionalRoutes({ store, signer, logger, clock, locale: config.BOT_LOCALE, timeZone: config.BOT_TIMEZONE, regionalPlan: options.regionalPlan, region: options.region }));
  return {
    links,
    router,
    listeningAt(url: string) {
      listeningUrl = url;
    },
  };
}
