// Options of long lists as the person types (block_suggestion of an external_select): acked at once with at
// most 100 options matching the typed text, from what the modal was opened with (suggestions.ts).
import type { App } from '@slack/bolt';
import { NONE } from '../../../../core/use-cases/form-checks.js';
import type { SlackEdgeContext } from '../../edge-context.js';

export function register(app: App, edge: SlackEdgeContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body: payload }) => {
    const viewId = payload.view?.id ?? '';
    const known = edge.suggestions.knows(viewId, payload.user.id);
    if (!known) {
      // Opened by a process that has restarted since (or by another instance): say so instead of an empty list.
      edge.logger.info({ actionId: payload.action_id }, 'slack: options asked for a list this process does not hold');
      await ack({ options: [{ text: { type: 'plain_text', text: edge.fallbackCatalog.errors.listExpired }, value: NONE }] });
      return;
    }
    await ack({ options: edge.suggestions.matching(viewId, payload.user.id, payload.action_id, payload.value ?? '') });
  });
}
