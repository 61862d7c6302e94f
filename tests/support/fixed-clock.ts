import type { Clock } from '../../src/core/ports.js';

/** A clock that only moves when a test moves it. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set(next: string) {
      current = new Date(next);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}
