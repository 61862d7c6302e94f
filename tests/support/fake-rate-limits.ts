// Optional platform limits for the fake Slack Web API and the fake Bot Connector: a minimum interval per
// channel (Slack and Teams both allow about one post per second per conversation in bursts), a
// workspace-/tenant-wide cap per second, and random 429 (with Retry-After) and 500 answers. Off unless a
// test or the benchmark (bench/fan-out.ts) asks for them. Every wait the fake demands is recorded, so a
// caller can compute the time the limits made unavoidable (the pacing floor).

export interface RateLimitOptions {
  /** Minimum time between two accepted posts to one channel; a post earlier gets 429 with Retry-After. */
  perChannelIntervalMs?: number;
  /** Accepted posts per second across the whole workspace (Slack) or tenant (Teams), sliding 1 s window. */
  workspacePerSecond?: number;
  /** Probability that a post within the limits is answered 429 anyway (e.g. a platform-side burst limit). */
  random429?: number;
  /** Probability that a post within the limits is answered 500. */
  random500?: number;
  /** Retry-After range in whole seconds for the random 429s, inclusive; [1, 3] by default. */
  retryAfterSeconds?: [number, number];
  /** Source of randomness in [0, 1); seed it for repeatable runs. */
  random?: () => number;
}

export type LimitReason = 'channel-interval' | 'workspace-rate' | 'random-429' | 'random-500';

/** One answer other than success: when, where, why, and the Retry-After it demanded (ms; 0 for a 500). */
export interface LimitDemand {
  channel: string;
  at: number;
  status: 429 | 500;
  reason: LimitReason;
  retryAfterMs: number;
}

export type LimitVerdict = { status: 200 } | { status: 429 | 500; retryAfterSeconds?: number; reason: LimitReason };

export interface RateLimiter {
  /** Decides the answer to a post to `channel` at `now`; an accepted post counts against the limits. */
  check(channel: string, now: number): LimitVerdict;
  demands: LimitDemand[];
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const random = options.random ?? Math.random;
  const [minRetry, maxRetry] = options.retryAfterSeconds ?? [1, 3];
  const lastAccepted = new Map<string, number>();
  const window: number[] = [];
  const demands: LimitDemand[] = [];
  const refuse = (channel: string, now: number, status: 429 | 500, reason: LimitReason, retryAfterSeconds?: number): LimitVerdict => {
    demands.push({ channel, at: now, status, reason, retryAfterMs: (retryAfterSeconds ?? 0) * 1000 });
    return { status, reason, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  };
  return {
    demands,
    check(channel, now) {
      const interval = options.perChannelIntervalMs ?? 0;
      const last = lastAccepted.get(channel);
      if (interval > 0 && last !== undefined && now - last < interval) {
        return refuse(channel, now, 429, 'channel-interval', Math.max(1, Math.ceil((last + interval - now) / 1000)));
      }
      while (window.length > 0 && window[0]! <= now - 1000) window.shift();
      if (options.workspacePerSecond && window.length >= options.workspacePerSecond) {
        return refuse(channel, now, 429, 'workspace-rate', Math.max(1, Math.ceil((window[0]! + 1000 - now) / 1000)));
      }
      const roll = random();
      if (roll < (options.random429 ?? 0)) {
        return refuse(channel, now, 429, 'random-429', minRetry + Math.floor(random() * (maxRetry - minRetry + 1)));
      }
      if (roll < (options.random429 ?? 0) + (options.random500 ?? 0)) return refuse(channel, now, 500, 'random-500');
      lastAccepted.set(channel, now);
      window.push(now);
      return { status: 200 };
    },
  };
}

/** A small seeded generator (mulberry32), so two runs inject the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
