// A Store that counts what it is asked for: tests of how many queries a path makes (each is CPU time on
// every request: bench/latency.ts, bench/fan-out.ts).
import type { Store } from '../../src/core/ports.js';

/**
 * Counts what the store is asked for, inside transactions too: `reads` (list, listIn, get, find…) and
 * `calls` (every repository call, writes included, as "repository.method").
 */
export function countingReads(store: Store): { store: Store; reads: () => number; calls: () => string[] } {
  const calls: string[] = [];
  const wrap = (target: Store): Store =>
    new Proxy(target, {
      get(outer, property) {
        // The store itself as receiver: its getters read its own (symbol-keyed) state, not through this proxy.
        const repository = Reflect.get(outer, property) as unknown;
        if (property === 'transaction') {
          return <R>(fn: (tx: Store) => Promise<R>) => outer.transaction((tx) => fn(wrap(tx)));
        }
        if (typeof property === 'symbol' || typeof repository !== 'object' || repository === null) return repository;
        return new Proxy(repository, {
          get(inner, name, innerReceiver) {
            const value = Reflect.get(inner, name, innerReceiver) as unknown;
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              calls.push(`${String(property)}.${String(name)}`);
              return (value as (...a: unknown[]) => unknown).apply(inner, args);
            };
          },
        });
      },
    });
  return { store: wrap(store), reads: () => calls.filter((call) => /\.(list|get|find)/.test(call)).length, calls: () => [...calls] };
}
