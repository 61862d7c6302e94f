// The Teams adapter's public surface. Every botbuilder import stays inside this folder.
export { createTeamsEdge, type TeamsEdge, type TeamsEdgeOptions } from './teams-edge.js';
export type { OpenIdMetadataUrls } from './bot-token.js';
export { sendProactive, parseConversationReference, InvalidConversationReferenceError } from './proactive.js';
export { cardMessage, replyMessage } from './reply-to-activity.js';
export { teamsChannelDirectory } from './channel-roster.js';
