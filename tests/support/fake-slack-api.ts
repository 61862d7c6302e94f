// A local stand-in for the Slack Web API (https://slack.com/api/<method>) on 127.0.0.1. Point the app at
// it with SLACK_API_URL=<url>; it answers the methods the bot calls and records every call with its
// parsed body, so tests assert on what Slack would have shown people.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './fake-rate-limits.js';

export interface SlackApiCall {
  method: string;
  /** Form fields with JSON-valued ones (blocks, view, …) parsed, or the JSON body. */
  body: Record<string, unknown>;
  token: string | null;
  /** When it arrived (startFakeSlackApi's `now`: real time, or a test's fixed clock). */
  at: number;
  /** The HTTP status the fake answered with. */
  status: number;
  /** The JSON answer of a Web API method (set once answered; { ok: false, error } when it failed). */
  answer?: Record<string, unknown>;
}

/** An HTTP-level failure: 429 (with Retry-After) or a 5xx, for the next `times` calls of a method. */
export interface HttpFailureSpec {
  status: 429 | 500 | 502 | 503;
  times?: number;
  retryAfterSeconds?: number;
}

export interface FakeSlackUser {
  name: string;
  displayName: string;
  realName: string;
  isBot?: boolean;
  deleted?: boolean;
}

/** A file on its way through Slack's upload flow (files.getUploadURLExternal → POST → completeUploadExternal). */
export interface FakeSlackFile {
  id: string;
  filename: string;
  /** The length files.getUploadURLExternal was told. */
  length: number;
  /** What was POSTed to the upload URL (multipart's file part, or the raw body); null until then. */
  bytes: Buffer | null;
  /** Set by files.completeUploadExternal: the file is then shared in that channel. */
  channelId: string | null;
  title: string | null;
  initialComment: string | null;
}

/**
 * One installation of the app as Slack knows it: a workspace (teamId), a workspace inside an Enterprise Grid
 * org (teamId + enterpriseId) or a whole org (isEnterpriseInstall, no teamId), with its bot token.
 */
export interface FakeSlackInstall {
  token: string;
  teamId?: string | null;
  teamName?: string;
  enterpriseId?: string | null;
  enterpriseName?: string;
  isEnterpriseInstall?: boolean;
  botUserId: string;
  botId?: string;
  /** The admin who clicked Allow. */
  installerUserId?: string;
}

export interface FakeSlackApi {
  /** Base URL ending in /api/, for SLACK_API_URL. */
  url: string;
  /**
   * A response_url for a command or button payload: what the bot POSTs there (Bolt's respond()) is recorded
   * as a call of method 'response_url' with the JSON body, as Slack would show it to that person only.
   */
  responseUrl: string;
  botUserId: string;
  calls: SlackApiCall[];
  users: Map<string, FakeSlackUser>;
  channels: Map<string, string>;
  /** Member ids per channel id, answered by conversations.members a few per page (cursor pagination). */
  channelMembers: Map<string, string[]>;
  /** Uploaded files by id, with their bytes, so tests can open what the bot posted. */
  files: Map<string, FakeSlackFile>;
  /** The next call of `method` answers `{ ok: false, error }` (plus `extra`, e.g. missing_scope's needed/provided). */
  failNext(method: string, error: string, extra?: Record<string, unknown>): void;
  /**
   * Every call of `method` answers missing_scope naming `needed` (as Slack does for an app installed
   * without that scope) until `missingScope(method, null)`.
   */
  missingScope(method: string, needed: string | null): void;
  /**
   * The next `times` calls of `method` (every call when `times` is not given; `ms` 0 clears it) are
   * answered only after `ms`: Slack being slow. 'response_url' delays the response URLs.
   */
  delay(method: string, ms: number, times?: number): void;
  /**
   * A trigger_id issued now, as Slack puts in a command or click: views.open takes it once and within
   * TRIGGER_TTL_MS (else expired_trigger_id / exchanged_trigger_id). Trigger ids the fake did not issue
   * count as issued when views.open first sees them.
   */
  trigger(): string;
  /**
   * Conversations the bot is a member of, beyond public C… channels (which it is taken to be in unless
   * listed in `outside`): DMs opened by conversations.open and private channels added here. chat.postMessage
   * and chat.postEphemeral elsewhere fail as Slack's do: channel_not_found in a DM or private channel,
   * not_in_channel in a public channel listed in `outside`.
   */
  joined: Set<string>;
  /** Public channels the bot is not in. */
  outside: Set<string>;
  /** The next calls of `method` get an HTTP error status instead of an answer (rate limit, outage). */
  failHttpNext(method: string, spec: HttpFailureSpec): void;
  /** Bot tokens issued by OAuth installs, each answered by auth.test with its own workspace or org. */
  tokens: Map<string, FakeSlackInstall>;
  /** Tokens given back with auth.revoke: every later call with one answers token_revoked. */
  revoked: Set<string>;
  /**
   * An OAuth grant as Slack hands it to the redirect URL: oauth.v2.access with `code` (once, and only with
   * `clientId`/`clientSecret`) answers Slack's payload for `install` and makes its token known.
   */
  grant(code: string, install: FakeSlackInstall, client: { clientId: string; clientSecret: string }): void;
  /** Extra methods, e.g. apps.connections.open for Socket Mode. */
  answer(method: string, respond: (body: Record<string, unknown>) => Record<string, unknown>): void;
  /** The limits on chat.postMessage when started with `limits` (see fake-rate-limits.ts), else null. */
  limiter: RateLimiter | null;
  /** Calls `listener` with every call as it is recorded; returns the unsubscribe. */
  onCall(listener: (call: SlackApiCall) => void): () => void;
  /** Resolves with the first recorded call (past or future) of `method` that matches. */
  waitFor(method: string, match?: (call: SlackApiCall) => boolean, timeoutMs?: number): Promise<SlackApiCall>;
  close(): Promise<void>;
}

