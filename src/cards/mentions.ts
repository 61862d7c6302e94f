// @mentions of the people a group post asks to act (members who have not voted, the convener whose
// report is due). The card carries them the way Teams reads them — a TextBlock of `<at>Name</at>` and the
// card's msteams.entities naming each person's id — and the Block Kit translator turns the same block into
// Slack's `<@U…>`. So one card is the single source on both platforms, as every other card is.
import type { AdaptiveCardJson } from './render-card.js';

/** A person to mention: their platform user id (Slack user id; Teams Entra object id) and shown name. */
export interface Mention {
  id: string;
  name: string;
}

/** The id of the TextBlock that holds the mentions; the translator looks for it. */
export const MENTIONS_BLOCK_ID = 'mentions';

interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/** `<at>` text Teams matches against the entity; a name cannot close the tag early. */
function atText(name: string): string {
  return `<at>${name.replace(/[<>]/g, '')}</at>`;
}

/** The card with a line mentioning `mentions` after its heading, and the entities Teams needs for them. */
export function withMentions(card: AdaptiveCardJson, mentions: readonly Mention[]): AdaptiveCardJson {
  if (mentions.length === 0) return card;
  const entities: MentionEntity[] = mentions.map((mention) => ({ type: 'mention', text: atText(mention.name), mentioned: { id: mention.id, name: mention.name } }));
  const line = { type: 'TextBlock', id: MENTIONS_BLOCK_ID, text: entities.map((entity) => entity.text).join(' '), wrap: true };
  const body = [...(card.body ?? [])];
  body.splice(Math.min(1, body.length), 0, line);
  const msteams = (card as { msteams?: Record<string, unknown> }).msteams ?? {};
  return { ...card, body, msteams: { ...msteams, entities } } as AdaptiveCardJson;
}

/** The mentioned people of a card, as withMentions put them, in order. */
export function cardMentions(card: AdaptiveCardJson): Mention[] {
  const entities = (card as { msteams?: { entities?: unknown } }).msteams?.entities;
  if (!Array.isArray(entities)) return [];
  return entities.flatMap((entity) => {
    const mentioned = (entity as { type?: unknown; mentioned?: { id?: unknown; name?: unknown } }).mentioned;
    return (entity as { type?: unknown }).type === 'mention' && typeof mentioned?.id === 'string' ? [{ id: mentioned.id, name: String(mentioned.name ?? '') }] : [];
  });
}
