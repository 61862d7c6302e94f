// Refused download links (issue 18 item 6): every kind of link says what it was a link to and how to get a
// new one, in both languages, for each reason (expired, invalid, gone); the old text about "kalenderfilen"
// and `möten` is now only the calendar's.
import { describe, expect, it } from 'vitest';
import { linkRefusalText, type LinkKind } from '../../src/exports/link-refusal.js';
import { catalog } from '../../src/i18n/index.js';

const KINDS: LinkKind[] = ['calendar', 'plan', 'assignment', 'file', 'finalReport', 'regional', 'personalData'];

describe('a refused link', () => {
  it('names the plan and the plan command, not the calendar', () => {
    expect(linkRefusalText(catalog('sv'), 'plan', 'expired')).toBe('Länken till den lokala handlingsplanen har gått ut. Skriv "plan" i gruppens kanal, så får du en ny länk.');
    expect(linkRefusalText(catalog('sv'), 'finalReport', 'invalid')).toBe(
      'Länken till slutrapporten är ogiltig: den kan ha kortats av eller ändrats. Skriv "exportera" i gruppens kanal och välj slutrapporten, så får du en ny länk.',
    );
    expect(linkRefusalText(catalog('en'), 'assignment', 'missing')).toBe('What the link to the assignment document pointed at no longer exists. Write "assignment" in the group channel to get a new link.');
  });

  it('says something of its own for every kind and reason, and only the calendar mentions meetings', () => {
    for (const locale of ['sv', 'en'] as const) {
      const texts = KINDS.flatMap((kind) => (['expired', 'invalid', 'missing'] as const).map((why) => linkRefusalText(catalog(locale), kind, why)));
      expect(new Set(texts).size).toBe(texts.length);
      for (const text of texts) expect(text).not.toMatch(/[{}]/);
    }
    for (const kind of KINDS.filter((kind) => kind !== 'calendar')) expect(linkRefusalText(catalog('sv'), kind, 'expired')).not.toMatch(/kalender|möten/);
  });
});
