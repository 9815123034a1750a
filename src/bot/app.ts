/**
 * The Bolt app: Socket Mode when SLACK_APP_TOKEN is set (no inbound port; behind a firewall), otherwise HTTP on
 * PORT with SLACK_SIGNING_SECRET at Bolt's `/slack/events`. Either way `/healthz` answers on PORT, and
 * SLACK_API_URL points the Web API client elsewhere (the tests' fake Slack). Listeners are thin: see listeners/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CodedError, type CustomRoute, type webApi } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
import { dedupeEvents } from './dedupe-events.js';
import type { BotDeps } from './deps.js';
import { logFailure } from './failures.js';
import { registerListeners } from './listeners/index.js';

export interface BotAppOptions {
  /** With both, Bolt skips auth.test at start (it needs them to ignore the bot's own messages). */
  botId?: string;
  botUserId?: string;
  /** Merged over Ferry's client options (tests: `retryConfig: { retries: 0 }`). */
  clientOptions?: webApi.WebClientOptions;
}

/** `/healthz`: 200 while the database answers, 503 otherwise (in Socket Mode the process is alive either way). */
function healthRoute(deps: BotDeps): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      deps.pool
        .query('SELECT 1')
        .then(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        })
        .catch(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"ok":false,"reason":"database unavailable"}');
        });
    },
  };
}

export function createBotApp(deps: BotDeps, options: BotAppOptions = {}): App {
  const { slack, port } = deps.config;
  const common = {
    ...(slack.botToken === undefined ? {} : { token: slack.botToken }),
    logger: boltLogger(deps.log),
    clientOptions: {
      ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
      ...options.clientOptions,
    },
    customRoutes: [healthRoute(deps)],
    extendedErrorHandler: true,
    ...(options.botId !== undefined && options.botUserId !== undefined
      ? { botId: options.botId, botUserId: options.botUserId }
      : {}),
  };
  const app =
    slack.appToken !== undefined
      ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
      : new App({ ...common, ...(slack.signingSecret === undefined ? {} : { signingSecret: slack.signingSecret }) });
  app.use(dedupeEvents(deps.pool, deps.log));
  registerListeners(app, deps);
  app.error(async ({ error }: { error: CodedError }) => {
    logFailure(deps.log, error.original ?? error, { where: 'listener' });
  });
  return app;
}
