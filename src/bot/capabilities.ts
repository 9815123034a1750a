/**
 * What the bot uses of Slack, in one list the manifest is checked against (test/unit/bot/manifest.test.ts):
 * the slash command and its subcommands, the events it listens to, and every Web API method it calls with the
 * scope that method needs. A declared scope nothing here needs fails the test, and so does a call not listed.
 */

export const SLASH_COMMAND = '/ferry';

export const SUBCOMMANDS = [
  'new',
  'help',
  'status',
  'role',
  'preflight',
  'sample',
  'run',
  'delta',
  'reconcile',
  'rollback',
  'audit',
] as const;
export type SubcommandName = (typeof SUBCOMMANDS)[number];

/** Bolt event names the listeners register, with the manifest's subscriptions and the scopes those need. */
export const HANDLED_EVENTS = {
  // Files posted to the channel or thread (subtype file_share) and thread replies in the edit language. A Slack
  // Connect channel can be public on one side and private on the other, so both kinds are subscribed.
  message: { subscriptions: ['message.channels', 'message.groups'], scopes: ['channels:history', 'groups:history'] },
} as const;
export type HandledEvent = keyof typeof HANDLED_EVENTS;

/** Every Web API method the bot or its notifier calls, with the bot scopes it needs (docs.slack.dev/reference). */
export const WEB_API_METHODS: Readonly<Record<string, readonly string[]>> = {
  // Bolt calls it at start to learn the bot's own ids (ignoreSelf); it needs no scope.
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'views.open': [],
  'files.info': ['files:read'],
  // files.getUploadURLExternal + files.completeUploadExternal
  'files.uploadV2': ['files:write'],
  // The home workspace of a person given a role.
  'users.info': ['users:read'],
};

/** Scopes needed for something other than a Web API method call. */
export const OTHER_SCOPES: Readonly<Record<string, string>> = {
  commands: 'the /ferry slash command',
  'files:read': 'downloading url_private_download of customer uploads with the bot token',
};

/** Every bot scope the code needs, sorted. */
export function requiredBotScopes(): string[] {
  const scopes = new Set<string>(Object.keys(OTHER_SCOPES));
  for (const needed of Object.values(WEB_API_METHODS)) for (const s of needed) scopes.add(s);
  for (const event of Object.values(HANDLED_EVENTS)) for (const s of event.scopes) scopes.add(s);
  return [...scopes].sort();
}

/** Every bot event subscription the manifest must declare, sorted. */
export function requiredBotEvents(): string[] {
  return Object.values(HANDLED_EVENTS)
    .flatMap((e) => [...e.subscriptions])
    .sort();
}
