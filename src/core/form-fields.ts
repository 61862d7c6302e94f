// What the bot accepts in each form field, in one place: the validation of every use case reads its limits
// here, and a test (tests/cards/form-fields.test.ts) holds every card's Input.Text maxLength to the same
// number, so no platform lets people type more than the bot then refuses (nor less than it takes).
// `required` marks what the bot refuses empty. Cards that keep drafts leave isRequired off (Teams would
// block "Spara utkast" on an empty required input); Slack reads `required` from here instead, so it does
// not show a field the bot needs as "(valfritt)". A closed Slack modal keeps its draft (view_closed).
import type { FormId } from './events.js';

export interface TextRule {
  readonly required: boolean;
  /** Characters after trimming. */
  readonly max: number;
}

export interface ChoiceRule {
  readonly required: true;
}

/**
 * A number typed into Input.Number (Slack: number_input). Bounds and whether decimals are allowed are
 * the card's min/max and the translator's is_decimal_allowed; the use case checks the same bounds.
 */
export interface NumberRule {
  readonly required: boolean;
  readonly number: { readonly min?: number; readonly max?: number; readonly decimals: boolean };
}

export type FieldRule = TextRule | ChoiceRule | NumberRule;

/** A whole number; the bounds keep their literal types so use cases read them without fallbacks. */
function whole<Min extends number | undefined = undefined, Max extends number | undefined = undefined>(required: boolean, min?: Min, max?: Max) {
  return { required, number: { min: min as Min, max: max as Max, decimals: false } } as const;
}
const decimal = { required: true, number: { decimals: true } } as const;

/** Free text answers: long enough for a real answer, short enough for a card (Slack splits long sections). */
export const ANSWER_MAX = 2000;

const answer = { required: false, max: ANSWER_MAX } as const;
const requiredAnswer = { required: true, max: ANSWER_MAX } as const;
const picked = { required: true } as const;

/**
 * Per form, per input id. `*` stands for inputs whose ids are made from data (a homework's questions,
 * progress reports' indicators): every one of them follows that rule.
 */
export const FORM_FIELDS = {
  settings: {
    groupName: { required: true, max: 100 },
    // Region and kommun at least.
    organisations: picked,
    /** One organisation per line, each at most ORGANISATION_NAME_MAX characters. */
    otherOrganisations: { required: false, max: 2000 },
    // The parties that are huvudmän (region and kommun by default).
    principals: picked,
    standingItemHoursBefore: whole(true, 1, 336),
    summaryHoursBefore: whole(true, 1, 336),
    reportPromptDaysBefore: whole(true, 1, 60),
  },
  meeting: { durationMinutes: whole(true, 15, 480), location: { required: false, max: 200 } },
  // A series ends after `count` meetings or on its end date.
  'meeting-series': { count: whole(false, 2, 60), durationMinutes: whole(true, 15, 480), location: { required: false, max: 200 } },
  // The year's bounds depend on today (this year or the next): the use case says which.
  'analysis-round': { year: whole(true) },
  'voting-round': { voteBudget: whole(true, 1, 50), maxVotesPerArea: whole(true, 1, 50) },
  // Each area's votes; the round's own cap is checked by the use case.
  ballot: { '*': whole(false, 0) },
  proposal: {
    title: { required: true, max: 120 },
    description: { required: true, max: 1500 },
    obstacles: { required: false, max: 1500 },
  },
  'merge-proposals': { areaName: { required: true, max: 120 } },
  // An empty title takes the chosen proposal's title, so the field itself may stay empty.
  activity: { title: { required: false, max: 120 }, description: { required: false, max: 1500 } },
  assignment: {
    title: { required: true, max: 120 },
    targetGroupText: { required: true, max: 300 },
    purpose: { required: true, max: 1500 },
    activityText: { required: true, max: 1500 },
    reportingWeeks: whole(false, 1, 52),
    reportingDates: { required: false, max: 400 },
    goal: { required: true, max: 1500 },
    resources: { required: false, max: 1500 },
    finalReportForm: { required: true, max: 500 },
  },
  'confirm-decision': { minutes: { required: false, max: 200 } },
  'confirm-removal': { reason: { required: false, max: 300 } },
  // An uppdrag changed by the chair: every change needs its reason (kept in the history).
  // The goal as in the uppdragshandling (same limit as there).
  'assignment-change': { endDate: picked, convenerMemberId: picked, status: picked, goal: { required: true, max: 1500 }, reason: { required: true, max: 300 } },
  // Begär komplettering: what is missing is what the convener gets back.
  'final-report-return': { missing: { required: true, max: 1000 } },
  'implementation-plan': {
    subGoals: { required: false, max: 3000 },
    tasks: { required: false, max: 3000 },
    indicators: { required: false, max: 3000 },
  },
  // Which uppdrag and which kind of report: both picked (the card preselects them, Slack showed "(valfritt)").
  'choose-assignment': { assignmentId: picked, reportKind: picked },
  'sub-goal': { title: { required: true, max: 200 }, owner: { required: true, max: 120 }, dueDate: picked },
  'plan-task': { who: { required: true, max: 200 }, what: { required: true, max: 500 }, when: { required: true, max: 100 } },
  indicator: { name: { required: true, max: 200 }, unit: { required: true, max: 40 }, baseline: decimal, target: decimal, method: { required: true, max: 500 } },
  'progress-report': {
    progressText: requiredAnswer,
    statusColour: picked,
    worksWell: answer,
    worksLessWell: answer,
    timelineHolds: picked,
    // The indicators' measured values, one input per indicator (the sub-goals' colours are choices).
    '*': { required: false, number: { decimals: true } },
  },
  'final-report': {
    goalMet: picked,
    goalMetHow: requiredAnswer,
    addedValue: requiredAnswer,
    resultsJoint: requiredAnswer,
    resultsPerParty: requiredAnswer,
  },
  'follow-up': { inUse: picked, howUsed: requiredAnswer, nextSteps: answer },
  evaluation: {
    learnedChildrenAndYouth: answer,
    learnedAdults: answer,
    learnedPrevention: answer,
    learnedCollaboration: answer,
  },
  'new-homework': { title: { required: true, max: 150 }, questions: requiredAnswer, deadline: picked },
  'homework-answer': { '*': answer },
} as const satisfies Partial<Record<FormId, Record<string, FieldRule>>>;

/** The rule of one field; a data-made id falls back to the form's `*` rule. */
export function fieldRule(form: FormId, field: string): FieldRule | undefined {
  const rules = (FORM_FIELDS as Partial<Record<FormId, Record<string, FieldRule>>>)[form];
  return rules?.[field] ?? rules?.['*'];
}

/** The bounds of a number field; a field without a number rule is a programming error. */
export function numberRule(form: FormId, field: string): NumberRule['number'] {
  const rule = fieldRule(form, field);
  if (!rule || !('number' in rule)) throw new Error(`No number rule for ${form}.${field} in FORM_FIELDS`);
  return rule.number;
}

/** The inputs of `form` the bot refuses empty. */
export function requiredFields(form: FormId): string[] {
  const rules = (FORM_FIELDS as Partial<Record<FormId, Record<string, FieldRule>>>)[form] ?? {};
  return Object.entries(rules)
    .filter(([, rule]) => rule.required)
    .map(([field]) => field);
}
