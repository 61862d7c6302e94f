// Options of long lists as the person types (block_suggestion of an external_select): acked at once with at
// most 100 options matching the typed text, from what the modal was opened with (suggestions.ts).
import type { App } from '@slack/bolt';
import type { SlackEdgeContext } from '../../edge-context.js';

export function register(app: App, edge: SlackEdgeContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body: payload }) => {
    const viewId = payload.view?.id ?? '';
    const options = edge.suggestions.matching(viewId, payload.user.id, payload.action_id, payload.value ?? '');
    if (options.length === 0) edge.logger.info({ actionId: payload.action_id, known: Boolean(viewId) }, 'slack: no options for a long list');
    await ack({ options });
  });
}
