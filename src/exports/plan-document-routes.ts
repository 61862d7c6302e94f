// Downloads of the local action plan and of an uppdragshandling, .docx or Markdown, behind signed links.
import { Router, type Response } from 'express';
import type { Store } from '../core/ports.js';
import type { Locale } from '../core/domain.js';
import type { RegionalPlan } from '../core/regional-plan.js';
import { loadActionPlanDocument, loadAssignmentDocument, type PlanDocument } from '../core/use-cases/plan-documents.js';
import { catalog, type Catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { LinkSigner } from './signed-links.js';
import { toDocx, toMarkdown } from './plan-document.js';
import { refuseLink } from './link-refusal.js';

export type DocumentFormat = 'docx' | 'md';

export const actionPlanPath = (groupId: string, year: number, format: DocumentFormat) =>
  `/exports/plans/${encodeURIComponent(groupId)}/${year}.${format}`;
export const assignmentPath = (assignmentId: string, format: DocumentFormat) => `/exports/assignments/${encodeURIComponent(assignmentId)}.${format}`;

const FILE = /^([^.]+)\.(docx|md)$/;

async function send(res: Response, document: PlanDocument, format: DocumentFormat, name: string): Promise<void> {
  if (format === 'md') {
    res.status(200).type('text/markdown; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}.md"`).send(toMarkdown(document));
    return;
  }
  res
    .status(200)
    .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .set('Content-Disposition', `attachment; filename="${name}.docx"`)
    .send(await toDocx(document));
}

export function createPlanDocumentRoutes(options: { store: Store; signer: LinkSigner; logger: Logger; locale: Locale; regionalPlan?: RegionalPlan }): Router {
  const { store, signer, logger, regionalPlan } = options;
  const router = Router();
  const fallback = catalog(options.locale);
  const groupCatalog = (group: { locale: Locale }): Catalog => catalog(group.locale);

  router.get('/exports/plans/:groupId/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const match = FILE.exec(req.params.file);
    const year = match ? Number(match[1]) : NaN;
    const format = match?.[2] as DocumentFormat | undefined;
    const check = format && Number.isInteger(year) ? signer.verify(actionPlanPath(req.params.groupId, year, format), req.query) : 'invalid';
    if (!format || check !== 'ok') return void refuseLink(res, fallback, 'plan', check === 'ok' ? 'invalid' : check);
    try {
      const group = await store.groups.get(req.params.groupId);
      const document = group ? await loadActionPlanDocument(store, group, year, regionalPlan, groupCatalog(group)) : null;
      if (!document) return void refuseLink(res, fallback, 'plan', 'missing');
      await send(res, document, format, `lokal-handlingsplan-${year}`);
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the action plan document');
      res.status(500).type('text/plain; charset=utf-8').send(fallback.errors.generic);
    }
  });

  router.get('/exports/assignments/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const match = FILE.exec(req.params.file);
    const format = match?.[2] as DocumentFormat | undefined;
    const check = match && format ? signer.verify(assignmentPath(match[1]!, format), req.query) : 'invalid';
    if (!match || !format || check !== 'ok') return void refuseLink(res, fallback, 'assignment', check === 'ok' ? 'invalid' : check);
    try {
      const document = await loadAssignmentDocument(store, match[1]!, regionalPlan, groupCatalog);
      if (!document) return void refuseLink(res, fallback, 'assignment', 'missing');
      await send(res, document, format, 'uppdragshandling');
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the assignment document');
      res.status(500).type('text/plain; charset=utf-8').send(fallback.errors.generic);
    }
  });
  return router;
}
