// The regional action plan (regional handlingsplan psykisk hälsa): the focus areas (fokusområden) and
// goals (mål) every activity of a local action plan is tied to. Loaded and validated outside the core
// (src/regional-plan-file.ts); the core only looks codes up.

export interface RegionalGoal {
  code: string;
  name: string;
}

export interface RegionalFocusArea {
  code: string;
  name: string;
  goals: RegionalGoal[];
}

export interface RegionalPlan {
  name: string;
  focusAreas: RegionalFocusArea[];
}

export function findFocusArea(plan: RegionalPlan, code: string): RegionalFocusArea | undefined {
  return plan.focusAreas.find((area) => area.code === code);
}

export function findGoal(plan: RegionalPlan, focusAreaCode: string, goalCode: string): RegionalGoal | undefined {
  return findFocusArea(plan, focusAreaCode)?.goals.find((goal) => goal.code === goalCode);
}

/** Choice titles stay within what every host shows in a drop-down (Slack: 75 characters). */
const CHOICE_TITLE_MAX = 75;

export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One choice per goal, grouped by focus area in order; the value carries both codes. */
export function goalChoices(plan: RegionalPlan): { title: string; value: string }[] {
  return plan.focusAreas.flatMap((area) =>
    area.goals.map((goal) => ({
      title: shorten(`${goal.code} (${area.name}) ${goal.name}`, CHOICE_TITLE_MAX),
      value: goalChoiceValue(area.code, goal.code),
    })),
  );
}

export function goalChoiceValue(focusAreaCode: string, goalCode: string): string {
  return `${focusAreaCode}/${goalCode}`;
}

export function parseGoalChoice(value: string): { focusAreaCode: string; goalCode: string } | null {
  const [focusAreaCode, goalCode, ...rest] = value.split('/');
  return focusAreaCode && goalCode && rest.length === 0 ? { focusAreaCode, goalCode } : null;
}
