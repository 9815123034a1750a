/**
 * `ferry bot`: the Slack bot alone (workers run elsewhere: `ferry worker`). `ferry start` (`npm start`): the bot
 * and a worker in one process, on one database and pg-boss. Both need the Slack settings (docs/slack.md); without
 * them they say what to set and exit 2. They run until SIGINT or SIGTERM.
 */
import type { RunningBot } from '../../bot/main.js';
import { missingSlackSettings, startBot } from '../../bot/main.js';
import type { Config } from '../../config.js';
import { createLogger } from '../../log.js';
import { createSecretBox } from '../../security/secret-box.js';
import { openDatabase } from '../../store/open.js';
import { createBoss, startBoss } from '../../worker/boss.js';
import type { CliIo, Command } from '../command.js';
import { configFrom, parseFlags, parseIntFlag, runCommand } from '../support.js';
import {
  DEFAULT_LOAD_CONCURRENCY,
  type RunningWorkers,
  startFerryWorkers,
  stopFerryWorkers,
  untilStopped,
} from './worker.js';

const BOT_USAGE =
  'Usage: ferry bot\nRuns the Slack bot until stopped (SIGINT/SIGTERM); jobs are run by `ferry worker` processes.\n' +
  'Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP on PORT): see docs/slack.md.';
const START_USAGE =
  'Usage: ferry start [--concurrency N]\nRuns the Slack bot and a worker in one process until stopped (SIGINT/SIGTERM).\n' +
  'Needs the same settings as `ferry bot` (see docs/slack.md). More workers: `ferry worker` on any machine.';

/** The Slack settings and the token key, checked before anything starts; a sentence when something is missing. */
function preflight(io: CliIo): { config: Config } | { missing: string } {
  const config = configFrom(io);
  const missing = missingSlackSettings(config);
  if (missing !== null) return { missing };
  createSecretBox(config.secretKey); // throws config_invalid (exit 2) without FERRY_SECRET_KEY
  return { config };
}

function announce(io: CliIo, bot: RunningBot, withWorker: boolean): void {
  const where =
    bot.mode === 'http'
      ? `HTTP mode: Slack posts to port ${bot.port} at /slack/events; /healthz answers there`
      : `Socket Mode; /healthz on port ${bot.port}`;
  const worker = withWorker ? ' with a worker' : '; run `ferry worker` for the jobs';
  io.err.write(`ferry: the Slack bot is running (${where})${worker}. Stop it with Ctrl-C.\n`);
}

export const botCommand: Command = {
  name: 'bot',
  summary: 'run the Slack bot (jobs run in `ferry worker` processes)',
  usage: BOT_USAGE,
  run: (argv, io) =>
    runCommand(io, BOT_USAGE, async () => {
      parseFlags(argv, {});
      const checked = preflight(io);
      if ('missing' in checked) {
        io.err.write(`ferry: ${checked.missing}\n`);
        return 2;
      }
      const { config } = checked;
      const bot = await startBot(config, createLogger(config.logLevel));
      announce(io, bot, false);
      await untilStopped();
      await bot.stop();
      return 0;
    }),
};

export const startCommand: Command = {
  name: 'start',
  summary: 'run the Slack bot and a worker in one process (`npm start`)',
  usage: START_USAGE,
  run: (argv, io) =>
    runCommand(io, START_USAGE, async () => {
      const { values } = parseFlags(argv, { concurrency: { type: 'string' } });
      const loadConcurrency =
        parseIntFlag(values.concurrency, '--concurrency', DEFAULT_LOAD_CONCURRENCY) || DEFAULT_LOAD_CONCURRENCY;
      const checked = preflight(io);
      if ('missing' in checked) {
        io.err.write(`ferry: ${checked.missing}\n`);
        return 2;
      }
      const { config } = checked;
      const log = createLogger(config.logLevel);
      // One database (an embedded Postgres can only be started once) and one pg-boss for both halves.
      const db = await openDatabase(config);
      const boss = createBoss(db.url);
      let workers: RunningWorkers;
      let bot: RunningBot;
      try {
        await startBoss(boss);
        workers = await startFerryWorkers(config, log, { pool: db.pool, boss }, { err: io.err, loadConcurrency });
        bot = await startBot(config, log, { shared: { db, boss } });
      } catch (error) {
        await boss.stop({ graceful: false }).catch(() => {});
        await db.close();
        throw error;
      }
      announce(io, bot, true);
      await untilStopped();
      await bot.stop();
      await stopFerryWorkers(boss, workers);
      await db.close();
      return 0;
    }),
};
