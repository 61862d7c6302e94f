// The slutrapport download: a signed link gives a real .docx (a zip with the Word document holding the
// answers), an unsigned or foreign link is refused.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createFinalReportRoutes, finalReportPath } from '../../src/exports/final-report-routes.js';
import { createLinkSigner } from '../../src/exports/signed-links.js';
import { createLogger } from '../../src/logger.js';
import { actor, slackChannel } from '../support/events.js';
import { fixedClock } from '../support/fixed-clock.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { addAssignment, addMember, VALID_FINAL } from '../support/report-fixtures.js';
import { documentXml } from '../support/read-docx.js';
import { testRegion } from '../support/test-region.js';

const clock = fixedClock('2026-11-25T09:00:00Z');
const store = createInMemoryStore(clock.now);
let base = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;
let finalReportId = '';
const signer = createLinkSigner({ secret: 'test-secret', baseUrl: () => base, clock, ttlMs: 60_000 });

beforeAll(async () => {
  const bot = createBot({ region: testRegion(), store, clock, defaults: { locale: 'sv', timeZone: 'Europe/Stockholm' } });
  const channel = slackChannel();
  await bot.handle({ type: 'bot-added', channel, actor: actor() });
  const [group] = await store.groups.list();
  const convener = await addMember(store, group!.id, { userId: 'U_CILLA', displayName: 'Cilla Sammankallande', roles: ['sammankallande'] });
  const { assignment } = await addAssignment(store, group!.id, { convener });
  await bot.handle({ type: 'form-submitted', form: 'final-report', values: { assignmentId: assignment.id, ...VALID_FINAL }, channel, actor: actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' }) });
  finalReportId = (await store.finalReports.list())[0]!.id;
  const app = express();
  app.use(createFinalReportRoutes({ store, signer, logger: createLogger('silent'), locale: 'sv' }));
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('slutrapport as .docx', () => {
  it('serves the signed link as a Word document with every answer', async () => {
    const response = await fetch(signer.url(finalReportPath(finalReportId)));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="slutrapport.docx"');
    const xml = documentXml(Buffer.from(await response.arrayBuffer()));
    for (const text of ['Slutrapport: SIP-rutin för barn och unga', 'Vilket mervärde har skapats?', VALID_FINAL.addedValue, 'Delvis', 'Inte godkänd ännu']) {
      expect(xml).toContain(text);
    }
  });

  it('refuses an unsigned link and a link signed for another report', async () => {
    expect((await fetch(`${base}${finalReportPath(finalReportId)}`)).status).toBe(403);
    const other = new URL(signer.url(finalReportPath('another-report')));
    expect((await fetch(`${base}${finalReportPath(finalReportId)}${other.search}`)).status).toBe(403);
    expect((await fetch(signer.url(finalReportPath('no-such-report')))).status).toBe(404);
  });
});
