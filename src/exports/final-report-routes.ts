// The slutrapport as .docx behind a signed link, for the kansli's archive and for mailing it on. The
// document itself is built in the core (finalReportDocument) and written by the action plan's .docx writer.
import { Router } from 'express';
import type { Locale } from '../core/domain.js';
import type { Store } from '../core/ports.js';
import { finalReportDocument } from '../core/use-cases/final-report.js';
import { catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { toDocx } from './plan-document.js';
import type { LinkSigner } from './signed-links.js';
import { refuseLink } from './link-refusal.js';

export const finalReportPath = (finalReportId: string) => `/exports/final-reports/${encodeURIComponent(finalReportId)}.docx`;

export function createFinalReportRoutes(options: { store: Store; signer: LinkSigner; logger: Logger; locale: Locale }): Router {
  const { store, signer, logger } = options;
  const router = Router();
  const fallback = catalog(options.locale);
  router.get('/exports/final-reports/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const id = req.params.file.endsWith('.docx') ? req.params.file.slice(0, -'.docx'.length) : '';
    const check = id ? signer.verify(finalReportPath(id), req.query) : 'invalid';
    if (check !== 'ok') return void refuseLink(res, fallback, 'finalReport', check);
    try {
      const report = await store.finalReports.get(id);
      const assignment = report ? await store.assignments.get(report.assignmentId) : null;
      const group = assignment ? await store.groups.get(assignment.groupId) : null;
      const t = catalog(group?.locale ?? options.locale);
      const document = group ? await finalReportDocument(store, t, id) : null;
      if (!document) return void refuseLink(res, fallback, 'finalReport', 'missing');
      res
        .status(200)
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .set('Content-Disposition', `attachment; filename="${t.reports.final.docx.fileName}.docx"`)
        .send(await toDocx(document));
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the final report document');
      res.status(500).type('text/plain; charset=utf-8').send(fallback.errors.generic);
    }
  });
  return router;
}
