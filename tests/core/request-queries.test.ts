// Every request starts by finding the channel's group and the member who asks: each store call is CPU
// time on every request (bench/latency.ts), so both come in one read, and a report submit in five calls.
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { findGroup } from '../../src/core/use-cases/context.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { countingReads } from '../support/counting-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../support/report-fixtures.js';
import { testRegion } from '../support/test-region.js';

describe('the reads a request starts with', () => {
  it('find the group of a channel in one read', async () => {
    const clock = fixedClock('2026-11-25T09:00:00Z');
    const store = createInMemoryStore(clock.now);
    const defaults = { locale: 'sv' as const, timeZone: 'Europe/Stockholm' };
    await createBot({ region: testRegion(), store, clock, defaults }).handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const counting = countingReads(store);
    const deps = { store: counting.store, clock, defaults };

    const group = await findGroup(deps, slackChannel());
    expect(group?.name).toBeTruthy();
    expect(counting.reads()).toBe(1);
    expect(await findGroup(deps, slackChannel({ channelId: 'C_UNKNOWN' }))).toBeNull();

    // "hjälp" in a registered channel: the group (for its language) and nothing else.
    const before = counting.reads();
    const reply = await createBot(deps).handle({ type: 'command', command: null, text: 'hjälp', channel: slackChannel(), actor: actor() });
    expect(reply.kind).toBe('card');
    expect(counting.reads() - before).toBe(1);
  });

  it('store a report with five store calls: where and who asks, what is reported on, then the report and its draft in one transaction', async () => {
    const clock = fixedClock('2026-11-25T09:00:00Z');
    const store = createInMemoryStore(clock.now);
    const defaults = { locale: 'sv' as const, timeZone: 'Europe/Stockholm' };
    await createBot({ region: testRegion(), store, clock, defaults }).handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
    const [group] = await store.groups.list();
    const cilla = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
    const convener = await addMember(store, group!.id, { userId: cilla.userId, displayName: cilla.displayName, roles: ['sammankallande'] });
    const { assignment } = await addAssignment(store, group!.id, { convener });
    const counting = countingReads(store);
    const values = { assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report', ...VALID_PROGRESS };

    const reply = await createBot({ region: testRegion(), store: counting.store, clock, defaults }).handle({ type: 'form-submitted', form: 'progress-report', values, channel: slackChannel(), actor: cilla });
    expect(reply).toMatchObject({ kind: 'card', card: 'report-view' });
    expect(counting.calls()).toEqual([
      'channels.findGroupAndMember',
      'assignments.get',
      'implementationPlans.list',
      'progressReports.create',
      'formDrafts.deleteWhere',
    ]);
  });
});
