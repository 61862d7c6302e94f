// Cards a bot posts in a person's private chat (Teams 1:1 chat, Slack DM) on behalf of a group: every
// button's data names the group's channel, so a press there acts for that group. The adapters read it
// back only from presses in a private chat, and the core lets only an existing member of that group act
// (ChannelAddress.viaPersonalChat): the card names the channel, never who may use it.
import type { AdaptiveCardJson } from './render-card.js';

/** The key in a button's data that names the group channel a card in a private chat acts for. */
export const ORIGIN_CHANNEL_KEY = 'originChannelId';

/**
 * The card with every Action.Execute / Action.Submit's data naming the group channel `channelId`. A button
 * that already names one keeps it (a list across the person's groups, e.g. "Mina uppgifter"). Without a
 * `channelId` (a card for the channel itself) the card is returned as it is.
 */
export function withOriginChannel(card: AdaptiveCardJson, channelId: string | undefined): AdaptiveCardJson {
  if (!channelId) return card;
  const mark = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(mark);
    if (!node || typeof node !== 'object') return node;
    const record = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mark(value)]));
    const isSubmit = record.type === 'Action.Execute' || record.type === 'Action.Submit';
    if (!isSubmit) return record;
    const data = record.data && typeof record.data === 'object' ? record.data : {};
    const named = (data as Record<string, unknown>)[ORIGIN_CHANNEL_KEY];
    return { ...record, data: { ...data, [ORIGIN_CHANNEL_KEY]: typeof named === 'string' && named ? named : channelId } };
  };
  return mark(card) as AdaptiveCardJson;
}
