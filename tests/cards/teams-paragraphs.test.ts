// Teams renders a TextBlock as Markdown, where one line break is none: lines the bot joins with "\n" would
// run together as one paragraph. Teams' cards get a blank line between them; the bot's own list items stay
// a tight list, text a person typed keeps its lines (and its escapes), and Slack keeps single breaks.
import { describe, expect, it } from 'vitest';
import { groupNotice } from '../../src/core/use-cases/show-help.js';
import { cardOf } from '../../src/adapters/teams/reply-to-activity.js';
import { renderCard } from '../../src/cards/render-card.js';
import { paragraphBreaks } from '../../src/cards/card-markdown.js';
import { toMessageBlocks } from '../../src/cards/block-kit-translator.js';
import { catalog } from '../../src/i18n/index.js';
import { collectCardTexts } from '../support/fake-bot-connector.js';

const t = catalog('sv');

describe('paragraphs in Teams cards', () => {
  it('turns each single line break into a paragraph break', () => {
    const reply = groupNotice(t, 'Uppdraget är givet.\nSammankallande: Cilla Berg\nSlutdatum: 2027-06-30');
    expect(collectCardTexts(cardOf(reply))).toContain('Uppdraget är givet.\n\nSammankallande: Cilla Berg\n\nSlutdatum: 2027-06-30');
  });

  it('keeps blank lines as they are and the bot\'s own list items tight', () => {
    // As escapeCardTexts leaves a "$list" TextBlock: the bot's "- " items unescaped.
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Förslag:\n- Suicidprevention\n- SIP för unga\n1. Först\n\nRösta senast fredag.' }] };
    paragraphBreaks(card);
    expect(card.body[0]!.text).toBe('Förslag:\n- Suicidprevention\n- SIP för unga\n1. Först\n\nRösta senast fredag.');
  });

  it('makes a line a person typed starting with "- " a paragraph of its own, still escaped (no list made of it)', () => {
    const card = cardOf(groupNotice(t, 'Svar:\n- inte en punkt'));
    expect(JSON.stringify(card.body)).toContain(JSON.stringify('Svar:\n\n\\- inte en punkt'));
  });

  it('leaves Slack\'s single line breaks alone', () => {
    const reply = groupNotice(t, 'Rad ett\nRad två');
    if (reply.kind !== 'card') throw new Error('expected a card');
    const blocks = JSON.stringify(toMessageBlocks(renderCard(reply.card, reply.data)));
    expect(blocks).toContain('Rad ett\\nRad två');
  });
});

describe('no other platform\'s wording', () => {
  it('tells Teams users to @mention the bot and Slack users to use the slash command, each card only its own', async () => {
    const { helpCard } = await import('../../src/core/use-cases/show-help.js');
    const teams = JSON.stringify(renderCard('help', (helpCard(t, 'teams') as { data: Record<string, unknown> }).data));
    const slack = JSON.stringify(renderCard('help', (helpCard(t, 'slack') as { data: Record<string, unknown> }).data));
    expect(teams).toContain('@Samverkansbot plan');
    expect(teams).not.toMatch(/\/samverkan|\/rapport|Slack/);
    expect(slack).toContain('/samverkan plan');
    expect(slack).not.toMatch(/@Samverkansbot|Teams/);
  });
});