/** Slack's trigger_ids are good for 3 s (https://docs.slack.dev/interactivity/handling-user-interaction). */
export const TRIGGER_TTL_MS = 3000;

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'files']);

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bytes of an upload: Slack takes the file as a multipart part (what @slack/web-api sends) or as the raw body. */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://127.0.0.1/upload', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  for (const value of form.values()) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  throw new Error('fake Slack API: multipart upload without a file part');
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readRaw(req)).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return body;
}

export async function startFakeSlackApi(
  options: { botUserId?: string; teamId?: string; now?: () => number; membersPageSize?: number; limits?: RateLimitOptions } = {},
): Promise<FakeSlackApi> {
  const now = options.now ?? Date.now;
  const limiter = options.limits ? createRateLimiter(options.limits) : null;
  const listeners = new Set<(call: SlackApiCall) => void>();
  const httpFailures = new Map<string, Required<Pick<HttpFailureSpec, 'status' | 'times'>> & { retryAfterSeconds?: number }>();
  const botUserId = options.botUserId ?? 'UBOT';
  const teamId = options.teamId ?? 'T111';
  const calls: SlackApiCall[] = [];
  const users = new Map<string, FakeSlackUser>();
  const channels = new Map<string, string>();
  const channelMembers = new Map<string, string[]>();
  const files = new Map<string, FakeSlackFile>();
  let port = 0;
  // Small pages by default, so every roster test goes through Slack's cursor pagination.
  const membersPageSize = options.membersPageSize ?? 2;
  const failures = new Map<string, { error: string; extra: Record<string, unknown> }>();
  const missingScopes = new Map<string, string>();
  const delays = new Map<string, { ms: number; times: number }>();
  // Trigger ids by when they were issued (wall-clock, whatever clock the test records calls with), and
  // those views.open already took.
  const triggers = new Map<string, number>();
  const usedTriggers = new Set<string>();
  let triggerCount = 0;
  const joined = new Set<string>();
  const outside = new Set<string>();
  const extra = new Map<string, (body: Record<string, unknown>) => Record<string, unknown>>();
  const waiters: { method: string; match: (call: SlackApiCall) => boolean; resolve: (call: SlackApiCall) => void }[] = [];
  let ts = 1_700_000_000;

  const tokens = new Map<string, FakeSlackInstall>();
  const revoked = new Set<string>();
  const grants = new Map<string, { install: FakeSlackInstall; clientId: string; clientSecret: string }>();

  /** Slack's oauth.v2.access answer (docs.slack.dev/reference/methods/oauth.v2.access; org-wide: team null). */
  function oauthAnswer(install: FakeSlackInstall): Record<string, unknown> {
    const org = install.isEnterpriseInstall === true;
    return {
      ok: true,
      app_id: 'A0SAMVERKAN',
      authed_user: { id: install.installerUserId ?? 'U0ADMIN' },
      scope: 'commands,chat:write,channels:read,groups:read,users:read,app_mentions:read,im:write,files:write',
      token_type: 'bot',
      access_token: install.token,
      bot_user_id: install.botUserId,
      team: org ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: install.enterpriseName ?? install.enterpriseId } : null,
      is_enterprise_install: org,
    };
  }

  const methods: Record<string, (body: Record<string, unknown>, token: string | null) => Record<string, unknown>> = {
    'auth.test': (_body, token) => {
      const install = token ? tokens.get(token) : undefined;
      if (!install) return { ok: true, url: 'https://fake.slack.invalid/', team: 'Fake', user: 'samverkansbot', team_id: teamId, user_id: botUserId, bot_id: 'BBOT' };
      // An org-wide token names the org where a workspace token names its workspace.
      const org = install.isEnterpriseInstall === true;
      return {
        ok: true,
        url: org ? 'https://fake-org.enterprise.slack.invalid/' : 'https://fake.slack.invalid/',
        team: org ? install.enterpriseName : install.teamName,
        user: 'samverkansbot',
        team_id: org ? install.enterpriseId : install.teamId,
        user_id: install.botUserId,
        bot_id: install.botId ?? `B${install.botUserId}`,
        ...(install.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
        is_enterprise_install: org,
      };
    },
    'auth.revoke': (_body, token) => {
      if (token) revoked.add(token);
      return { ok: true, revoked: true };
    },
    'oauth.v2.access': (body) => {
      const code = String(body.code ?? '');
      const granted = grants.get(code);
      if (!granted) return { ok: false, error: 'invalid_code' };
      if (body.client_id !== granted.clientId || body.client_secret !== granted.clientSecret) return { ok: false, error: 'bad_client_secret' };
      // A code works once.
      grants.delete(code);
      tokens.set(granted.install.token, granted.install);
      return oauthAnswer(granted.install);
    },
    'chat.postMessage': (body) => notMember(body.channel) ?? { ok: true, channel: body.channel, ts: `${++ts}.000100`, message: { text: body.text } },
    'chat.postEphemeral': (body) => notMember(body.channel) ?? { ok: true, message_ts: `${++ts}.000200` },
    'views.open': (body) => {
      const trigger = String(body.trigger_id ?? '');
      if (!trigger) return { ok: false, error: 'invalid_arguments' };
      if (usedTriggers.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
      const issued = triggers.get(trigger) ?? Date.now();
      if (Date.now() - issued > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
      usedTriggers.add(trigger);
      return { ok: true, view: { id: 'V0FAKE', ...(body.view as object) } };
    },
    'users.info': (body) => {
      const user = users.get(String(body.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: {
          id: body.user,
          team_id: teamId,
          name: user.name,
          real_name: user.realName,
          is_bot: user.isBot ?? false,
          deleted: user.deleted ?? false,
          profile: { display_name: user.displayName, real_name: user.realName },
        },
      };
    },
    'conversations.members': (body) => {
      const ids = channelMembers.get(String(body.channel));
      if (!ids) return { ok: false, error: 'channel_not_found' };
      const start = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString('utf8').replace('offset:', '')) : 0;
      const end = start + Math.min(Number(body.limit) || 100, membersPageSize);
      const next = end < ids.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
      return { ok: true, members: ids.slice(start, end), response_metadata: { next_cursor: next } };
    },
    // A direct message with one person (the chair's meeting-prep summary): its channel id is D + the user id.
    'conversations.open': (body) => {
      if (!body.users) return { ok: false, error: 'users_not_found' };
      joined.add(`D${String(body.users)}`);
      return { ok: true, channel: { id: `D${String(body.users)}` } };
    },
    // Step 1 of files.uploadV2: a one-off URL on this server to POST the bytes to.
    'files.getUploadURLExternal': (body) => {
      const length = Number(body.length);
      if (!body.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(files.size + 1).padStart(8, '0')}`;
      files.set(id, { id, filename: String(body.filename), length, bytes: null, channelId: null, title: null, initialComment: null });
      return { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${id}`, file_id: id };
    },
    // Step 3: only uploaded files can be completed; they are then shared in channel_id.
    'files.completeUploadExternal': (body) => {
      const listed = Array.isArray(body.files) ? (body.files as { id: string; title?: string }[]) : [];
      const found = listed.map((entry) => files.get(entry.id));
      if (listed.length === 0 || found.some((file) => !file?.bytes)) return { ok: false, error: 'file_not_found' };
      for (const [index, file] of found.entries()) {
        Object.assign(file!, { channelId: body.channel_id ? String(body.channel_id) : null, title: listed[index]!.title ?? file!.filename, initialComment: (body.initial_comment as string | undefined) ?? null });
      }
      return { ok: true, files: found.map((file) => ({ id: file!.id, name: file!.filename, title: file!.title })) };
    },
    'conversations.info': (body) => {
      const name = channels.get(String(body.channel));
      return name ? { ok: true, channel: { id: body.channel, name, is_channel: true } } : { ok: false, error: 'channel_not_found' };
    },
  };

  /** Slack's answer to a post where the bot is not a member, or null where it is. */
  function notMember(channel: unknown): Record<string, unknown> | null {
    const id = String(channel ?? '');
    if (outside.has(id)) return { ok: false, error: 'not_in_channel' };
    if ((id.startsWith('D') || id.startsWith('G')) && !joined.has(id)) return { ok: false, error: 'channel_not_found' };
    return null;
  }

  /** Waits as long as `method` is set to be slow. */
  async function slowness(method: string): Promise<void> {
    const slow = delays.get(method);
    if (!slow || slow.ms <= 0 || slow.times <= 0) return;
    slow.times -= 1;
    await new Promise((resolve) => setTimeout(resolve, slow.ms));
  }

  function record(call: SlackApiCall): void {
    calls.push(call);
    for (const listener of listeners) listener(call);
    for (const waiter of [...waiters]) {
      if (waiter.method === call.method && waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  const server: Server = createServer(async (req, res) => {
    // Step 2 of files.uploadV2: the bytes themselves, outside the Web API (Slack's files.slack.com).
    const upload = /^\/upload\/(\w+)$/.exec(req.url ?? '');
    if (upload) {
      const file = files.get(upload[1]!);
      const raw = await readRaw(req);
      if (!file || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      file.bytes = await uploadedBytes(req, raw);
      calls.push({ method: 'upload', body: { fileId: file.id, bytes: file.bytes.length }, token: req.headers.authorization?.replace(/^Bearer /, '') ?? null, at: now(), status: 200 });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
      return;
    }
    // Slack's hooks.slack.com response URLs: a message for the person who typed the command or clicked.
    if ((req.url ?? '').startsWith('/response/')) {
      await slowness('response_url');
      record({ method: 'response_url', body: JSON.parse((await readRaw(req)).toString('utf8') || '{}') as Record<string, unknown>, token: null, at: now(), status: 200 });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const body = await readBody(req);
    await slowness(method);
    const authorization = req.headers.authorization;
    const httpFailure = httpFailures.get(method);
    const at = now();
    const limited = limiter && method === 'chat.postMessage' ? limiter.check(String(body.channel), at) : null;
    const status = httpFailure && httpFailure.times > 0 ? httpFailure.status : (limited?.status ?? 200);
    const call: SlackApiCall = { method, body, token: authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined) ?? null, at, status };
    if (limited && limited.status !== 200 && !(httpFailure && httpFailure.times > 0)) {
      record(call);
      const headers: Record<string, string> = limited.retryAfterSeconds === undefined ? {} : { 'retry-after': String(limited.retryAfterSeconds) };
      res.writeHead(limited.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify({ ok: false, error: limited.status === 429 ? 'ratelimited' : 'fake_http_failure' }));
      return;
    }
    if (httpFailure && status !== 200) {
      record(call);
      httpFailure.times -= 1;
      const headers: Record<string, string> = httpFailure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(httpFailure.retryAfterSeconds) };
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify({ ok: false, error: status === 429 ? 'ratelimited' : 'fake_http_failure' }));
      return;
    }
    const failure = failures.get(method);
    failures.delete(method);
    const needed = missingScopes.get(method);
    const token = authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined) ?? null;
    const custom = extra.get(method);
    const builtIn = methods[method];
    const answer = failure
      ? { ok: false, error: failure.error, ...failure.extra }
      : token && revoked.has(token)
        ? { ok: false, error: 'token_revoked' }
        : needed
          ? { ok: false, error: 'missing_scope', needed, provided: 'commands,chat:write' }
          : custom
            ? custom(body)
            : builtIn
              ? builtIn(body, token)
              : { ok: false, error: 'unknown_method' };
    // Recorded with its answer, so whoever waits for the call sees whether Slack took it.
    call.answer = answer;
    record(call);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ port } = server.address() as AddressInfo);

  return {
    url: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/response/T/1/fake`,
    botUserId,
    calls,
    users,
    channels,
    channelMembers,
    files,
    tokens,
    revoked,
    grant: (code, install, client) => void grants.set(code, { install, ...client }),
    failNext: (method, error, extraFields = {}) => void failures.set(method, { error, extra: extraFields }),
    missingScope: (method, needed) => void (needed ? missingScopes.set(method, needed) : missingScopes.delete(method)),
    delay: (method, ms, times = Number.POSITIVE_INFINITY) => void delays.set(method, { ms, times }),
    trigger() {
      const id = `${(triggerCount += 1)}.${Date.now()}.fake${Math.random().toString(16).slice(2, 10)}`;
      triggers.set(id, Date.now());
      return id;
    },
    joined,
    outside,
    failHttpNext: (method, spec) => void httpFailures.set(method, { status: spec.status, times: spec.times ?? 1, retryAfterSeconds: spec.retryAfterSeconds }),
    answer: (method, respond) => void extra.set(method, respond),
    limiter,
    onCall(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    waitFor(method, match = () => true, timeoutMs = 15_000) {
      const done = calls.find((call) => call.method === method && match(call));
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const waiter = { method, match, resolve: (call: SlackApiCall) => (clearTimeout(timer), resolve(call)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake Slack API: no matching ${method} within ${timeoutMs} ms; calls were: ${calls.map((c) => c.method).join(', ')}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
