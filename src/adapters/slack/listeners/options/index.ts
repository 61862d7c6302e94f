// Options of long lists as the person types (block_suggestion of an external_select): acked at once with at
// most 100 options matching the typed text, from what the modal was opened with (suggestions.ts). A process
// that does not hold the lists (another instance, or one restarted since the modal opened) rebuilds them by
// asking the core again what the modal's opener (a read-only request, kept in private_metadata) showed, as
// the person typing: the same rights as when it opened. Without an opener it says how to get the list back.
import type { App, webApi } from '@slack/bolt';
import type { InboundEvent } from '../../../../core/events.js';
import { NONE } from '../../../../core/use-cases/form-checks.js';
import { matchingOptions, type SlackOption } from '../../../../cards/block-kit-translator.js';
import { formModal } from '../../deliver.js';
import { actorNow, channelFor, type SlackEdgeContext } from '../../edge-context.js';
import { callerOf, fromModalMetadata, type InteractionBody, type ModalOpener } from '../../to-event.js';

interface SuggestionPayload extends InteractionBody {
  user: { id: string; name?: string; team_id?: string };
  view?: { id?: string; private_metadata?: string };
  action_id: string;
  value?: string;
}

/** The modal's lists rebuilt from its opener, or null when there is none or it no longer opens a form. */
async function rebuilt(edge: SlackEdgeContext, client: webApi.WebClient, payload: SuggestionPayload): Promise<Record<string, SlackOption[]> | null> {
  const metadata = fromModalMetadata(payload.view?.private_metadata ?? '');
  const opener: ModalOpener | undefined = metadata.opener;
  if (!opener) return null;
  // The channel's workspace from the installation, the person's from the signed payload (never from metadata).
  const channel = await channelFor(edge, client, metadata.channel.channelId, metadata.channel.channelName);
  const actor = await actorNow(edge, client, callerOf(payload), payload.user.id, payload.user.name);
  const event = (opener.kind === 'button' ? { type: 'button', action: opener.action, args: opener.args } : { type: 'command', command: opener.command, text: opener.text }) as InboundEvent;
  const reply = await edge.bot.handle({ ...event, channel, actor } as InboundEvent);
  if (reply.kind !== 'form' && reply.kind !== 'form-errors') return null;
  return formModal(reply.form, reply, channel, opener).suggestions;
}

export function register(app: App, edge: SlackEdgeContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body, client }) => {
    const payload = body as unknown as SuggestionPayload;
    const viewId = payload.view?.id ?? '';
    const typed = payload.value ?? '';
    if (edge.suggestions.knows(viewId, payload.user.id)) {
      await ack({ options: edge.suggestions.matching(viewId, payload.user.id, payload.action_id, typed) });
      return;
    }
    let lists: Record<string, SlackOption[]> | null = null;
    try {
      lists = await rebuilt(edge, client, payload);
    } catch (error) {
      edge.logger.warn({ err: error, actionId: payload.action_id }, 'slack: could not rebuild a modal list');
    }
    if (!lists) {
      edge.logger.info({ actionId: payload.action_id }, 'slack: options asked for a list this process does not hold');
      await ack({ options: [{ text: { type: 'plain_text', text: edge.fallbackCatalog.errors.listExpired }, value: NONE }] });
      return;
    }
    // Kept here too, so the next keystrokes are answered from memory.
    edge.suggestions.remember(viewId, payload.user.id, lists);
    await ack({ options: matchingOptions(lists[payload.action_id] ?? [], typed) });
  });
}
