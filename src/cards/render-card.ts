// Expands the Adaptive Card templates in cards/ with the data a use case returned. Both adapters start
// here: Teams sends the result as is, Slack translates it to Block Kit (block-kit-translator.ts), so the
// layout of a card is written once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as templating from 'adaptivecards-templating';
import { CARDS, FORMS, type CardData, type CardId, type FieldErrors, type FormId } from '../core/events.js';
import type { Catalog } from '../i18n/index.js';
import { escapeCardTexts } from './card-markdown.js';
import { withMentions, type Mention } from './mentions.js';
import { parseDecimal } from '../core/use-cases/form-checks.js';

/** An element or action of a card: only `type` is known for sure, the rest depends on it. */
export interface CardNode {
  type: string;
  [property: string]: unknown;
}

/** An expanded Adaptive Card as plain JSON, ready to send to Teams or to translate for Slack. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body?: CardNode[];
  actions?: CardNode[];
  [property: string]: unknown;
}

export type TemplateId = CardId | FormId;

export const TEMPLATE_IDS: readonly TemplateId[] = [...CARDS, ...FORMS];

const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));

export function templatePath(id: TemplateId): string {
  return `${cardsDir}${id}.json`;
}

// Templates never change while the process runs; parse each file once.
const templates = new Map<TemplateId, templating.Template>();

function template(id: TemplateId): templating.Template {
  let cached = templates.get(id);
  if (!cached) {
    if (!TEMPLATE_IDS.includes(id)) throw new Error(`No card template named "${id}"`);
    cached = new templating.Template(JSON.parse(readFileSync(templatePath(id), 'utf8')));
    templates.set(id, cached);
  }
  return cached;
}

/**
 * The card `id` filled with `data`, its Markdown texts escaped. Form templates show `errors.<field>` under each input, so `errors`
 * is always bound (an empty object when there are none) and `$when="${exists(errors.x)}"` stays false.
 */
/** The people a card's data asks to mention (the core's `mentions`: [{ id, name }]). */
function mentionsIn(data: CardData): Mention[] {
  const list = (data as { mentions?: unknown }).mentions;
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is Mention => typeof entry?.id === 'string' && entry.id !== '' && typeof entry?.name === 'string');
}

export function renderCard(id: TemplateId, data: CardData, errors?: FieldErrors): AdaptiveCardJson {
  const expanded: unknown = template(id).expand({ $root: { ...data, errors: errors ?? {} } });
  if (!expanded || typeof expanded !== 'object' || (expanded as { type?: unknown }).type !== 'AdaptiveCard') {
    throw new Error(`Template "${id}" did not expand to an AdaptiveCard`);
  }
  // What people typed shows as typed: no link, heading or list made of it (card-markdown.ts).
  escapeCardTexts(expanded);
  numbersAsNumbers(expanded);
  // After the escaping: Teams matches each `<at>` text exactly against its entity.
  return withMentions(expanded as AdaptiveCardJson, mentionsIn(data));
}

/**
 * Input.Number takes numbers, but form values travel as the strings people typed ("12,5" prefilled from a
 * Swedish text, "" for nothing yet): each becomes its number, or is left out when it is none.
 */
function numbersAsNumbers(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(numbersAsNumbers);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'Input.Number') {
    for (const key of ['value', 'min', 'max']) {
      const value = record[key];
      if (value === undefined || typeof value === 'number') continue;
      const number = typeof value === 'string' ? parseDecimal(value) : null;
      if (number === null) delete record[key];
      else record[key] = number;
    }
  }
  Object.values(record).forEach(numbersAsNumbers);
}

/** The texts around a form that are not part of the card: Slack modal title, submit and close buttons. */
export interface FormChrome {
  title: string;
  submit: string;
  close: string;
}

