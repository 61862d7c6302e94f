// Names Slack does not put in every payload: people's display names and channel names.
// Cached, because every interaction needs the actor's name and users.info/conversations.info are
// rate limited per workspace; a failed look-up falls back instead of failing the interaction.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const TTL_MS = 10 * 60 * 1000;

interface Cached {
  value: string | null;
  until: number;
}

export interface SlackDirectory {
  /** The name people see for a user: display name, else real name, else handle; `fallback` when unknown. */
  userName(client: webApi.WebClient, userId: string, fallback?: string): Promise<string>;
  /** The name userName found within the cache's lifetime, without asking Slack; null when there is none. */
  knownUserName(userId: string): string | null;
  /** The channel's name, or null for conversations without one (DMs) or when Slack does not answer. */
  channelName(client: webApi.WebClient, channelId: string): Promise<string | null>;
}

export function createSlackDirectory(logger: Logger, now: () => number = Date.now): SlackDirectory {
  const cache = new Map<string, Cached>();
  // Look-ups under way: a second asker (the answer's refresh, the person's next click) shares the first.
  const pending = new Map<string, Promise<string | null>>();

  async function load(key: string, fetch: () => Promise<string | null>): Promise<string | null> {
    try {
      const value = await fetch();
      cache.set(key, { value, until: now() + TTL_MS });
      return value;
    } catch (error) {
      // Not cached: the next interaction tries again.
      logger.warn({ err: error, lookup: key.split(':')[0] }, 'slack: name look-up failed, using a fallback');
      return null;
    } finally {
      pending.delete(key);
    }
  }

  function cached(key: string, fetch: () => Promise<string | null>): Promise<string | null> {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return Promise.resolve(hit.value);
    const running = pending.get(key) ?? load(key, fetch);
    pending.set(key, running);
    return running;
  }

  return {
    async userName(client, userId, fallback) {
      const name = await cached(`user:${userId}`, async () => {
        const { user } = await client.users.info({ user: userId });
        const profile = user?.profile;
        return profile?.display_name?.trim() || profile?.real_name?.trim() || user?.real_name?.trim() || user?.name?.trim() || null;
      });
      return name ?? fallback ?? userId;
    },
    knownUserName(userId) {
      const hit = cache.get(`user:${userId}`);
      return hit && hit.until > now() ? hit.value : null;
    },
    async channelName(client, channelId) {
      return cached(`channel:${channelId}`, async () => {
        const { channel } = await client.conversations.info({ channel: channelId });
        return channel?.name?.trim() || null;
      });
    },
  };
}
