// What people type shows as typed wherever the bot writes markup around it: Teams Markdown in cards (escaped
// once by renderCard), Slack mrkdwn in blocks and the notification `text` (translated from the same card),
// and the Markdown exports of the plan and the uppdragshandling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, unescapeMarkdown } from '../../src/cards/card-markdown.js';
import { renderCard, type CardNode } from '../../src/cards/render-card.js';
import { fallbackText, toMessageBlocks } from '../../src/cards/block-kit-translator.js';
import { toMarkdown } from '../../src/exports/plan-document.js';
import { sv } from '../../src/i18n/sv.js';

const TYPED = '<!here> <@U123> <#C123> [klicka här](https://evil.example) **fet** _kursiv_ & <https://x.se|x>';

describe('Teams: user text in a card', () => {
  it('is escaped so that no mention, link, emphasis or entity comes of it', () => {
    const card = renderCard('notice', { t: sv, text: TYPED });
    expect((card.body![0] as CardNode).text).toBe(
      '\\<!here\\> \\<@U123\\> \\<\\#C123\\> \\[klicka här\\](https\\://evil\\.example) \\*\\*fet\\*\\* \\_kursiv\\_ \\& \\<https\\://x\\.se\\|x\\>',
    );
  });

  it('starts no heading, list, quote or numbered item at the start of any line', () => {
    const card = renderCard('notice', { t: sv, text: '# rubrik\n- punkt\n+ punkt\n> citat\n1. ett\n2) två\n===\n   ## indragen' });
    expect((card.body![0] as CardNode).text).toBe('\\# rubrik\n\\- punkt\n\\+ punkt\n\\> citat\n1\\. ett\n2\\) två\n\\===\n   \\#\\# indragen');
  });

  it('leaves a bare URL, a domain and an e-mail address unlinkable', () => {
    expect(escapeMarkdown('Se https://evil.example, www.evil.se eller skriv till a@evil.se')).toBe(
      'Se https\\://evil\\.example, www\\.evil\\.se eller skriv till a@evil\\.se',
    );
    // Ordinary punctuation and numbers stay as they are.
    expect(escapeMarkdown('Mötet kl. 13.00, sal 2 (plan 3). Klart!')).toBe('Mötet kl. 13.00, sal 2 (plan 3). Klart!');
  });

  it("keeps the bot's own list items in the lists it writes, and escapes what was typed inside them", () => {
    const card = renderCard('standing-item', {
      t: sv,
      title: 'Stående punkt',
      meetingLine: 'Möte',
      planLine: 'Plan',
      sections: [{ heading: 'Rapporter', chunks: [{ text: '- Rapport: **viktigt**\n- # Uppdrag [x](https://evil.example)' }] }],
    });
    const texts = JSON.stringify(card);
    expect(texts).toContain(JSON.stringify('- Rapport: \\*\\*viktigt\\*\\*\n- \\# Uppdrag \\[x\\](https\\://evil\\.example)'));
    expect(texts).not.toContain('$list');
  });

  it('escapes the facts of a FactSet too', () => {
    const card = renderCard('members', { t: sv, title: 'Medlemmar', count: '1', chunks: [{ facts: [{ title: '**Bo**', value: '[x](https://evil.example)' }] }] });
    expect(JSON.stringify(card)).toContain('"title":"\\\\*\\\\*Bo\\\\*\\\\*","value":"\\\\[x\\\\](https\\\\://evil\\\\.example)"');
  });

  it('reads back exactly as typed: unescaping an escaped text gives the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab1 .:/\\*_[]()<>&~|#-+=!`\n\r'.split('')), maxLength: 40 }), fc.boolean(), (text, list) =>
        unescapeMarkdown(escapeMarkdown(text, list)) === text,
      ),
      { numRuns: 1000, seed: 13 },
    );
  });
});

describe('Slack: the same card', () => {
  it('shows the characters typed, with &, < and > escaped in the blocks and in the notification text', () => {
    const card = renderCard('notice', { t: sv, text: TYPED });
    const escaped = '&lt;!here&gt; &lt;@U123&gt; &lt;#C123&gt; [klicka här](https://evil.example) **fet** _kursiv_ &amp; &lt;https://x.se|x&gt;';
    expect(toMessageBlocks(card)).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: escaped } }]);
    expect(fallbackText(card)).toBe(escaped);
  });

  it('shows a typed heading as plain text, without the Markdown escapes', () => {
    const card = renderCard('meetings', { t: sv, title: 'Möten för LSG <!channel> & *co*', meetings: [], empty: 'Inga möten' });
    expect(toMessageBlocks(card)[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Möten för LSG <!channel> & *co*', emoji: true } });
    expect(fallbackText(card)).toBe('Möten för LSG &lt;!channel&gt; &amp; *co*');
  });
});

describe('the Markdown export', () => {
  it('writes typed text so that it reads back as typed and makes no heading, link, list, table or HTML', () => {
    const markdown = toMarkdown({
      title: 'Uppdrag # [x](https://evil.example)',
      subtitle: 'LSG _Uddevalla_',
      sections: [
        { heading: 'Syfte\n# inskjuten rubrik', paragraphs: ['# Rubrik\n- punkt\n| a | b |\n|---|---|\n<script>alert(1)</script>'], bullets: ['**fet** <b>html</b>', '1. ett'] },
      ],
    });
    expect(markdown.split('\n')).toEqual([
      '# Uppdrag \\# \\[x\\](https\\://evil\\.example)',
      '',
      '_LSG \\_Uddevalla\\__',
      '',
      '## Syfte \\# inskjuten rubrik',
      '',
      '\\# Rubrik',
      '\\- punkt',
      '\\| a \\| b \\|',
      '\\|---\\|---\\|',
      '\\<script\\>alert(1)\\</script\\>',
      '',
      '- \\*\\*fet\\*\\* \\<b\\>html\\</b\\>',
      '- 1\\. ett',
      '',
    ]);
    // Read back: without the escapes each line is the text as typed.
    expect(unescapeMarkdown(markdown.split('\n')[0]!)).toBe('# Uppdrag # [x](https://evil.example)');
    expect(unescapeMarkdown(markdown.split('\n').slice(6, 11).join('\n'))).toBe('# Rubrik\n- punkt\n| a | b |\n|---|---|\n<script>alert(1)</script>');
  });
});
