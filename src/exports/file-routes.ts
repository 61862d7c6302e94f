// Downloads of the `exportera` files behind signed links (Teams opens them in the browser; Slack gets the
// same link when an upload fails). The path names the whole request, so the signature covers all of it.
import { Router } from 'express';
import type { Locale } from '../core/domain.js';
import { FILE_FORMATS, type FileFormat } from '../core/file-export.js';
import type { Clock, Store } from '../core/ports.js';
import type { RegionalPlan } from '../core/regional-plan.js';
import { buildExportFile, EXPORT_KINDS, type ExportKind } from '../core/use-cases/exports.js';
import { catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { renderFile } from './render-file.js';
import type { LinkSigner } from './signed-links.js';
import { refuseLink } from './link-refusal.js';

export const exportFilePath = (groupId: string, what: string, subject: string, format: FileFormat) =>
  `/exports/files/${encodeURIComponent(groupId)}/${what}/${encodeURIComponent(subject)}.${format}`;

const FILE = /^([^.]+)\.([a-z]+)$/;

/** RFC 6266: a plain ASCII name for old clients and the real (Swedish) one, UTF-8, for the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function createFileRoutes(options: { store: Store; signer: LinkSigner; logger: Logger; locale: Locale; clock: Clock; regionalPlan?: RegionalPlan }): Router {
  const { store, signer, logger, clock, regionalPlan } = options;
  const router = Router();
  const fallback = catalog(options.locale);
  router.get('/exports/files/:groupId/:what/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const { groupId, what } = req.params;
    const match = FILE.exec(req.params.file);
    const format = FILE_FORMATS.find((candidate) => candidate === match?.[2]);
    const kind = EXPORT_KINDS.find((candidate) => candidate === what) as ExportKind | undefined;
    const check = match && format && kind ? signer.verify(exportFilePath(groupId, kind, match[1]!, format), req.query) : 'invalid';
    if (!match || !format || !kind || check !== 'ok') {
      logger.info({ what, check }, 'exports: refused a file link');
      return void refuseLink(res, fallback, 'file', check === 'ok' ? 'invalid' : check);
    }
    try {
      const group = await store.groups.get(groupId);
      const file = group ? await buildExportFile({ store, regionalPlan, now: clock.now() }, group, catalog(group.locale), { what: kind, subject: match[1]!, format }) : null;
      if (!file) return void refuseLink(res, fallback, 'file', 'missing');
      res.status(200).set('Content-Type', file.mediaType).set('Content-Disposition', contentDisposition(file.fileName)).send(await renderFile(file, clock.now()));
    } catch (error) {
      logger.error({ err: error, what }, 'exports: could not build a file');
      res.status(500).type('text/plain; charset=utf-8').send(fallback.errors.generic);
    }
  });
  return router;
}
