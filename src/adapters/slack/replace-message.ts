// Replacing the message a person acted on instead of posting a new one, where that is what they expect:
// the members card after "Hämta medlemmar" shows the new members in place. A channel message is the bot's
// own, so chat.update replaces it; an ephemeral one only Slack's response_url can replace
// (replace_original). Small and separate so other replies (confirmations, refreshed cards) can use it.
import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** The message a button sat on, from the block_actions payload. */
export interface ActedOnMessage {
  channelId: string;
  ts: string;
  /** Shown to the clicking person only: chat.update cannot reach it, its response_url can. */
  ephemeral: boolean;
  respond?: RespondFn;
}

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/**
 * Replaces `acted` with `message` when both are for the same people (a channel card by a channel card, an
 * ephemeral one by a reply to the asker only). False when it did not: the caller posts as before. A
 * failed chat.update (the message was deleted meanwhile) is logged and also answered with false, so the
 * person still sees the result.
 */
export async function replaceActedOn(client: webApi.WebClient, acted: ActedOnMessage, message: SlackMessage, toAskerOnly: boolean, logger?: Logger): Promise<boolean> {
  if (acted.ephemeral !== toAskerOnly) return false;
  if (acted.ephemeral) {
    if (!acted.respond) return false;
    await acted.respond({ ...message, response_type: 'ephemeral', replace_original: true });
    return true;
  }
  try {
    await client.chat.update({ channel: acted.channelId, ts: acted.ts, ...message } as Parameters<webApi.WebClient['chat']['update']>[0]);
    return true;
  } catch (error) {
    logger?.warn({ err: error, channelId: acted.channelId }, 'slack: could not replace a message; posting the new one instead');
    return false;
  }
}
