// Every download route (src/exports/) answers with X-Content-Type-Options: nosniff, files also as an
// attachment, so no browser ever renders an export (or a refusal) as a page.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import type { Group } from '../../src/core/domain.js';
import { createExports } from '../../src/exports/index.js';
import { createLogger } from '../../src/logger.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const store = createInMemoryStore(clock.now);
const exportsEdge = createExports({ config: loadConfig({ EXPORT_LINK_SECRET: 'x'.repeat(32) }), store, logger: createLogger('silent'), clock });
let server: ReturnType<ReturnType<typeof express>['listen']>;
let base = '';
let group: Group;

beforeAll(async () => {
  const bot = createBot({ store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  await bot.handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
  [group] = (await store.groups.list()) as [Group];
  const app = express();
  app.use(exportsEdge.router);
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  exportsEdge.listeningAt(base);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('download headers', () => {
  it('a file download is nosniff and an attachment', async () => {
    for (const url of [exportsEdge.links.meetingsCalendar(group.id), exportsEdge.links.file!(group.id, 'all-tables', 'alla', 'xlsx')]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    }
  });

  it('every route answers nosniff, refusals of unsigned links included', async () => {
    const paths = [
      `/exports/meetings/${group.id}.ics`,
      `/exports/plans/${group.id}/2026.docx`,
      `/exports/assignments/a1.md`,
      `/exports/final-reports/f1.docx`,
      `/exports/files/${group.id}/all-tables/alla.csv`,
      `/exports/regions/slack/T1/2026.xlsx`,
      `/exports/personal-data/r1.json`,
      `/exports/unknown`,
    ];
    for (const path of paths) {
      const response = await fetch(`${base}${path}?expires=1&signature=forged`);
      expect(response.status, path).toBeGreaterThanOrEqual(403);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
