// The OAuth scope each Slack Web API method this adapter calls needs (docs.slack.dev method pages), plus
// the scopes behind what Slack sends us. The manifest test checks manifest/slack/manifest.json against
// this and this against the code, so a new API call cannot ship without its scope.
export const METHOD_SCOPES: Record<string, readonly string[]> = {
  // Without chat:write.public: the bot posts only in channels it was invited to.
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  // A card refreshed in place (replace-message.ts): the bot's own message.
  'chat.update': ['chat:write'],
  // The chair's scheduled meeting-prep summary goes to them as a direct message.
  'conversations.open': ['im:write'],
  'views.open': [],
  'users.info': ['users:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'auth.test': [],
  // An install from a workspace outside the region is refused and its new token given back (oauth/index.ts).
  'auth.revoke': [],
  // Exports: Bolt's client runs files.getUploadURLExternal and files.completeUploadExternal for it.
  'files.uploadV2': ['files:write'],
};

// channels:read / groups:read also deliver member_joined_channel, member_left_channel and the archive and
// delete events of public / private channels; app_uninstalled and tokens_revoked need no scope.
export const INBOUND_SCOPES: readonly string[] = ['commands', 'app_mentions:read', 'channels:read', 'groups:read'];

/** Every scope of the bot token: what an OAuth install asks for (/slack/install) and the manifest declares. */
export const BOT_SCOPES: readonly string[] = [...new Set([...INBOUND_SCOPES, ...Object.values(METHOD_SCOPES).flat()])].sort();
