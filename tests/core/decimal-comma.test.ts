// Decimals as Swedes write them and as number inputs send them: "3,5" typed, "3.5" from Slack's
// number_input and Teams' Input.Number, "3,5" shown in Swedish texts and read back unchanged.
import { describe, expect, it } from 'vitest';
import type { ImplementationPlan } from '../../src/core/domain.js';
import { parseDecimal } from '../../src/core/use-cases/form-checks.js';
import { parsePlan, planToText } from '../../src/core/use-cases/implementation-plan.js';
import { sv } from '../../src/i18n/sv.js';

describe('decimal comma', () => {
  it('reads a number however it was typed or sent', () => {
    expect(['3,5', '3.5', ' 1 200 ', '\u22122', '12'].map(parseDecimal)).toEqual([3.5, 3.5, 1200, -2, 12]);
    expect(['', 'tre', '3,5,1', '1e3'].map(parseDecimal)).toEqual([null, null, null, null]);
  });

  it('shows an implementation plan\'s decimals with a comma in Swedish and reads them back', () => {
    const plan = {
      subGoals: [],
      tasks: [],
      indicators: [{ id: 'i2', name: 'Andel nöjda familjer', unit: '%', baseline: 55.5, target: 80, method: 'Enkät' }],
    } as unknown as ImplementationPlan;
    const text = planToText(plan, 'sv');
    expect(text.indicators).toBe('Andel nöjda familjer ; % ; 55,5 ; 80 ; Enkät');
    expect(planToText(plan, 'en').indicators).toContain('; 55.5 ;');
    const parsed = parsePlan(sv, text, plan, 'Europe/Stockholm');
    expect(parsed.errors).toEqual({});
    expect(parsed.indicators).toMatchObject([{ baseline: 55.5, target: 80 }]);
  });
});
