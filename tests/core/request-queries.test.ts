// Every request starts by finding the channel's group and the member who asks: each store read costs
// about a millisecond of Prisma CPU time (bench/latency.ts), so the group comes in one read, not two.
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { findGroup } from '../../src/core/use-cases/context.js';
import { createInMemoryStore } from '../support/in-memory-store.js';
import { countingReads } from '../support/counting-store.js';
import { fixedClock } from '../support/fixed-clock.js';
import { actor, slackChannel } from '../support/events.js';

describe('the reads a request starts with', () => {
  it('find the group of a channel in one read', async () => {
    const clock = fixedClock('2026-11-25T09:00:00Z');
    const store = createInMemoryStore(clock.now);
    const defaults = { locale: 'sv' as const, timeZone: 'Europe/Stockholm' };
    await createBot({ store, clock, defaults }).handle({ type: 'bot-added', channel: slackChannel(), actor: actor() });
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
});
