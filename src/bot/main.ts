/**
 * The bot process's composition root: database, pg-boss (to enqueue jobs; the worker runs them), the secret box,
 * the engine's rollback preview, the Bolt app. `ferry bot` calls startBot alone; `ferry start` (`npm start`)
 * runs a worker next to it on the same database and pg-boss.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { createSecretBox } from '../security/secret-box.js';
import { type Database, openDatabase } from '../store/open.js';
import { createBoss, startBoss } from '../worker/boss.js';
import { type BotAppOptions, createBotApp } from './app.js';
import type { BotDeps } from './deps.js';
import { createMapService } from './map-service.js';
import type { BotPorts } from './ports.js';
import { createRollbackPreview } from './rollback-preview.js';
import { forgetOldEvents } from './store/slack-events.js';

const EVENT_PRUNE_INTERVAL_MS = 60 * 60_000;

export interface StartBotOptions extends BotAppOptions {
  /** Replaces the engine's implementations (tests pass doubles). */
  ports?: Partial<BotPorts>;
  /** For downloads of customer uploads (tests). */
  fetch?: typeof fetch;
  /** An open database and a started pg-boss to share (`ferry start`); the caller stops them after the bot. */
  shared?: { db: Database; boss: PgBoss };
}

export interface RunningBot {
  stop(): Promise<void>;
  /** The HTTP port actually listened on (`/slack/events` in HTTP mode, `/healthz` in both). */
  port?: number;
  mode: 'http' | 'socket';
}

/** The sentence naming what to set when the Slack settings are incomplete; null when the bot can start. */
export function missingSlackSettings(config: Pick<Config, 'slack'>): string | null {
  const missing: string[] = [];
  if (config.slack.botToken === undefined) {
    missing.push('SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, under OAuth & Permissions)');
  }
  if (config.slack.appToken === undefined && config.slack.signingSecret === undefined) {
    missing.push(
      'SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write: Socket Mode) or SLACK_SIGNING_SECRET ' +
        '(Basic Information → Signing Secret: HTTP mode on PORT)',
    );
  }
  if (missing.length === 0) return null;
  return `The Slack bot needs ${missing.join(', and ')}. Create the app from manifest.yml, install it, then set these (see docs/slack.md).`;
}

/** Opens the database and pg-boss unless they are shared; `close` undoes only what was opened here. */
async function openQueue(config: Config, shared: StartBotOptions['shared']) {
  if (shared !== undefined) return { ...shared, close: async () => {} };
  const db = await openDatabase(config);
  const boss = createBoss(db.url);
  try {
    await startBoss(boss);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    boss,
    close: async (graceful: boolean) => {
      await boss.stop(graceful ? { graceful: true, timeout: 10_000 } : { graceful: false });
      await db.close();
    },
  };
}

export async function startBot(config: Config, log: Logger, options: StartBotOptions = {}): Promise<RunningBot> {
  const missing = missingSlackSettings(config);
  if (missing !== null) throw new AppError('config_invalid', missing);
  const secretBox = createSecretBox(config.secretKey);
  const { db, boss, close } = await openQueue(config, options.shared);
  const deps: BotDeps = {
    config,
    pool: db.pool,
    boss,
    log,
    secretBox,
    maps: createMapService({ pool: db.pool, secretBox, log }),
    ports: {
      rollbackPreview: createRollbackPreview({
        pool: db.pool,
        log,
        secretBox,
        maxDocumentBytes: config.maxDocumentBytes,
      }),
      ...options.ports,
    },
    fetch: options.fetch ?? globalThis.fetch,
  };
  const app = createBotApp(deps, options);
  const mode = config.slack.appToken !== undefined ? 'socket' : 'http';
  let port: number | undefined = config.port;
  try {
    if (mode === 'http') {
      const server = (await app.start(config.port)) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (error) {
    await close(false);
    throw error;
  }
  const prune = setInterval(() => {
    forgetOldEvents(db.pool).catch(() => {});
  }, EVENT_PRUNE_INTERVAL_MS);
  prune.unref();
  log.info({ mode, port }, 'Slack bot started');
  return {
    mode,
    port,
    stop: async () => {
      clearInterval(prune);
      await app.stop();
      await close(true);
    },
  };
}
