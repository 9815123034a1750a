/**
 * pg-boss set-up: one constructor for every process (bot, worker, CLI), the queues created at start with
 * their retry, expiry, heartbeat and dead-letter policies, and typed `send` helpers.
 */
import { type Db, PgBoss } from 'pg-boss';
import type { PoolClient } from '../store/db.js';
import type { JobPayloads, QueueName } from './jobs.js';

export const BOSS_SCHEMA = 'pgboss';
export const DEAD_LETTER: QueueName = 'ferry-dead-letter';

const SUPERVISE_INTERVAL_SECONDS = 10;

/**
 * Long steps (a load chunk waits on Pipedrive's rate limits) get a generous expiry and a heartbeat, so a
 * killed worker's job is taken over within ~30–40 s (heartbeat plus supervision pass) instead of when it expires.
 */
const QUEUE_POLICIES: Record<Exclude<QueueName, 'ferry-dead-letter'>, Parameters<PgBoss['createQueue']>[1]> = {
  'ferry-ingest': { retryLimit: 1, expireInSeconds: 3600, heartbeatSeconds: 30, deadLetter: DEAD_LETTER },
  'ferry-propose': { retryLimit: 2, retryBackoff: true, expireInSeconds: 600, deadLetter: DEAD_LETTER },
  'ferry-run': {
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
    expireInSeconds: 6 * 3600,
    heartbeatSeconds: 30,
    deadLetter: DEAD_LETTER,
  },
  'ferry-load': {
    retryLimit: 10,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 6 * 3600,
    heartbeatSeconds: 30,
    deadLetter: DEAD_LETTER,
  },
};

export function createBoss(connectionString: string, max = 5): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    max,
    application_name: 'ferry-boss',
    // A job whose heartbeat lapsed is failed (and retried elsewhere) by the next supervision pass; pg-boss's
    // default pass every 60 s made a killed worker's chunk wait up to 90 s instead of the heartbeat's 30.
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
  });
  // pg-boss reports connection hiccups as events; without a listener Node would crash the process.
  boss.on('error', () => {});
  return boss;
}

/** Starts pg-boss and creates every queue (idempotent: any process may do it at start). */
export async function startBoss(boss: PgBoss): Promise<void> {
  await boss.start();
  await boss.createQueue(DEAD_LETTER);
  for (const [name, policy] of Object.entries(QUEUE_POLICIES)) await boss.createQueue(name, policy);
}

/** Lets pg-boss write its job inside our transaction, so a row and its job commit (or vanish) together. */
export function inTransaction(tx: PoolClient): Db {
  return {
    executeSql: async (text, values) => {
      const result = await tx.query(text, values);
      return { rows: result.rows };
    },
  };
}

export function sendJob<Q extends QueueName>(
  boss: PgBoss,
  queue: Q,
  data: JobPayloads[Q],
  options: { tx?: PoolClient; singletonKey?: string; startAfter?: number } = {},
): Promise<string | null> {
  const { tx, ...rest } = options;
  return boss.send(queue, data, { ...rest, ...(tx ? { db: inTransaction(tx) } : {}) });
}
