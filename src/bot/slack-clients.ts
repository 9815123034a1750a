/**
 * The Web API clients a process needs to talk to Slack outside a listener (the worker's notifier): one for
 * messages and files, and one for progress edits that gives up on a 429 instead of pausing the shared queue.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { boltLogger } from './bolt-logger.js';

export interface SlackClients {
  client: webApi.WebClient;
  /** `rejectRateLimitedCalls: true`: a rate-limited progress edit is dropped; the next one carries newer numbers. */
  progressClient: webApi.WebClient;
}

export function createSlackClients(
  config: Pick<Config, 'slack'>,
  log: Logger,
  extra: webApi.WebClientOptions = {},
): SlackClients {
  const options: webApi.WebClientOptions = {
    logger: boltLogger(log, 'slack-web'),
    ...(config.slack.apiUrl === undefined ? {} : { slackApiUrl: config.slack.apiUrl }),
    ...extra,
  };
  return {
    client: new webApi.WebClient(config.slack.botToken, options),
    progressClient: new webApi.WebClient(config.slack.botToken, {
      ...options,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    }),
  };
}
