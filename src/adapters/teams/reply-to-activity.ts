// The core's neutral Reply as what Teams shows: an Adaptive Card message, or an Action.Execute invoke
// response that replaces the card the user pressed.
import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Reply } from '../../core/events.js';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card.js';
import { paragraphBreaks, unescapeMarkdown } from '../../cards/card-markdown.js';
import { withOriginChannel } from '../../cards/origin-channel.js';

export const ADAPTIVE_CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ERROR_RESPONSE_TYPE = 'application/vnd.microsoft.error';
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';

/**
 * The card of a reply as Teams shows it; a form with errors is re-rendered with what was typed and one
 * message per field. Lines of a text are paragraphs (card-markdown.ts paragraphBreaks).
 */
export function cardOf(reply: Reply): AdaptiveCardJson {
  const card = renderedCard(reply);
  paragraphBreaks(card);
  return card;
}

function renderedCard(reply: Reply): AdaptiveCardJson {
  switch (reply.kind) {
    case 'card':
    // Teams gets a file as the card with its signed link: the bot cannot attach files in channels.
    case 'file':
      return renderCard(reply.card, reply.data);
    case 'form':
      return renderCard(reply.form, reply.data);
    case 'form-errors':
      return renderCard(reply.form, reply.data, reply.errors);
  }
}

/**
 * The first text of a card (its heading, or the whole text of a notice), in the group's language. Teams
 * shows it in notifications and the activity feed, and clients that cannot render the card show it instead.
 */
export function summaryOf(card: AdaptiveCardJson): string {
  const first = card.body?.find((node) => node.type === 'TextBlock' && typeof node.text === 'string');
  // Notifications show plain text: the characters themselves, not the Markdown escapes of the card.
  return typeof first?.text === 'string' ? unescapeMarkdown(first.text) : '';
}

/** Adds the text fallback the Adaptive Card schema defines, for hosts that cannot render version 1.5. */
function withFallback(card: AdaptiveCardJson): AdaptiveCardJson {
  const summary = summaryOf(card);
  return summary && card.fallbackText === undefined ? { ...card, fallbackText: summary } : card;
}

/** A message activity carrying the card as an attachment, with its summary as text fallback. */
export function cardMessage(card: AdaptiveCardJson): Partial<Activity> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(withFallback(card)));
  const summary = summaryOf(card);
  if (summary) message.summary = summary;
  return message;
}

/** `originChannelId`: the group channel a card in a private chat acts for (see withOriginChannel). */
export function replyMessage(reply: Reply, originChannelId?: string): Partial<Activity> {
  return cardMessage(cardFor(reply, originChannelId));
}

/** Universal Actions: the card that replaces the one whose Action.Execute was pressed. */
export function invokeCardResponse(reply: Reply, originChannelId?: string): AdaptiveCardInvokeResponse {
  return invokeCardAnswer(cardFor(reply, originChannelId));
}

/** The same, for a card already rendered (one that is also posted to the channel). */
export function invokeCardAnswer(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_RESPONSE_TYPE, value: withFallback(card) };
}

function cardFor(reply: Reply, originChannelId: string | undefined): AdaptiveCardJson {
  return withOriginChannel(cardOf(reply), originChannelId);
}

/** Universal Actions error response: Teams keeps the card (and what was typed) and shows the message. */
export function invokeErrorResponse(statusCode: 400 | 500, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: ERROR_RESPONSE_TYPE, value: { code, message } };
}

/**
 * Universal Actions message response: Teams shows `text` to the person who pressed only, and the card
 * stays as it was for everyone in the conversation.
 */
export function invokeMessageResponse(text: string): AdaptiveCardInvokeResponse {
  // The schema types value as an object; a message response's value is the text itself.
  return { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text as unknown as Record<string, unknown> };
}

