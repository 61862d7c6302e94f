// HTTP downloads of exported files, each behind a signed, expiring link (signed-links.ts).
import { Router } from 'express';
import type { Store } from '../core/ports.js';
import type { Locale } from '../core/domain.js';
import { catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { meetingsCalendar } from './meetings-ics.js';
import type { LinkSigner } from './signed-links.js';
import { refuseLink } from './link-refusal.js';

export function meetingsCalendarPath(groupId: string): string {
  return `/exports/meetings/${encodeURIComponent(groupId)}.ics`;
}

export function createExportRoutes(options: { store: Store; signer: LinkSigner; logger: Logger; locale: Locale }): Router {
  const { store, signer, logger } = options;
  const router = Router();
  const t = catalog(options.locale);

  router.get('/exports/meetings/:file', async (req, res) => {
    const file = req.params.file;
    const groupId = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const check = groupId ? signer.verify(meetingsCalendarPath(groupId), req.query) : 'invalid';
    res.set('Cache-Control', 'private, no-store');
    if (check !== 'ok') {
      logger.info({ check }, 'exports: refused a calendar link');
      refuseLink(res, t, 'calendar', check);
      return;
    }
    try {
      const group = await store.groups.get(groupId);
      if (!group) {
        refuseLink(res, t, 'calendar', 'missing');
        return;
      }
      const meetings = (await store.meetings.list({ groupId })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      res
        .status(200)
        .type('text/calendar; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="samverkan-meetings.ics"')
        .send(await meetingsCalendar(group, meetings));
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the meetings calendar');
      res.status(500).type('text/plain; charset=utf-8').send(t.errors.generic);
    }
  });
  return router;
}
