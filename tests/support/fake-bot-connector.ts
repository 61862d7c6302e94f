// A local stand-in for the Bot Connector service (the `serviceUrl` of a Teams activity). The bot posts its
// replies here exactly as it would to Teams, and tests read what a user would have seen.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './fake-rate-limits.js';
import { unescapeMarkdown } from '../../src/cards/card-markdown.js';

export interface PostedActivity {
  /** Decoded conversation id from the URL. */
  conversationId: string;
  /** Set for POST …/activities/:replyToId (a reply to a given message). */
  replyToId: string | null;
  /** The id the fake answered with. */
  id: string;
  authorization: string | null;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: unknown }[] };
}

/** Every POST of an activity, answered or failed, with when it arrived (see startFakeBotConnector's `now`). */
export interface ConnectorAttempt {
  conversationId: string;
  status: number;
  at: number;
}

export interface FailureSpec {
  status: 401 | 403 | 404 | 429 | 500 | 502 | 503;
  /** How many of the next posts fail; the rest succeed again. */
  times?: number;
  retryAfterSeconds?: number;
}

/** A roster entry as the connector returns it (GET …/members/:userId), e.g. for TeamsInfo.getMember. */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId?: string;
  [property: string]: unknown;
}

export interface FakeBotConnector {
  /** Ends with a slash, as Teams' serviceUrl does. */
  serviceUrl: string;
  posts: PostedActivity[];
  /** Messages replaced in place (PUT …/activities/{id}, the bot's updateActivity), oldest first. */
  updates: { conversationId: string; activityId: string; activity: PostedActivity['activity'] }[];
  /** Every activity POST in arrival order, including the failed ones. */
  attempts: ConnectorAttempt[];
  /** Requests the fake does not implement (method and path), so a test can assert there were none. */
  unhandled: string[];
  /**
   * Bodies of POST /v3/conversations (a personal chat the bot opened) the fake accepted; each is answered
   * with the person's one personal conversation id (personalConversationId), as Teams answers with the
   * existing chat. Members whose id is not a Teams `29:` id get 500 UserNotFound, as the Agents Playground
   * answers the Entra object id.
   */
  createdConversations: Record<string, unknown>[];
  /** The activities posted in one conversation, in order. */
  postsIn(conversationId: string): PostedActivity[];
  /** The limits on activity posts when started with `limits` (see fake-rate-limits.ts), else null. */
  limiter: RateLimiter | null;
  failNext(spec: FailureSpec): void;
  /** The next `times` activity posts (every one when `times` is not given; `ms` 0 clears it) are answered only after `ms`. */
  delay(ms: number, times?: number): void;
  /** Makes the person known to the roster of every conversation. */
  addMember(member: RosterMember): void;
  /** Clears posts, pending failures and unhandled requests; the roster stays. */
  clear(): void;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const MEMBER_PATH = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/;
const PAGED_MEMBERS_PATH = /^\/v3\/conversations\/([^/]+)\/pagedmembers\/?$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * `now`: the clock stamped on attempts (a test's fixed clock); real time by default. `rosterPageSize`:
 * people per page of GET …/pagedmembers, small by default so the continuation token is exercised.
 * `limits`: per-conversation and tenant-wide rate limits and random 429/500 on activity posts.
 */
export async function startFakeBotConnector(options: { now?: () => number; rosterPageSize?: number; limits?: RateLimitOptions } = {}): Promise<FakeBotConnector> {
  const now = options.now ?? Date.now;
  const limiter = options.limits ? createRateLimiter(options.limits) : null;
  const rosterPageSize = options.rosterPageSize ?? 2;
  const posts: PostedActivity[] = [];
  const updates: FakeBotConnector['updates'] = [];
  const attempts: ConnectorAttempt[] = [];
  const unhandled: string[] = [];
  const createdConversations: Record<string, unknown>[] = [];
  const roster = new Map<string, RosterMember>();
  let failures: Required<Pick<FailureSpec, 'status' | 'times'>> & { retryAfterSeconds?: number } = { status: 500, times: 0 };
  let counter = 0;
  let slow = { ms: 0, times: Number.POSITIVE_INFINITY };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      const match = ACTIVITY_PATH.exec(path);
      const body = await readBody(req);
      const member = MEMBER_PATH.exec(path);
      if (req.method === 'GET' && PAGED_MEMBERS_PATH.test(path)) {
        // The roster API: pages of members with a continuation token while more remain.
        const everyone = [...roster.values()].map((found) => ({ ...found, objectId: found.aadObjectId }));
        const start = Number(url.searchParams.get('continuationToken') ?? '0');
        const end = start + Math.min(Number(url.searchParams.get('pageSize') ?? '500'), rosterPageSize);
        answer(res, 200, { members: everyone.slice(start, end), ...(end < everyone.length ? { continuationToken: String(end) } : {}) });
        return;
      }
      if (req.method === 'GET' && member) {
        const found = roster.get(decodeURIComponent(member[2]!));
        if (found) answer(res, 200, { ...found, objectId: found.aadObjectId });
        else answer(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'fake connector: unknown member' } });
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
        const parameters = JSON.parse(body) as { members?: { id?: unknown }[] } & Record<string, unknown>;
        const userId = parameters.members?.[0]?.id;
        if (typeof userId !== 'string' || !userId.startsWith('29:')) {
          answer(res, 500, { error: { code: 'UserNotFound', message: 'User not found' } });
          return;
        }
        createdConversations.push(parameters);
        answer(res, 201, { id: personalConversationId(userId) });
        return;
      }
      if (req.method === 'PUT' && match?.[2]) {
        // updateActivity: the message `activityId` in the conversation replaced with the body.
        updates.push({ conversationId: decodeURIComponent(match[1]!), activityId: decodeURIComponent(match[2]), activity: JSON.parse(body) as PostedActivity['activity'] });
        answer(res, 200, { id: decodeURIComponent(match[2]) });
        return;
      }
      if (req.method !== 'POST' || !match) {
        unhandled.push(`${req.method} ${path}`);
        answer(res, 404, { error: { code: 'NotFound', message: `fake connector: ${req.method} ${path} not implemented` } });
        return;
      }
      const conversationId = decodeURIComponent(match[1]!);
      if (slow.ms > 0 && slow.times > 0) {
        slow.times -= 1;
        await new Promise((resolve) => setTimeout(resolve, slow.ms));
      }
      if (failures.times > 0) {
        failures.times -= 1;
        attempts.push({ conversationId, status: failures.status, at: now() });
        const headers: Record<string, string> = failures.retryAfterSeconds ? { 'retry-after': String(failures.retryAfterSeconds) } : {};
        const code = failures.status === 429 ? 'TooManyRequests' : failures.status < 500 ? 'Forbidden' : 'ServiceError';
        answer(res, failures.status, { error: { code, message: 'fake connector: failure on demand' } }, headers);
        return;
      }
      const limited = limiter?.check(conversationId, now());
      if (limited && limited.status !== 200) {
        attempts.push({ conversationId, status: limited.status, at: now() });
        const headers: Record<string, string> = limited.retryAfterSeconds ? { 'retry-after': String(limited.retryAfterSeconds) } : {};
        answer(res, limited.status, { error: { code: limited.status === 429 ? 'TooManyRequests' : 'ServiceError', message: `fake connector: ${limited.reason}` } }, headers);
        return;
      }
      counter += 1;
      attempts.push({ conversationId, status: 201, at: now() });
      const id = `fake-activity-${counter}`;
      posts.push({
        conversationId,
        replyToId: match[2] ? decodeURIComponent(match[2]) : null,
        id,
        authorization: req.headers.authorization ?? null,
        activity: JSON.parse(body) as PostedActivity['activity'],
      });
      // The real connector answers 201 with a ResourceResponse.
      answer(res, 201, { id });
    })().catch((error: unknown) => answer(res, 500, { error: { code: 'FakeConnectorBug', message: String(error) } }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posts,
    updates,
    attempts,
    unhandled,
    createdConversations,
    postsIn: (conversationId) => posts.filter((posted) => posted.conversationId === conversationId),
    limiter,
    failNext(spec) {
      failures = { status: spec.status, times: spec.times ?? 1, retryAfterSeconds: spec.retryAfterSeconds };
    },
    delay(ms, times = Number.POSITIVE_INFINITY) {
      slow = { ms, times };
    },
    addMember(member) {
      roster.set(member.id, member);
    },
    clear() {
      posts.length = 0;
      updates.length = 0;
      attempts.length = 0;
      unhandled.length = 0;
      createdConversations.length = 0;
      failures = { status: 500, times: 0 };
      slow = { ms: 0, times: Number.POSITIVE_INFINITY };
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The id of the bot's personal chat with the Teams user `userId` (29:…), shaped like Teams' `a:1…` ids. */
export function personalConversationId(userId: string): string {
  return `a:1${createHash('sha256').update(userId).digest('base64url').slice(0, 43)}`;
}

/** Every text a user would read in a posted message: its text and all TextBlock / FactSet / input texts of its cards. */
export function visibleTexts(activity: PostedActivity['activity'] | Record<string, unknown>): string[] {
  const texts: string[] = [];
  if (typeof activity.text === 'string' && activity.text) texts.push(activity.text);
  const attachments = (activity.attachments as { content?: unknown }[] | undefined) ?? [];
  for (const attachment of attachments) collectCardTexts(attachment.content, texts);
  return texts;
}

const TEXT_KEYS = ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'] as const;

/** Depth-first over an Adaptive Card: the strings a person sees, in reading order. */
export function collectCardTexts(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectCardTexts(item, into);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    // TextBlocks and facts are Markdown, escaped by renderCard: the reader sees the characters without the escapes.
    const shown = (text: string) => (record.type === 'TextBlock' || record.type === undefined ? unescapeMarkdown(text) : text);
    for (const key of TEXT_KEYS) if (typeof record[key] === 'string' && record[key]) into.push(shown(record[key] as string));
    for (const [key, value] of Object.entries(record)) if (typeof value === 'object') collectCardTexts(value, into);
  }
  return into;
}
