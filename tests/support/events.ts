import type { Actor, ChannelAddress } from '../../src/core/events.js';

export function slackChannel(overrides: Partial<ChannelAddress> = {}): ChannelAddress {
  return {
    platform: 'slack',
    tenantId: 'T111',
    channelId: 'C111',
    channelName: 'Samverkan Uddevalla',
    conversationReference: null,
    isPersonal: false,
    ...overrides,
  };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return { platform: 'slack', tenantId: 'T111', userId: 'U_CHAIR', displayName: 'Anna Ordförande', ...overrides };
}
