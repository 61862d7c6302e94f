// The options of a modal's long lists (external_select: more than Slack's 100 options, e.g. 106 members),
// kept from the moment the modal is opened until Slack asks for them (block_suggestion) as the person
// types. Slack sends only the view id, the input and the typed text, so the list lives here, per process,
// for the few hours a modal stays open; bounded so a busy day cannot grow it without end.
import { matchingOptions, type SlackOption } from '../../cards/block-kit-translator.js';

interface Kept {
  userId: string;
  options: Record<string, SlackOption[]>;
  until: number;
}

export interface ModalSuggestions {
  /** After views.open / views.update / response_action update: what the view `viewId` lists. */
  remember(viewId: string, userId: string, options: Record<string, SlackOption[]>): void;
  /** Whether this process holds the lists of the view `viewId` opened for `userId`. */
  knows(viewId: string, userId: string): boolean;
  /** At most 100 options of that input matching `typed`; none for an unknown view or another person. */
  matching(viewId: string, userId: string, actionId: string, typed: string): SlackOption[];
}

const KEEP_MS = 12 * 3600 * 1000;
const MAX_VIEWS = 2000;

export function createModalSuggestions(now: () => number = Date.now): ModalSuggestions {
  const kept = new Map<string, Kept>();
  return {
    remember(viewId, userId, options) {
      kept.delete(viewId);
      if (Object.keys(options).length === 0) return;
      kept.set(viewId, { userId, options, until: now() + KEEP_MS });
      // Map keeps insertion order: the oldest views go first.
      for (const [id, entry] of kept) {
        if (kept.size <= MAX_VIEWS && entry.until > now()) break;
        kept.delete(id);
      }
    },
    knows(viewId, userId) {
      const entry = kept.get(viewId);
      return entry !== undefined && entry.userId === userId && entry.until > now();
    },
    matching(viewId, userId, actionId, typed) {
      if (!this.knows(viewId, userId)) return [];
      return matchingOptions(kept.get(viewId)!.options[actionId] ?? [], typed);
    },
  };
}
