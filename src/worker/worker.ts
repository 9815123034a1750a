/**
 * The worker: takes jobs from every Ferry queue. Any number of worker processes on any number of machines
 * share the work through Postgres; pg-boss hands a dead worker's job (no heartbeat) to another.
 */
import type { PgBoss } from 'pg-boss';
import { RUN_LABELS } from '../migration/notifier.js';
import { getRun } from '../migration/runs.js';
import type { WorkerDeps } from './deps.js';
import { handleLoad } from './handlers/load.js';
import { handleRun } from './handlers/run.js';
import type { JobPayloads, QueueName } from './jobs.js';

export interface WorkerOptions {
  /** Chunks processed at once by this process (each waits on the shared rate governor). */
  loadConcurrency?: number;
  pollingIntervalSeconds?: number;
  /** Extra queues served by handlers that live elsewhere (ingest and propose for the bot). */
  extraHandlers?: Partial<{
    [Q in QueueName]: (deps: WorkerDeps, data: JobPayloads[Q], jobId: string) => Promise<void>;
  }>;
}

async function serve<Q extends QueueName>(
  boss: PgBoss,
  deps: WorkerDeps,
  queue: Q,
  handler: (deps: WorkerDeps, data: JobPayloads[Q], jobId: string) => Promise<void>,
  options: { localConcurrency: number; pollingIntervalSeconds: number },
): Promise<void> {
  await boss.work<JobPayloads[Q]>(queue, { ...options, batchSize: 1 }, async ([job]) => {
    if (job === undefined) return;
    try {
      await handler(deps, job.data, job.id);
    } catch (error) {
      deps.log.warn(
        { queue, job: job.id, err: error instanceof Error ? error.message : String(error) },
        'job failed; pg-boss will retry it',
      );
      throw error;
    }
  });
}

const GAVE_UP = 'A step of this run kept failing after every retry; see the worker logs. Start it again to resume.';

async function failRun(deps: WorkerDeps, runId: number): Promise<void> {
  const { rowCount } = await deps.pool.query(
    `UPDATE runs SET status = 'failed', finished_at = now(), error = $2
     WHERE id = $1 AND status IN ('planned', 'running', 'paused')`,
    [runId, GAVE_UP],
  );
  if (rowCount !== 1) return;
  const run = await getRun(deps.pool, runId);
  const target = { project: run.project, runId, ...(run.thread ? { thread: run.thread } : {}) };
  await deps.notifier.result(target, {
    kind: run.kind,
    status: 'failed',
    lines: [`The ${RUN_LABELS[run.kind]} stopped. ${GAVE_UP}`],
  });
}

/** Registers the handlers; returns when the worker is polling. Stop it with `boss.stop()`. */
export async function startWorkers(deps: WorkerDeps, options: WorkerOptions = {}): Promise<void> {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  await serve(deps.boss, deps, 'ferry-run', handleRun, { localConcurrency: 2, pollingIntervalSeconds });
  await serve(deps.boss, deps, 'ferry-load', handleLoad, {
    localConcurrency: options.loadConcurrency ?? 4,
    pollingIntervalSeconds,
  });
  for (const [queue, handler] of Object.entries(options.extraHandlers ?? {})) {
    await serve(deps.boss, deps, queue as QueueName, handler as never, { localConcurrency: 1, pollingIntervalSeconds });
  }
  await deps.boss.work<{ runId?: number }>('ferry-dead-letter', { pollingIntervalSeconds: 1 }, async ([job]) => {
    deps.log.error({ job: job?.id, run: job?.data.runId }, 'a job failed for good and reached the dead-letter queue');
    // A run whose step gave up after every retry must end as failed, not wait forever.
    if (typeof job?.data.runId === 'number') await failRun(deps, job.data.runId);
  });
}
