// Every card template, rendered with data from the real use cases (sv and en), must be a valid
// Adaptive Card 1.5, fully expanded, free of literal text, and translatable to Slack within its limits.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUTTON_ACTIONS, CARDS, FORMS, type Reply } from '../../src/core/events.js';
import { catalogOf, FORM_META, renderCard, TEMPLATE_IDS, templatePath, type AdaptiveCardJson, type CardNode } from '../../src/cards/render-card.js';
import { SLACK_LIMITS, toMessageBlocks, toModalView } from '../../src/cards/block-kit-translator.js';
import { unescapeMarkdown } from '../../src/cards/card-markdown.js';
import { sv } from '../../src/i18n/sv.js';
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';
import { realReplies, type NamedReply } from '../support/card-replies.js';

function render(reply: Reply): AdaptiveCardJson {
  return reply.kind === 'card' || reply.kind === 'file'
    ? renderCard(reply.card, reply.data)
    : renderCard(reply.form, reply.data, reply.kind === 'form-errors' ? reply.errors : undefined);
}

/** Every object in a card (elements, actions, choices, facts) with its JSON path. */
function nodes(value: unknown, path = '$'): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => nodes(item, `${path}[${index}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [[path, record], ...Object.entries(record).flatMap(([key, child]) => nodes(child, `${path}.${key}`))];
}

const TEXT_PROPERTIES = ['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak', 'url'];

let replies: NamedReply[] = [];
beforeAll(async () => {
  replies = [...(await realReplies('sv')), ...(await realReplies('en'))];
});

function templateOf(reply: Reply): string {
  return reply.kind === 'card' || reply.kind === 'file' ? reply.card : reply.form;
}

describe('card templates', () => {
  it('exist, one per CardId and FormId, as Adaptive Card 1.5', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual([...CARDS, ...FORMS].sort());
    for (const id of TEMPLATE_IDS) {
      const template = JSON.parse(readFileSync(templatePath(id), 'utf8'));
      expect(template, id).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5' });
    }
  });

  it.each(TEMPLATE_IDS)('%s.json holds no literal user-facing text: every text is a ${…} binding', (id) => {
    const template = JSON.parse(readFileSync(templatePath(id), 'utf8'));
    for (const [path, node] of nodes(template)) {
      for (const key of TEXT_PROPERTIES) {
        if (typeof node[key] === 'string') expect(node[key], `${id} ${path}.${key}`).toMatch(/^\$\{[^{}]+\}$/);
      }
      // Fact values and choice titles are text too (choices' `value` is a machine value, bound as well).
      if ('value' in node && typeof node.value === 'string' && node.type !== undefined) {
        expect(node.value, `${id} ${path}.value`).toMatch(/^\$\{[^{}]+\}$/);
      }
    }
  });

  /** Buttons that cannot be taken back or end something for the group: each asks first in Slack. */
  const CONFIRMED_ACTIONS: readonly string[] = ['accept-final-report', 'cancel-meeting', 'close-voting', 'confirm-data-rights'];

  it.each(TEMPLATE_IDS)('%s.json: every action is Action.Execute with verb = its data key and bound arguments, or a bound Action.OpenUrl', (id) => {
    const template = JSON.parse(readFileSync(templatePath(id), 'utf8'));
    const actions = nodes(template).filter(([, node]) => typeof node.type === 'string' && node.type.startsWith('Action.'));
    for (const [path, action] of actions) {
      // Downloads (e.g. the .ics calendar) are links: a bound, signed url and nothing for the bot to handle.
      if (action.type === 'Action.OpenUrl') {
        expect(action.url, path).toMatch(/^\$\{[^{}]+\}$/);
        expect(action.data, path).toBeUndefined();
        continue;
      }
      expect(action.type, path).toBe('Action.Execute');
      const data = action.data as Record<string, string>;
      if ('action' in data) {
        // Button arguments (e.g. { meetingId } for "Ställ in") are bound to the data, never literal.
        for (const [key, value] of Object.entries(data)) if (key !== 'action' && key !== 'confirm') expect(value, `${path}.data.${key}`).toMatch(/^\$\{[^{}]+\}$/);
        expect(BUTTON_ACTIONS, path).toContain(data.action);
        expect(action.verb, path).toBe(data.action);
        // Destructive or final: Slack asks first (Block Kit confirm), in the catalogue's words.
        expect('confirm' in data, `${path}: ${data.action} needs data.confirm`).toBe(CONFIRMED_ACTIONS.includes(data.action!));
        if ('confirm' in data) {
          const confirm = data.confirm as unknown as Record<string, string>;
          expect(Object.keys(confirm).sort(), path).toEqual(['confirm', 'deny', 'text', 'title']);
          for (const [key, value] of Object.entries(confirm)) expect(value, `${path}.data.confirm.${key}`).toMatch(/^\$\{(\$root\.)?t\.common\.confirm\.\w+\}$/);
        }
      } else {
        expect(FORMS, path).toContain(data.form);
        expect(action.verb, path).toBe(data.form);
        // A form's hidden context (FormContext) rides along in the submit data, each key bound to context.<key>.
        for (const [key, value] of Object.entries(data)) if (key !== 'form') expect(value, `${path}.data.${key}`).toBe(`\${context.${key}}`);
      }
    }
  });
});

describe('rendered with the real use cases', () => {
  it('covers every template in both locales, with and without errors, empty and filled plan', () => {
    const seen = new Set(replies.map((named) => `${named.locale}:${templateOf(named.reply)}:${named.reply.kind === 'file' ? 'card' : named.reply.kind}`));
    for (const locale of ['sv', 'en']) {
      for (const card of CARDS) expect(seen, `${locale} ${card}`).toContain(`${locale}:${card}:card`);
      for (const form of FORMS) {
        expect(seen).toContain(`${locale}:${form}:form`);
        expect(seen).toContain(`${locale}:${form}:form-errors`);
      }
    }
    expect(replies.map((named) => named.name)).toEqual(expect.arrayContaining(['plan (empty)', 'plan (filled)']));
  });

  it('parse with the adaptivecards library without any warning or error', () => {
    for (const { name, locale, reply } of replies) expect(parserProblems(render(reply)), `${locale} ${name}`).toEqual([]);
  });

  it('validate against the official Adaptive Card 1.5 JSON schema', () => {
    for (const { name, locale, reply } of replies) expect(schemaProblems(render(reply)), `${locale} ${name}`).toEqual([]);
  });

  it('leave no ${…} unexpanded', () => {
    for (const { name, locale, reply } of replies) expect(JSON.stringify(render(reply)), `${locale} ${name}`).not.toContain('${');
  });

  it('translate to Slack message blocks within every limit, and forms to modals', () => {
    for (const { name, locale, reply } of replies) {
      const card = render(reply);
      const blocks = toMessageBlocks(card);
      expect(blocks.length, `${locale} ${name}`).toBeGreaterThan(0);
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
      if (reply.kind === 'form' || reply.kind === 'form-errors') {
        const meta = FORM_META[reply.form](catalogOf(reply.data));
        const view = toModalView(card, {
          callbackId: reply.form,
          privateMetadata: JSON.stringify({ channelId: 'C111', tenantId: 'T111' }),
          ...meta,
        });
        expect(view.submit?.text, `${locale} ${name}`).toBe(meta.submit);
        expect(view.blocks.some((block) => block.type === 'actions'), 'the submit is the modal submit, not a button').toBe(false);
      }
    }
  });

  it('show the welcome in Swedish with the group name and links to the other cards', () => {
    const welcome = replies.find((named) => named.locale === 'sv' && named.name === 'welcome')!;
    const card = render(welcome.reply);
    const texts = (card.body ?? []).map((node) => node.text);
    // The group name as typed, escaped so Teams shows "&" and "<…>" as they are (card-markdown.ts).
    expect(texts[0]).toBe('Hej Samverkan Uddevalla \\& Lysekil \\<psykisk hälsa\\>! Jag är Samverkansbot.');
    expect(texts.map((text) => unescapeMarkdown(String(text)))).toEqual(expect.arrayContaining([...sv.welcome.firstSteps]));
    expect(card.actions?.map((action) => action.verb)).toEqual(['open-settings', 'show-plan', 'show-help']);
  });

  it('show the empty-plan text only when the plan is empty, and the activities per focus area otherwise', () => {
    const empty = JSON.stringify(render(replies.find((named) => named.locale === 'sv' && named.name === 'plan (empty)')!.reply));
    const filled = JSON.stringify(render(replies.find((named) => named.locale === 'sv' && named.name === 'plan (filled)')!.reply));
    expect(empty).toContain(sv.plan.empty);
    expect(filled).not.toContain(sv.plan.empty);
    expect(filled).toContain('Fokusområde: FO1');
    expect(filled).toContain('Gemensam rutin för SIP (Barn och unga) · 2026-04-01–2026-12-31 · Pågående');
    expect(filled).toContain('Fokusområde: FO3');
  });

  it('re-render the settings form with everything typed and each error right under its field', () => {
    const named = replies.find((reply) => reply.locale === 'sv' && reply.name === 'settings form-errors')!;
    expect(named.reply.kind).toBe('form-errors');
    const body = render(named.reply).body as CardNode[];
    const ids = body.map((node) => (node.id as string | undefined) ?? (node.color === 'Attention' ? `error:${unescapeMarkdown(String(node.text))}` : node.type));
    const errors = (named.reply as Extract<Reply, { kind: 'form-errors' }>).errors;
    for (const field of ['groupName', 'organisations', 'otherOrganisations', 'officeChannelId']) {
      const at = ids.indexOf(field);
      expect(at, field).toBeGreaterThan(-1);
      expect(ids[at + 1], field).toBe(`error:${errors[field]}`);
    }
    expect(errors.groupName).toBe('Gruppens namn måste fyllas i.');
    const byId: Record<string, CardNode> = Object.fromEntries(body.filter((node) => node.id).map((node) => [node.id, node]));
    expect(byId.organisations).toMatchObject({ value: 'region', isMultiSelect: true });
    expect(byId.otherOrganisations).toMatchObject({ value: 'Samordningsförbundet\nsamordningsförbundet', isMultiline: true });
    expect(byId.officeChannelId).toMatchObject({ value: 'inte ett id!' });
    for (const input of Object.values(byId)) expect(input.label, String(input.id)).toBeTruthy();
  });

  it('show no error lines on a form without errors, and prefill the stored values', () => {
    const named = replies.find((reply) => reply.locale === 'sv' && reply.name === 'settings form (filled)')!;
    const body = render(named.reply).body as CardNode[];
    expect(body.filter((node) => node.color === 'Attention')).toEqual([]);
    const byId: Record<string, CardNode> = Object.fromEntries(body.filter((node) => node.id).map((node) => [node.id, node]));
    expect(Object.keys(byId)).toEqual([
      'groupName',
      'organisations',
      'principals',
      'otherOrganisations',
      'officeChannelId',
      'standingItemHoursBefore',
      'summaryHoursBefore',
      'reportPromptDaysBefore',
      'planningDayReminder',
    ]);
    expect(byId.groupName).toMatchObject({ value: 'LSG Uddevalla' });
    expect(byId.standingItemHoursBefore).toMatchObject({ value: 48, label: sv.settings.standingItemHours });
    expect(byId.summaryHoursBefore).toMatchObject({ value: 24, label: sv.settings.summaryHours });
    expect(byId.reportPromptDaysBefore).toMatchObject({ value: 5, label: sv.settings.reportPromptDays });
    expect(byId.planningDayReminder).toMatchObject({ type: 'Input.Toggle', value: 'false', valueOn: 'true', valueOff: 'false' });
    expect(byId.organisations).toMatchObject({ value: 'region,kommun,forsakringskassan' });
    expect((byId.organisations!.choices as unknown[]).length).toBe(6);
    // Region and kommun are huvudmän by default; Försäkringskassan takes part without being one.
    expect(byId.principals).toMatchObject({ value: 'region,kommun' });
    expect(byId.otherOrganisations).toMatchObject({ value: 'Samordningsförbundet Väst' });
    expect(byId.officeChannelId).toMatchObject({ value: 'C0OFFICE' });
  });

  it('keep modal title, submit and close within Slack limits in both languages', () => {
    for (const { reply } of replies) {
      if (reply.kind === 'card' || reply.kind === 'file') continue;
      const meta = FORM_META[reply.form](catalogOf(reply.data));
      for (const value of Object.values(meta)) expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.modalText);
    }
  });

  it('renders the same template again with other data (the cache keeps no data)', () => {
    const first = renderCard('notice', { t: sv, text: 'Ett' });
    const second = renderCard('notice', { t: sv, text: 'Två' });
    expect(JSON.stringify(first)).toContain('Ett');
    expect(JSON.stringify(second)).toContain('Två');
    expect(JSON.stringify(second)).not.toContain('Ett');
  });
});

describe('the checks themselves', () => {
  it('catch what they are meant to catch', () => {
    expect(parserProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Unknown' }] })).not.toEqual([]);
    expect(schemaProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', txt: 'x' }] })).not.toEqual([]);
    expect(JSON.stringify(renderCard('notice', { t: sv }))).toContain('${text}');
  });
});
