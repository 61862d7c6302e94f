// The kansli's downloads behind signed links: the regional roll-up as .xlsx and a data-rights export of one
// person as JSON. Both are built when the link is opened, so they show the state of that moment.
import { Router, type Response } from 'express';
import { DateTime } from 'luxon';
import type { Locale, Platform } from '../core/domain.js';
import type { Store, Clock } from '../core/ports.js';
import type { RegionalPlan } from '../core/regional-plan.js';
import { buildRegionalRollup, type RegionalRollup } from '../core/use-cases/regional-rollup.js';
import { personalDataExport } from '../core/use-cases/data-rights.js';
import { catalog, type Catalog } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { LinkSigner } from './signed-links.js';
import { toXlsx, type Sheet } from './spreadsheet.js';

export const regionalRollupPath = (tenant: { platform: Platform; tenantId: string }, year: number) =>
  `/exports/regions/${tenant.platform}/${encodeURIComponent(tenant.tenantId)}/${year}.xlsx`;
export const personalDataPath = (requestId: string) => `/exports/personal-data/${encodeURIComponent(requestId)}.json`;

/** The roll-up as worksheets: one row per group, focus area, activity, missing report and closed assignment. */
export function rollupSheets(rollup: RegionalRollup, t: Catalog): Sheet[] {
  const texts = t.regional.rollup;
  const c = texts.columns;
  const localDay = (date: Date) => DateTime.fromJSDate(date, { zone: rollup.timeZone }).toISODate() ?? '';
  return [
    {
      name: texts.sheets.groups,
      columns: [
        { key: 'group', header: c.group, width: 36 },
        { key: 'activities', header: c.activities },
        ...Object.entries(t.common.activityStatuses).map(([key, header]) => ({ key: `activity_${key}`, header })),
        { key: 'active', header: c.activeAssignments },
        { key: 'reported', header: c.reportedAssignments },
        { key: 'closed', header: c.closedAssignments },
        { key: 'missing', header: c.missingReports },
        { key: 'closedThisYear', header: c.closedThisYear },
      ],
      rows: rollup.groups.map((group) => ({
        group: group.name,
        activities: group.activities,
        ...Object.fromEntries(Object.entries(group.activityStatus).map(([key, count]) => [`activity_${key}`, count])),
        active: group.assignmentStatus.aktivt,
        reported: group.assignmentStatus.slutrapporterat,
        closed: group.assignmentStatus.avslutat,
        missing: group.missingReports,
        closedThisYear: group.closedThisYear,
      })),
    },
    {
      name: texts.sheets.focusAreas,
      columns: [
        { key: 'code', header: c.focusAreaCode },
        { key: 'name', header: c.focusAreaName, width: 40 },
        ...Object.entries(t.common.targetGroups).map(([key, header]) => ({ key, header })),
        { key: 'total', header: c.total },
      ],
      rows: rollup.focusAreas.map((area) => ({ code: area.code, name: area.name, ...area.counts, total: area.total })),
    },
    {
      name: texts.sheets.activities,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'focusAreaCode', header: c.focusAreaCode },
        { key: 'goalCode', header: c.goalCode },
        { key: 'goalName', header: c.goalName, width: 40 },
        { key: 'targetGroup', header: c.targetGroup, width: 24 },
        { key: 'title', header: c.title, width: 40 },
        { key: 'status', header: c.status },
        { key: 'startDate', header: c.startDate },
        { key: 'endDate', header: c.endDate },
      ],
      rows: rollup.activities.map((activity) => ({
        group: activity.group,
        focusAreaCode: activity.focusAreaCode,
        goalCode: activity.goalCode,
        goalName: activity.goalName,
        targetGroup: t.common.targetGroups[activity.targetGroup],
        title: activity.title,
        status: t.common.activityStatuses[activity.status],
        startDate: localDay(activity.startDate),
        endDate: localDay(activity.endDate),
      })),
    },
    {
      name: texts.sheets.missing,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'assignment', header: c.assignment, width: 40 },
        { key: 'missing', header: c.missing, width: 60 },
      ],
      rows: rollup.missingReports.map((missing) => ({ group: missing.group, assignment: missing.assignment, missing: missing.text })),
    },
    {
      name: texts.sheets.closed,
      columns: [
        { key: 'group', header: c.group, width: 30 },
        { key: 'title', header: c.assignment, width: 40 },
        { key: 'closedAt', header: c.closedAt },
        { key: 'goalMet', header: c.goalMet },
        { key: 'addedValue', header: c.addedValue, width: 60 },
      ],
      rows: rollup.closed.map((closed) => ({
        group: closed.group,
        title: closed.title,
        closedAt: localDay(closed.closedAt),
        goalMet: t.reports.final.goalMetAnswers[closed.goalMet],
        addedValue: closed.addedValue,
      })),
    },
  ];
}

export interface RegionalRoutesOptions {
  store: Store;
  signer: LinkSigner;
  logger: Logger;
  clock: Clock;
  locale: Locale;
  timeZone: string;
  regionalPlan?: RegionalPlan;
}

export function createRegionalRoutes(options: RegionalRoutesOptions): Router {
  const { store, signer, logger, clock } = options;
  const t = catalog(options.locale);
  const router = Router();
  const refuse = (res: Response, status: number) => res.status(status).type('text/plain; charset=utf-8').send(t.meetings.calendarLinkInvalid);
  const PLATFORMS: readonly string[] = ['teams', 'slack'];

  router.get('/exports/regions/:platform/:tenantId/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const match = /^(\d{4})\.xlsx$/.exec(req.params.file);
    const platform = req.params.platform as Platform;
    if (!match || !PLATFORMS.includes(platform)) return void refuse(res, 403);
    const tenant = { platform, tenantId: req.params.tenantId };
    const year = Number(match[1]);
    if (signer.verify(regionalRollupPath(tenant, year), req.query) !== 'ok') return void refuse(res, 403);
    try {
      const now = clock.now();
      const rollup = await buildRegionalRollup(store, tenant, year, now, t, { regionalPlan: options.regionalPlan, timeZone: options.timeZone });
      res
        .status(200)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('Content-Disposition', `attachment; filename="${t.regional.rollup.fileName}-${year}.xlsx"`)
        .send(await toXlsx(rollupSheets(rollup, t), { now }));
    } catch (error) {
      logger.error({ err: error }, 'exports: could not build the regional roll-up');
      res.status(500).type('text/plain; charset=utf-8').send(t.errors.generic);
    }
  });

  router.get('/exports/personal-data/:file', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    const id = req.params.file.endsWith('.json') ? req.params.file.slice(0, -'.json'.length) : '';
    if (!id || signer.verify(personalDataPath(id), req.query) !== 'ok') return void refuse(res, 403);
    try {
      const found = await personalDataExport(store, id);
      if (!found) return void refuse(res, 404);
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
