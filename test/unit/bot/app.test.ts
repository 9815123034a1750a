import { describe, expect, it } from 'vitest';
import { createBotApp } from '../../../src/bot/app.js';
import type { BotDeps } from '../../../src/bot/deps.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';

function deps(env: Record<string, string>): BotDeps {
  return {
    config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', PORT: '3999', ...env }),
    pool: {} as never,
    boss: {} as never,
    log: silentLogger,
    secretBox: {} as never,
    maps: {} as never,
    ports: { rollbackPreview: {} as never },
    fetch: globalThis.fetch,
  };
}

// Building the app touches no network when the bot's ids are given (auth.test is skipped).
const ids = { botId: 'B1', botUserId: 'U1' };

describe('createBotApp', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set', () => {
    const app = createBotApp(deps({ SLACK_APP_TOKEN: 'xapp-test' }), ids);
    expect((app as any).receiver.constructor.name).toBe('SocketModeReceiver');
  });

  it('uses the HTTP receiver with the signing secret otherwise', () => {
    const app = createBotApp(deps({ SLACK_SIGNING_SECRET: 'secret' }), ids);
    expect((app as any).receiver.constructor.name).toBe('HTTPReceiver');
  });

  it('points the Web API client at SLACK_API_URL', () => {
    const app = createBotApp(deps({ SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9/api/' }), ids);
    expect(app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });
});
