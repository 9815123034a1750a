/** `ferry worker`: a worker process; run as many as you like, on any machine that reaches the database. */
import { createLogger } from '../../log.js';
import { createSecretBox } from '../../security/secret-box.js';
import { openDatabase } from '../../store/open.js';
import { createBoss, startBoss } from '../../worker/boss.js';
import { startWorkers } from '../../worker/worker.js';
import type { Command } from '../command.js';
import { configFrom, parseFlags, parseIntFlag, runCommand } from '../support.js';
import { createTerminalNotifier } from '../terminal-notifier.js';

const USAGE =
  'Usage: ferry worker [--concurrency N]\nTakes migration jobs from the shared queue until stopped (SIGINT/SIGTERM).';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run a worker process (scale out: start more, on more machines)',
  usage: USAGE,
  run: (argv, io) =>
    runCommand(io, USAGE, async () => {
      const { values } = parseFlags(argv, { concurrency: { type: 'string' } });
      const config = configFrom(io);
      const log = createLogger(config.logLevel);
      const db = await openDatabase(config);
      const boss = createBoss(db.url);
      await startBoss(boss);
      const notifier = createTerminalNotifier(io.err, config.dataDir, true);
      await startWorkers(
        { config, pool: db.pool, boss, log, notifier, secretBox: createSecretBox(config.secretKey) },
        { loadConcurrency: parseIntFlag(values.concurrency, '--concurrency', 4) || 4 },
      );
      log.info({ pid: process.pid }, 'worker ready');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await boss.stop({ graceful: true, timeout: 15_000 });
      await db.close();
      return 0;
    }),
};
