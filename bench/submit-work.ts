// Where a report submit's CPU goes, measured in one process so that no HTTP, no framework and no other
// process is in the figure: the use case on the real store (a migrated SQLite file), each store call it
// makes, and the answer as each platform gets it. run.ts starts this as a child with the node options of
// `npm start` and prints the result next to the latency table: the p50 target leaves the bot 0.3 × the
// bare framework's time for all of its own work, and this says what that work costs.
import { renderCard } from '../src/cards/render-card.js';
import { fallbackText, toMessageBlocks } from '../src/cards/block-kit-translator.js';
import { createBot } from '../src/core/bot.js';
import { systemClock, type Store } from '../src/core/ports.js';
import { openTempSqliteStore } from '../tests/support/app-on-sqlite.js';
import { countingReads } from '../tests/support/counting-store.js';
import { actor, slackChannel } from '../tests/support/events.js';
import { addAssignment, addMember, VALID_PROGRESS } from '../tests/support/report-fixtures.js';
import { median } from './stats.js';

export interface SubmitWork {
  submits: number;
  batches: number;
  /** CPU ms per submit of the whole use case (bot.handle), store calls included; every figure is a median of batch means. */
  useCaseMs: number;
  /**
   * ms per submit of each store call the use case made, in the order it made them: elapsed time, which
   * in this otherwise idle process is the call's CPU time (reading CPU time per call would cost more than
   * some of the calls).
   */
  storeCalls: { call: string; ms: number }[];
  /** Template → Adaptive Card (what Teams gets). */
  cardMs: number;
  /** Adaptive Card → Block Kit message body (what Slack gets). */
  slackBodyMs: number;
}

const WARM_UP = 200;
// The median of batch means: a stray pause on this shared machine moves one batch, not the figure.
const BATCHES = 5;
const PER_BATCH = 200;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** CPU ms per run of `work`: the median of BATCHES batch means, after WARM_UP unmeasured runs. */
async function medianOfBatches(work: () => unknown, hooks: { beforeBatch?: () => void; afterBatch?: () => void } = {}): Promise<number> {
  for (let i = 0; i < WARM_UP; i += 1) await work();
  const means: number[] = [];
  for (let batch = 0; batch < BATCHES; batch += 1) {
    hooks.beforeBatch?.();
    const started = cpuMs();
    for (let i = 0; i < PER_BATCH; i += 1) await work();
    means.push((cpuMs() - started) / PER_BATCH);
    hooks.afterBatch?.();
  }
  return median(means);
}

/**
 * The store, with the time of every top-level call added to `spent` under "repository.method"; a
 * transaction counts as one call, named after the calls inside it.
 */
function timedStore(store: Store, spent: Map<string, number>): Store {
  const add = (name: string, ms: number) => spent.set(name, (spent.get(name) ?? 0) + ms);
  return new Proxy(store, {
    get(target, property) {
      // The store itself as receiver: its getters read its own (symbol-keyed) state, not through this proxy.
      const member = Reflect.get(target, property) as unknown;
      if (property === 'transaction') {
        return async <R>(fn: (tx: Store) => Promise<R>) => {
          let inner = (): string[] => [];
          const started = performance.now();
          try {
            return await target.transaction((tx) => {
              const counting = countingReads(tx);
              inner = counting.calls;
              return fn(counting.store);
            });
          } finally {
            add(`transaction: ${inner().join(' + ')}`, performance.now() - started);
          }
        };
      }
      if (typeof property === 'symbol' || typeof member !== 'object' || member === null) return member;
      return new Proxy(member, {
        get(repository, name, innerReceiver) {
          const method = Reflect.get(repository, name, innerReceiver) as unknown;
          if (typeof method !== 'function') return method;
          return async (...args: unknown[]) => {
            const started = performance.now();
            try {
              return await (method as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
            } finally {
              add(`${String(property)}.${String(name)}`, performance.now() - started);
            }
          };
        },
      });
    },
  });
}

export async function measureSubmitWork(): Promise<SubmitWork> {
  const database = await openTempSqliteStore('bench-submit-work');
  try {
    const defaults = { locale: 'sv' as const, timeZone: 'Europe/Stockholm' };
    const channel = slackChannel();
    await createBot({ store: database.store, clock: systemClock, defaults }).handle({ type: 'bot-added', channel, actor: actor() });
    const [group] = await database.store.groups.list();
    const convener = actor({ userId: 'U_CILLA', displayName: 'Cilla Sammankallande' });
    const member = await addMember(database.store, group!.id, { userId: convener.userId, displayName: convener.displayName, roles: ['sammankallande'] });
    const { assignment } = await addAssignment(database.store, group!.id, { convener: member });
    const values = { assignmentId: assignment.id, correctsReportId: '', draftForm: 'progress-report', ...VALID_PROGRESS };

    const spent = new Map<string, number>();
    const submitTo = (bot: ReturnType<typeof createBot>) => () => bot.handle({ type: 'form-submitted', form: 'progress-report', values, channel, actor: convener });
    // The whole use case on the store as the bot has it; then again through the timing proxy, for the split.
    const submit = submitTo(createBot({ store: database.store, clock: systemClock, defaults }));
    const timedSubmit = submitTo(createBot({ store: timedStore(database.store, spent), clock: systemClock, defaults }));
    const useCaseMs = await medianOfBatches(submit);
    const perCall = new Map<string, number[]>();
    await medianOfBatches(timedSubmit, {
      beforeBatch: () => spent.clear(),
      afterBatch: () => spent.forEach((total, call) => perCall.set(call, [...(perCall.get(call) ?? []), total / PER_BATCH])),
    });
    const reply = await submit();
    if (reply.kind !== 'card') throw new Error(`submit-work: the submit was not accepted (${reply.kind})`);

    const { card, data } = reply;
    const cardMs = await medianOfBatches(() => JSON.stringify(renderCard(card, data)));
    const expanded = renderCard(card, data);
    const slackBodyMs = await medianOfBatches(() => JSON.stringify({ channel: 'C111', text: fallbackText(expanded), blocks: toMessageBlocks(expanded) }));
    return {
      submits: BATCHES * PER_BATCH,
      batches: BATCHES,
      useCaseMs,
      storeCalls: [...perCall].map(([call, means]) => ({ call, ms: median(means) })),
      cardMs,
      slackBodyMs,
    };
  } finally {
    await database.close();
  }
}

// As a child of run.ts: one JSON line on stdout.
if (process.argv[1] === import.meta.filename) {
  process.stdout.write(`${JSON.stringify(await measureSubmitWork())}\n`);
}
