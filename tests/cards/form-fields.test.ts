// Every text input of every form lets people type exactly what the bot accepts: the card's maxLength (which
// Teams enforces and the translator gives Slack as max_length) equals the rule the use case validates with
// (src/core/form-fields.ts). Before, Slack let people type 3000 characters into a report field the bot
// refused above 2000, and 400 into a meeting place it refused above 200.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMS, type FormId } from '../../src/core/events.js';
import { FORM_FIELDS, fieldRule, requiredFields } from '../../src/core/form-fields.js';
import { templatePath } from '../../src/cards/render-card.js';

interface Input {
  type: string;
  id: string;
  maxLength?: unknown;
  isRequired?: unknown;
}

function inputsOf(form: FormId): Input[] {
  const found: Input[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.')) found.push(record as unknown as Input);
      Object.values(record).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(templatePath(form), 'utf8')));
  return found;
}

/** A template id made from data ("${id}") follows the form's `*` rule. */
const ruleKey = (id: string) => (id.includes('${') ? '*' : id);

describe('form field limits: one source for cards and validation', () => {
  it.each(FORMS.map((form) => [form]))('%s: every Input.Text has the maxLength the bot accepts', (form) => {
    for (const input of inputsOf(form).filter((node) => node.type === 'Input.Text')) {
      const rule = fieldRule(form, ruleKey(input.id));
      expect(rule && 'max' in rule, `${form}.${input.id} has no text rule in FORM_FIELDS`).toBe(true);
      expect(input.maxLength, `${form}.${input.id}`).toBe((rule as { max: number }).max);
    }
  });

  it.each(Object.keys(FORM_FIELDS).map((form) => [form as FormId]))('%s: every rule names an input of the card', (form) => {
    const inputs = inputsOf(form);
    for (const [field, rule] of Object.entries(FORM_FIELDS[form as keyof typeof FORM_FIELDS])) {
      const input = inputs.find((node) => ruleKey(node.id) === field);
      expect(input, `${form}.${field}`).toBeDefined();
      if ('max' in rule) expect(input!.type, `${form}.${field}`).toBe('Input.Text');
    }
  });

  it('marks required what the bot refuses empty, whatever the card says for Teams drafts', () => {
    expect(requiredFields('progress-report')).toEqual(['progressText', 'statusColour', 'timelineHolds']);
    expect(requiredFields('evaluation')).toEqual([]);
    expect(requiredFields('new-homework')).toEqual(['title', 'questions', 'deadline']);
    // A card that marks an input required never disagrees with the table.
    for (const form of FORMS) {
      for (const input of inputsOf(form).filter((node) => node.isRequired === true)) {
        const rule = fieldRule(form, ruleKey(input.id));
        if (rule) expect(rule.required, `${form}.${input.id}`).toBe(true);
      }
    }
  });
});
