/**
 * `ferry worker`: a worker process; run as many as you like, on any machine that reaches the database. It serves
 * every queue (runs, load chunks, and the ingest and map-review jobs the Slack bot enqueues) and reports in the
 * project's Slack thread when SLACK_BOT_TOKEN is set, on the terminal otherwise.
 */
import type { PgBoss } from 'pg-boss';
import { slackNotifierFromConfig } from '../../bot/slack-notifier.js';
import type { Config } from '../../config.js';
import { createLogger, type Logger } from '../../log.js';
import { createSecretBox } from '../../security/secret-box.js';
import type { Pool } from '../../store/db.js';
import { openDatabase } from '../../store/open.js';
import { createBoss, startBoss } from '../../worker/boss.js';
import { handleIngest } from '../../worker/handlers/ingest.js';
import { handlePropose } from '../../worker/handlers/propose.js';
import { startWorkers } from '../../worker/worker.js';
import type { Command } from '../command.js';
import { configFrom, parseFlags, parseIntFlag, runCommand } from '../support.js';
import { createTerminalNotifier } from '../terminal-notifier.js';

const USAGE =
  'Usage: ferry worker [--concurrency N]\nTakes migration jobs from the shared queue until stopped (SIGINT/SIGTERM).';

export const DEFAULT_LOAD_CONCURRENCY = 4;
const GRACEFUL_STOP_MS = 15_000;

export interface RunningWorkers {
  /** After pg-boss stopped (jobs in flight finished): lets the last Slack edits go out. */
  closeNotifier(): Promise<void>;
}

/** Registers every queue's handler on a started pg-boss, reporting to Slack when it is configured. */
export async function startFerryWorkers(
  config: Config,
  log: Logger,
  queue: { pool: Pool; boss: PgBoss },
  options: { err: NodeJS.WritableStream; loadConcurrency: number },
): Promise<RunningWorkers> {
  const slack = slackNotifierFromConfig(config, queue.pool, log);
  if (slack === null) log.info('SLACK_BOT_TOKEN is not set: results are written to this terminal, not to Slack');
  const notifier = slack ?? createTerminalNotifier(options.err, config.dataDir, true);
  await startWorkers(
    { config, pool: queue.pool, boss: queue.boss, log, notifier, secretBox: createSecretBox(config.secretKey) },
    {
      loadConcurrency: options.loadConcurrency,
      extraHandlers: { 'ferry-ingest': handleIngest, 'ferry-propose': handlePropose },
    },
  );
  return { closeNotifier: async () => slack?.close() };
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** Stops taking jobs, waits for those in flight (up to 15 s), then closes Slack and the database. */
export async function stopFerryWorkers(boss: PgBoss, workers: RunningWorkers): Promise<void> {
  await boss.stop({ graceful: true, timeout: GRACEFUL_STOP_MS });
  await workers.closeNotifier();
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run a worker process (scale out: start more, on more machines)',
  usage: USAGE,
  run: (argv, io) =>
    runCommand(io, USAGE, async () => {
      const { values } = parseFlags(argv, { concurrency: { type: 'string' } });
      const config = configFrom(io);
      const loadConcurrency =
        parseIntFlag(values.concurrency, '--concurrency', DEFAULT_LOAD_CONCURRENCY) || DEFAULT_LOAD_CONCURRENCY;
      createSecretBox(config.secretKey); // a missing key is a configuration error before anything starts
      const log = createLogger(config.logLevel);
      const db = await openDatabase(config);
      const boss = createBoss(db.url);
      let workers: RunningWorkers;
      try {
        await startBoss(boss);
        workers = await startFerryWorkers(config, log, { pool: db.pool, boss }, { err: io.err, loadConcurrency });
      } catch (error) {
        await boss.stop({ graceful: false }).catch(() => {});
        await db.close();
        throw error;
      }
      log.info({ pid: process.pid }, 'worker ready');
      await untilStopped();
      await stopFerryWorkers(boss, workers);
      await db.close();
      return 0;
    }),
};
