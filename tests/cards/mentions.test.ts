// @mentions on group posts (issue 16): one card carries them — a line of `<at>Name</at>` after the heading
// and msteams.entities naming each person — which Teams renders natively and the Block Kit translator
// turns into Slack's `<@U…>`. Too many people are not mentioned at all (MAX_MENTIONS).
import { describe, expect, it } from 'vitest';
import { cardOf } from '../../src/adapters/teams/reply-to-activity.js';
import { toMessageBlocks } from '../../src/cards/block-kit-translator.js';
import { MAX_MENTIONS, mentioning, mentionsOf } from '../../src/core/mentions.js';
import type { Member } from '../../src/core/domain.js';
import { groupNotice } from '../../src/core/use-cases/show-help.js';
import { catalog } from '../../src/i18n/index.js';
import { parserProblems, schemaProblems } from '../support/adaptive-card-checks.js';

const t = catalog('sv');

function member(platform: Member['platform'], platformUserId: string, displayName: string): Member {
  return { id: `m-${platformUserId}`, groupId: 'g', platform, tenantId: 'T', platformUserId, displayName, organisationId: null, roles: ['ledamot'], substituteForMemberId: null, chatUserId: null, createdAt: new Date(0) };
}

describe('mentions', () => {
  it('puts the mentions after the heading with the entities Teams matches, in a valid card', () => {
    const people = [member('teams', 'aad-bo', 'Bo Ledamot'), member('teams', 'aad-cilla', 'Cilla <Kommun> & co')];
    const card = cardOf(mentioning(groupNotice(t, 'Röstningen är öppen.'), mentionsOf(people, 'teams')));
    expect(parserProblems(card)).toEqual([]);
    expect(schemaProblems(card)).toEqual([]);
    const line = card.body!.find((node) => node.id === 'mentions')!;
    expect(line.text).toBe('<at>Bo Ledamot</at> <at>Cilla Kommun & co</at>');
    expect((card as { msteams?: unknown }).msteams).toEqual({
      entities: [
        { type: 'mention', text: '<at>Bo Ledamot</at>', mentioned: { id: 'aad-bo', name: 'Bo Ledamot' } },
        { type: 'mention', text: '<at>Cilla Kommun & co</at>', mentioned: { id: 'aad-cilla', name: 'Cilla <Kommun> & co' } },
      ],
    });
    // Every entity's text is in the card, as Teams requires.
    for (const entity of (card as unknown as { msteams: { entities: { text: string }[] } }).msteams.entities) expect(line.text).toContain(entity.text);
  });

  it('renders the same card for Slack with <@U…> mentions, and a name where the id is not a Slack user', () => {
    const people = [member('slack', 'U0BO', 'Bo Ledamot'), member('slack', 'not-an-id', 'Dan <Å>')];
    const blocks = toMessageBlocks(cardOf(mentioning(groupNotice(t, 'Röstningen är öppen.'), mentionsOf(people, 'slack'))));
    expect(blocks).toContainEqual({ type: 'section', text: { type: 'mrkdwn', text: '<@U0BO> Dan &lt;Å&gt;' } });
    expect(JSON.stringify(blocks)).not.toContain('<at>');
  });

  it('mentions only people on the platform of the post, and nobody when they are too many', () => {
    const slackOnes = Array.from({ length: MAX_MENTIONS }, (_, index) => member('slack', `U0M${index}`, `Person ${index}`));
    expect(mentionsOf([...slackOnes, member('teams', 'aad-x', 'X')], 'slack')).toHaveLength(MAX_MENTIONS);
    expect(mentionsOf([...slackOnes, member('slack', 'U0EXTRA', 'En till')], 'slack')).toEqual([]);
    // A card without mentions has no mentions line.
    expect(cardOf(groupNotice(t, 'Inget')).body!.some((node) => node.id === 'mentions')).toBe(false);
  });
});
