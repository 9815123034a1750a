/**
 * A running bot for integration tests: its own database, the fake Slack Web API, the real HTTP receiver on a free
 * port (started through startBot, the production composition root), a driver sending signed Slack requests,
 * and every log line captured. Worker-side pieces (handlers, the Slack notifier) are built on demand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type RunningBot, startBot } from '../../../src/bot/main.js';
import type { BotPorts } from '../../../src/bot/ports.js';
import { createSlackClients } from '../../../src/bot/slack-clients.js';
import { createSlackNotifier, type SlackNotifier } from '../../../src/bot/slack-notifier.js';
import { startFerryWorkers } from '../../../src/cli/commands/worker.js';
import { type Config, loadConfig } from '../../../src/config.js';
import { createLogger, type Logger } from '../../../src/log.js';
import { createSecretBox } from '../../../src/security/secret-box.js';
import { createBoss, startBoss } from '../../../src/worker/boss.js';
import type { WorkerDeps } from '../../../src/worker/deps.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { type Person, SlackDriver } from '../../helpers/slack-signing.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const CHANNEL = 'C_SHARED';
export const ENGINEER: Person = { user: 'U_ENG', team: 'T_ENG' };
export const PRACTICE: Person = { user: 'U_CUST', team: 'T_CUST' };
export const STRANGER: Person = { user: 'U_OTHER', team: 'T_CUST' };

export interface BotHarness {
  db: TestDatabase;
  fake: FakeSlack;
  bot: RunningBot;
  driver: SlackDriver;
  config: Config;
  log: Logger;
  /** Every log line written so far. */
  logs(): string;
  botUrl: string;
  /** Worker deps with the Slack notifier, to run job handlers directly. */
  worker(): Promise<WorkerDeps & { notifier: SlackNotifier }>;
  /** A real worker on its own pg-boss, wired as `ferry worker` wires it: every queue, reporting to Slack. */
  startWorker(): Promise<void>;
  /** Jobs pg-boss holds for a queue, oldest first. */
  jobs(queue: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startBotHarness(
  options: { ports?: Partial<BotPorts>; env?: Record<string, string> } = {},
): Promise<BotHarness> {
  const db = await createTestDatabase();
  const fake = await startFakeSlack();
  // The practice's people live in their own workspace (Slack Connect); users.info says so.
  fake.setUserTeam(PRACTICE.user, PRACTICE.team);
  fake.setUserTeam(STRANGER.user, STRANGER.team);
  const dataDir = mkdtempSync(join(tmpdir(), 'ferry-bot-'));
  let captured = '';
  const log = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, done) {
        captured += String(chunk);
        done();
      },
    }),
  );
  const config = loadConfig({
    DATABASE_URL: db.url,
    FERRY_DATA_DIR: dataDir,
    FERRY_SECRET_KEY: 'a-test-secret-key-of-enough-length',
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const bot = await startBot(config, log, {
    ...(options.ports ? { ports: options.ports } : {}),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const botUrl = `http://127.0.0.1:${bot.port}`;
  const driver = new SlackDriver(botUrl, SIGNING_SECRET, () => fake.responseUrl());
  const bosses: { stop(o: { graceful: boolean }): Promise<void> }[] = [];
  const notifiers: SlackNotifier[] = [];
  const closers: (() => Promise<void>)[] = [];
  async function worker(): Promise<WorkerDeps & { notifier: SlackNotifier }> {
    const boss = createBoss(db.url, 2);
    await startBoss(boss);
    bosses.push(boss);
    const { client, progressClient } = createSlackClients(config, log, { retryConfig: { retries: 0 } });
    const notifier = createSlackNotifier(client, { pool: db.pool, log, progressClient });
    notifiers.push(notifier);
    return { config, pool: db.pool, boss, log, notifier, secretBox: createSecretBox(config.secretKey) };
  }
  return {
    db,
    fake,
    bot,
    driver,
    config,
    log,
    botUrl,
    logs: () => captured,
    worker,
    async startWorker() {
      const boss = createBoss(db.url, 4);
      await startBoss(boss);
      bosses.push(boss);
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const workers = await startFerryWorkers(config, log, { pool: db.pool, boss }, { err: sink, loadConcurrency: 2 });
      closers.push(() => workers.closeNotifier());
    },
    async jobs(queue) {
      const { rows } = await db.pool.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on',
        [queue],
      );
      return rows.map((r) => r.data);
    },
    async stop() {
      // FERRY_TEST_DUMP_LOGS=1 shows what the bot logged, to debug a failing test.
      if (process.env.FERRY_TEST_DUMP_LOGS) process.stderr.write(captured);
      // FERRY_TEST_DUMP_SLACK=1 shows what the bot posted and uploaded, as a reader of the channel sees it.
      if (process.env.FERRY_TEST_DUMP_SLACK) process.stderr.write(readable(fake));
      for (const b of bosses) await b.stop({ graceful: false });
      for (const n of notifiers) await n.close();
      for (const close of closers) await close();
      await bot.stop();
      await fake.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The channel as text: each message's current blocks (or text), its edits counted, then the uploaded files. */
function readable(fake: FakeSlack): string {
  const textOf = (value: unknown): string[] =>
    typeof value === 'string'
      ? []
      : Array.isArray(value)
        ? value.flatMap(textOf)
        : value !== null && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : textOf(v)))
          : [];
  const messages = fake.messages().map((m) => {
    const body = m.blocks.length > 0 ? textOf(m.blocks).join('\n') : m.text;
    return `--- ${m.ts}${m.threadTs ? ` (thread ${m.threadTs})` : ''}${m.history.length ? ` edited ${m.history.length}x` : ''}\n${body}`;
  });
  const files = fake
    .files('bot')
    .map((f) => `--- file ${f.name} (${f.content.length} bytes)\n${f.content.toString('utf8').slice(0, 600)}`);
  return `${[...messages, ...files].join('\n')}\n`;
}

/** Ephemeral answers posted to response_url after `since` responses. */
export function answersSince(h: BotHarness, since: number): string[] {
  return h.fake.responses.slice(since).map((r) => String(r.body.text ?? ''));
}
