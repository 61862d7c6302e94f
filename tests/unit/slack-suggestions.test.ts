// The options of long lists kept per open modal (src/adapters/slack/suggestions.ts): for the person who
// opened it, while a modal can stay open, bounded in number.
import { describe, expect, it } from 'vitest';
import { slackRequestKey } from '../../src/adapters/slack/replays.js';
import { createModalSuggestions } from '../../src/adapters/slack/suggestions.js';

const option = (text: string, value = text) => ({ text: { type: 'plain_text' as const, text }, value });

describe('modal suggestions', () => {
  it('answers the person who opened the view, filtered, until it expires', () => {
    let now = 0;
    const kept = createModalSuggestions(() => now);
    kept.remember('V1', 'U1', { memberId: [option('Anna Åberg'), option('Bo Berg')] });
    expect(kept.matching('V1', 'U1', 'memberId', 'aberg')).toEqual([option('Anna Åberg')]);
    expect(kept.matching('V1', 'U2', 'memberId', '')).toEqual([]);
    expect(kept.knows('V1', 'U2')).toBe(false);
    expect(kept.matching('V1', 'U1', 'other', '')).toEqual([]);
    now = 13 * 3600 * 1000;
    expect(kept.knows('V1', 'U1')).toBe(false);
  });

  it('replaces a view\'s lists when it is updated and forgets the oldest views beyond its bound', () => {
    const kept = createModalSuggestions(() => 0);
    kept.remember('V1', 'U1', { a: [option('A')] });
    kept.remember('V1', 'U1', { b: [option('B')] });
    expect(kept.matching('V1', 'U1', 'a', '')).toEqual([]);
    expect(kept.matching('V1', 'U1', 'b', '')).toEqual([option('B')]);
    for (let index = 2; index <= 2001; index += 1) kept.remember(`V${index}`, 'U1', { a: [option('A')] });
    expect(kept.knows('V1', 'U1')).toBe(false);
    expect(kept.knows('V2001', 'U1')).toBe(true);
  });

  it('answers every copy of an options request (read only) without claiming it for replay protection', () => {
    expect(slackRequestKey({ type: 'block_suggestion' }, { deliveryKey: 'signature:v0=abc' })).toBeNull();
    expect(slackRequestKey({ type: 'block_actions' }, { deliveryKey: 'signature:v0=abc' })).toBe('signature:v0=abc');
  });
});
