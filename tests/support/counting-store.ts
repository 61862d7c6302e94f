// A Store that counts the reads it is asked for: tests of how many queries a path makes (each costs about
// a millisecond of Prisma CPU time: bench/latency.ts, bench/fan-out.ts).
import type { Store } from '../../src/core/ports.js';

/** Counts every read the store is asked for (list, listIn, get, find…), whatever the repository. */
export function countingReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const repository = Reflect.get(target, property, receiver) as unknown;
      if (typeof repository !== 'object' || repository === null) return repository;
      return new Proxy(repository, {
        get(inner, name, innerReceiver) {
          const value = Reflect.get(inner, name, innerReceiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (/^(list|get|find)/.test(String(name))) reads += 1;
            return (value as (...a: unknown[]) => unknown).apply(inner, args);
          };
        },
      });
    },
  });
  return { store: wrapped, reads: () => reads };
}
