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

export function slashCommand(overrides: Record<string, string>): SlackRequest {
  const fields = { ...fixture<Record<string, string>>('bolt-python/slash_command.json'), ...overrides };
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** block_actions, view_submission …: one form field `payload` holding the JSON. */
export function interaction(payload: unknown): SlackRequest {
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: 'application/x-www-form-urlencoded' };
}

export function eventCallback(body: unknown): SlackRequest {
  return { body: JSON.stringify(body), contentType: 'application/json' };
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
}

export async function sendToSlackEndpoint(url: string, request: SlackRequest, options: SendOptions): Promise<{ status: number; text: string; json: unknown }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.contentType };
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