export const FORM_META: Record<FormId, (t: Catalog) => FormChrome> = {
  settings: (t) => ({ title: t.settings.modalTitle, submit: t.settings.submit, close: t.settings.cancel }),
  member: (t) => ({ title: t.members.form.modalTitle, submit: t.members.form.submit, close: t.members.form.cancel }),
  'choose-member': (t) => ({ title: t.members.choose.modalTitle, submit: t.members.choose.submit, close: t.members.form.cancel }),
  meeting: (t) => ({ title: t.meetings.form.modalTitle, submit: t.meetings.form.submit, close: t.meetings.form.close }),
  'meeting-series': (t) => ({ title: t.meetings.seriesForm.modalTitle, submit: t.meetings.seriesForm.submit, close: t.meetings.seriesForm.close }),
  'move-meeting': (t) => ({ title: t.meetings.moveForm.modalTitle, submit: t.meetings.moveForm.submit, close: t.meetings.moveForm.close }),
  'analysis-round': (t) => actionPlanChrome(t, t.actionPlan.analysis.roundModalTitle),
  proposal: (t) => actionPlanChrome(t, t.actionPlan.analysis.proposalModalTitle),
  'merge-proposals': (t) => actionPlanChrome(t, t.actionPlan.analysis.mergeModalTitle),
  'voting-round': (t) => actionPlanChrome(t, t.actionPlan.voting.modalTitle),
  ballot: (t) => actionPlanChrome(t, t.actionPlan.voting.ballotModalTitle),
  activity: (t) => actionPlanChrome(t, t.actionPlan.activity.modalTitle),
  assignment: (t) => actionPlanChrome(t, t.actionPlan.assignment.modalTitle),
  'implementation-plan': (t) => actionPlanChrome(t, t.actionPlan.implementation.modalTitle),
  'choose-assignment': (t) => ({ title: t.reports.choose.modalTitle, submit: t.reports.choose.submit, close: t.reports.choose.close }),
  'progress-report': (t) => ({ title: t.reports.progress.modalTitle, submit: t.reports.progress.submit, close: t.reports.progress.close }),
  'final-report': (t) => ({ title: t.reports.final.modalTitle, submit: t.reports.final.submit, close: t.reports.final.close }),
  'follow-up': (t) => ({ title: t.reports.followUp.modalTitle, submit: t.reports.followUp.submit, close: t.reports.followUp.close }),
  evaluation: (t) => ({ title: t.reports.evaluation.modalTitle, submit: t.reports.evaluation.submit, close: t.reports.evaluation.close }),
  'new-homework': (t) => ({ title: t.reports.homework.modalTitle, submit: t.reports.homework.submit, close: t.reports.homework.close }),
  'homework-answer': (t) => ({ title: t.reports.homework.answerModalTitle, submit: t.reports.homework.answerSubmit, close: t.reports.homework.close }),
  export: (t) => ({ title: t.exports.form.modalTitle, submit: t.exports.form.submit, close: t.exports.form.close }),
  'confirm-removal': (t) => ({ title: t.actionPlan.removal.modalTitle, submit: t.actionPlan.removal.submit, close: t.actionPlan.buttons.cancel }),
  'sub-goal': (t) => actionPlanChrome(t, t.actionPlan.implementation.subGoalForm.modalTitle),
  'plan-task': (t) => actionPlanChrome(t, t.actionPlan.implementation.taskForm.modalTitle),
  indicator: (t) => actionPlanChrome(t, t.actionPlan.implementation.indicatorForm.modalTitle),
  'confirm-decision': (t) => ({ title: t.actionPlan.decision.modalTitle, submit: t.actionPlan.decision.submit, close: t.actionPlan.buttons.cancel }),
  'assignment-change': (t) => ({ title: t.assignmentChanges.modalTitle, submit: t.assignmentChanges.submit, close: t.assignmentChanges.cancel }),
  'final-report-return': (t) => ({ title: t.assignmentChanges.returnReport.modalTitle, submit: t.assignmentChanges.returnReport.submit, close: t.assignmentChanges.cancel }),
};

function actionPlanChrome(t: Catalog, title: string): FormChrome {
  return { title, submit: t.actionPlan.buttons.save, close: t.actionPlan.buttons.cancel };
}

/** The catalog a use case put in its reply data (every reply carries `t`). */
export function catalogOf(data: CardData): Catalog {
  const t = data.t;
  if (!t || typeof t !== 'object') throw new Error('Card data has no catalog "t"');
  return t as Catalog;
}
