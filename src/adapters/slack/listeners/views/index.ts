// Modal submissions. callback_id = the FormId; private_metadata = the channel the form belongs to.
import type { App } from '@slack/bolt';
import { FORMS, SAVE_DRAFT_ACTION } from '../../../../core/events.js';
import { isOutsideGroupNotice } from '../../../../core/use-cases/show-help.js';
import { deliver, formModal, modalMessage } from '../../deliver.js';
import { actorFor, actorNow, answer, channelFor, refreshName, reportFailure, type SlackEdgeContext } from '../../edge-context.js';
import { format } from '../../../../i18n/index.js';
import { catalogOf } from '../../../../cards/render-card.js';
import type { Actor } from '../../../../core/events.js';
import { callerOf, flattenViewState, fromModalMetadata, isFormId, slackChannel, type ModalMetadata } from '../../to-event.js';
import type { webApi } from '@slack/bolt';

const FORM_CALLBACKS = new RegExp(`^(${FORMS.join('|')})$`);
/** Every other callback_id (Bolt would leave it unanswered for 3 s, then fail it). */
const UNKNOWN_CALLBACKS = new RegExp(`^(?!(?:${FORMS.join('|')})$)`);

/**
 * The modal's channel: its id from private_metadata (we wrote it), its workspace from the installation,
 * so a crafted private_metadata cannot move a form into another workspace's group.
 */
async function channelOf(edge: SlackEdgeContext, client: webApi.WebClient, metadata: ModalMetadata) {
  return channelFor(edge, client, metadata.channel.channelId, metadata.channel.channelName);
}

export function register(app: App, edge: SlackEdgeContext): void {
  app.view({ type: 'view_submission', callback_id: FORM_CALLBACKS }, async ({ ack, body, view, client }) => {
    let acked = false;
    let channel = slackChannel('', '', null);
    let actor: Actor | null = null;
    try {
      const metadata = fromModalMetadata(view.private_metadata);
      channel = await channelOf(edge, client, metadata);
      const form = view.callback_id;
      if (!isFormId(form)) throw new Error(`unknown form ${form}`);
      // The answer decides the HTTP response (errors stay in the open modal), so the core runs before ack().
      const reply = await edge.bot.handle({
        type: 'form-submitted',
        form,
        // Hidden context wins over typed values: the person cannot edit it in the modal either.
        values: { ...flattenViewState(view.state.values), ...metadata.context },
        channel,
        // The stored or the payload's name: the ack must not wait for users.info (a Slack slower than 3 s
        // made Bolt answer 404 while the form was stored, and a resubmit stored it twice).
        actor: (actor = await actorNow(edge, client, callerOf(body), body.user.id, body.user.name)),
      });
      if (isOutsideGroupNotice(reply)) {
        // No group to submit to (the bot was removed meanwhile) or not theirs: said in the open modal,
        // which keeps everything typed.
        await ack(modalMessage(view, reply.data.text, catalogOf(reply.data)));
        acked = true;
        return;
      }
      if (reply.kind === 'form-errors') {
        // block_id = input id = field name, so each message lands under its field; Slack keeps what was typed.
        await ack({ response_action: 'errors', errors: reply.errors });
        acked = true;
        return;
      }
      if (reply.kind === 'form') {
        // The next form replaces this one in the same view (same view id): its long lists go with it.
        const next = formModal(reply.form, reply, channel);
        edge.suggestions.remember(body.view.id, body.user.id, next.suggestions);
        await ack({ response_action: 'update', view: next.view });
        acked = true;
        return;
      }
      await ack();
      acked = true;
      await deliver(reply, { client, channel, userId: body.user.id, logger: edge.logger });
    } catch (error) {
      if (!acked) {
        // Still inside the 3 s window: show the generic error in the modal, which keeps everything typed.
        edge.logger.error({ err: error, what: `view ${view.callback_id}` }, 'slack: could not handle a form');
        await ack(modalMessage(view, edge.fallbackCatalog.errors.generic, edge.fallbackCatalog));
        return;
      }
      await reportFailure(edge, `view ${view.callback_id}`, error, { client, channel, userId: body.user.id });
    } finally {
      if (acked && actor) await refreshName(edge, client, channel, actor);
    }
  });

  // A form this version does not know (a modal an older version opened, or a crafted callback_id):
  // answered at once, in the modal, instead of Bolt leaving it unanswered for 3 s. Nothing is stored.
  app.view({ type: 'view_submission', callback_id: UNKNOWN_CALLBACKS }, async ({ ack, view }) => {
    const form = String(view.callback_id).slice(0, 60);
    edge.logger.warn({ callbackId: form }, 'slack: unknown form submitted');
    await ack(modalMessage(view, format(edge.fallbackCatalog.errors.unknownForm, { form }), edge.fallbackCatalog));
  });
  app.view({ type: 'view_closed', callback_id: UNKNOWN_CALLBACKS }, async ({ ack }) => {
    await ack();
  });

  // Forms that keep drafts open their modal with notify_on_close: closing it keeps what was typed, as the
  // "Spara utkast" button does in Teams. The confirmation goes to the person only.
  app.view({ type: 'view_closed', callback_id: FORM_CALLBACKS }, async ({ ack, body, view, client }) => {
    await ack();
    let metadata: ReturnType<typeof fromModalMetadata>;
    try {
      metadata = fromModalMetadata(view.private_metadata);
    } catch {
      // We wrote private_metadata ourselves, so this is a forged or corrupted payload; the modal is gone
      // and no channel is known, so there is nobody to tell.
      edge.logger.warn({ what: `view_closed ${view.callback_id}` }, 'slack: a closed modal carried unreadable private_metadata; no draft kept');
      return;
    }
    const channel = await channelOf(edge, client, metadata);
    await answer(edge, `view_closed ${view.callback_id}`, { client, channel, userId: body.user.id, privately: true }, async () => ({
      type: 'button',
      action: SAVE_DRAFT_ACTION,
      args: { ...flattenViewState(view.state.values), ...metadata.context },
      channel,
      actor: await actorFor(edge, client, callerOf(body), body.user.id, body.user.name),
    }));
  });
}
