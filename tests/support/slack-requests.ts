// Requests exactly as Slack sends them to /slack/events: bodies based on the real payload samples in
// tests/fixtures/slack (copied from Slack's SDK test suites, see SOURCES.md there), signed with `v0=` + HMAC-SHA256(secret, `v0:{ts}:{raw body}`).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/slack', import.meta.url));

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')) as T;
}

export interface SlackRequest {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

/**
 * Where the fixtures' hooks.slack.com response URLs point instead: a closed loopback port, so a test that
 * does not give its fake's responseUrl can never reach the internet (the bot's respond() just fails).
 */
export const NO_RESPONSE_URL = 'http://127.0.0.1:9/response/none';

export function slashCommand(overrides: Record<string, string>): SlackRequest {
  const fields = { ...fixture<Record<string, string>>('bolt-python/slash_command.json'), response_url: NO_RESPONSE_URL, ...overrides };
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** block_actions, view_submission …: one form field `payload` holding the JSON. */
export function interaction(payload: unknown): SlackRequest {
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: 'application/x-www-form-urlencoded' };
}

export function eventCallback(body: unknown): SlackRequest {
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** The member_joined_channel event for the bot itself: someone (`inviter`) added it to `channelId`. */
export function botJoinedChannel(place: { teamId: string; botUserId: string; channelId: string; inviter: string; eventId: string }): SlackRequest {
  const body = fixture<Record<string, any>>('docs/event_member_joined_channel.json');
  body.team_id = place.teamId;
  body.event_id = place.eventId;
  body.authorizations = [{ ...body.authorizations[0], team_id: place.teamId, user_id: place.botUserId, is_bot: true }];
  body.event = { ...body.event, user: place.botUserId, channel: place.channelId, team: place.teamId, inviter: place.inviter };
  return eventCallback(body);
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  signature?: string;
  omitHeaders?: boolean;
  /** More headers, e.g. x-slack-retry-num on Slack's retries of an event. */
  headers?: Record<string, string>;
}

export async function sendToSlackEndpoint(url: string, request: SlackRequest, options: SendOptions): Promise<{ status: number; text: string; json: unknown }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.contentType, ...options.headers };
  if (!options.omitHeaders) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature ?? sign(options.secret, timestamp, request.body);
  }
  const response = await fetch(url, { method: 'POST', headers, body: request.body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json };
}

/** Where a test's interactions happen: workspace, channel and its name. */
export interface SlackPlace {
  teamId: string;
  channelId: string;
  channelName: string;
  /** The response_url buttons carry (the fake Slack API's); NO_RESPONSE_URL when not given. */
  responseUrl?: string;
}

/** A click on a card button (block_actions) whose value is the card action's data `{ action, ...args }`. */
export function buttonClick(place: SlackPlace, user: string, actionId: string, args: Record<string, string> = {}, triggerId = `trigger-${Math.random()}`): SlackRequest {
  const payload = fixture<Record<string, any>>('bolt-python/block_actions.json');
  payload.user = { ...payload.user, id: user, team_id: place.teamId };
  payload.team = { ...payload.team, id: place.teamId };
  payload.channel = { id: place.channelId, name: place.channelName };
  payload.container = { ...payload.container, channel_id: place.channelId, is_ephemeral: false };
  payload.trigger_id = triggerId;
  payload.response_url = place.responseUrl ?? NO_RESPONSE_URL;
  payload.actions = [{ ...payload.actions[0], action_id: actionId, block_id: 'b1', value: JSON.stringify({ action: actionId, ...args }) }];
  return interaction(payload);
}

/**
 * A modal submitted (view_submission) as Slack posts it: one input block per field with its state
 * (e.g. { type: 'plain_text_input', value }), private_metadata as the bot wrote it (channel + form context).
 */
export function viewSubmission(
  place: SlackPlace,
  user: string,
  form: string,
  values: Record<string, Record<string, unknown>>,
  context: Record<string, string> = {},
): SlackRequest {
  const payload = fixture<Record<string, any>>('bolt-python/view_submission.json');
  payload.team = { ...payload.team, id: place.teamId };
  payload.user = { ...payload.user, id: user, team_id: place.teamId };
  const channel = { platform: 'slack', tenantId: place.teamId, channelId: place.channelId, channelName: place.channelName, conversationReference: null, isPersonal: false };
  payload.view = {
    ...payload.view,
    callback_id: form,
    private_metadata: JSON.stringify({ channel, context }),
    blocks: Object.keys(values).map((id) => ({ type: 'input', block_id: id, label: { type: 'plain_text', text: id }, element: { type: 'plain_text_input', action_id: id } })),
    state: { values: Object.fromEntries(Object.entries(values).map(([id, state]) => [id, { [id]: state }])) },
  };
  return interaction(payload);
}

/**
 * The `state.values` Slack sends for a modal the bot opened, with `values` (strings by block id, as a person
 * picks or types them) filled into its input blocks by element type; fields not given are left empty.
 */
export function viewState(view: { blocks: Record<string, any>[] }, values: Record<string, string>): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const id = block.block_id as string;
    const value = values[id] ?? '';
    const kind = block.element.type as string;
    if (kind === 'radio_buttons' || kind === 'static_select') {
      state[id] = { [id]: { type: kind, selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null } };
    } else if (kind === 'datepicker') state[id] = { [id]: { type: kind, selected_date: value || null } };
    else state[id] = { [id]: { type: kind, value: value || null } };
  }
  return state;
}

/** Every text a person sees in Slack blocks (headers, sections, fields, context, buttons, labels, options). */
export function visibleBlockTexts(blocks: unknown): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return texts;
}
