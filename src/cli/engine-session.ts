/**
 * What the engine commands share: database, pg-boss, the secret box and — unless `--no-worker` — a worker
 * in this process, so `ferry run` works alone and scales out when external workers (`ferry worker`) run.
 */
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';
import { createLogger, type Logger } from '../log.js';
import type { Notifier, RunKind } from '../migration/notifier.js';
import { getRun, type Run, startRun } from '../migration/runs.js';
import { createSecretBox, type SecretBox } from '../security/secret-box.js';
import type { Pool } from '../store/db.js';
import { approvedMap, latestMap } from '../store/maps.js';
import { type Database, openDatabase } from '../store/open.js';
import { createBoss, startBoss } from '../worker/boss.js';
import { startWorkers } from '../worker/worker.js';

export interface EngineSession {
  config: Config;
  db: Database;
  pool: Pool;
  boss: PgBoss;
  secretBox: SecretBox;
  log: Logger;
  close(): Promise<void>;
}

export async function openEngineSession(
  config: Config,
  notifier: Notifier,
  options: { worker: boolean },
): Promise<EngineSession> {
  const secretBox = createSecretBox(config.secretKey);
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openDatabase(config);
  const boss = createBoss(db.url);
  try {
    await startBoss(boss);
    if (options.worker) await startWorkers({ config, pool: db.pool, boss, log, notifier, secretBox });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    config,
    db,
    pool: db.pool,
    boss,
    secretBox,
    log,
    close: async () => {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await db.close();
    },
  };
}

/** The latest staged snapshot of a project. */
export async function latestSnapshot(pool: Pool, project: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM snapshots WHERE project_id = $1 AND status = 'staged' ORDER BY id DESC LIMIT 1`,
    [project],
  );
  if (rows[0] === undefined)
    throw new AppError('not_found', `Project ${project} has no export yet. Run "ferry ingest" first.`);
  return rows[0].id;
}

/** Starts a run of `kind` against the approved map (loads need one) and the latest export. */
export async function requestRun(
  session: EngineSession,
  request: {
    project: string;
    kind: RunKind;
    actor: string;
    options?: Record<string, unknown>;
    snapshotId?: number;
    targetRunId?: number;
  },
): Promise<Run> {
  const approved = await approvedMap(session.pool, request.project);
  const loads = ['preflight', 'sample', 'full', 'delta'].includes(request.kind);
  if (approved === null && loads) {
    const latest = await latestMap(session.pool, request.project);
    throw new AppError(
      'mapping_unapproved',
      latest === null
        ? `Project ${request.project} has no field map yet. Run "ferry map propose" first.`
        : `Map version ${latest.document.version} is not approved. Nothing moves before a person approves it ("ferry map approve").`,
    );
  }
  const map = approved ?? (await latestMap(session.pool, request.project));
  return startRun(session.pool, session.boss, {
    project: request.project,
    kind: request.kind,
    actor: request.actor,
    options: request.options ?? {},
    snapshotId: request.snapshotId ?? (await latestSnapshot(session.pool, request.project)),
    ...(request.targetRunId !== undefined ? { targetRunId: request.targetRunId } : {}),
    ...(map ? { mapVersion: map.document.version, mapHash: map.document.hash } : {}),
  });
}

const FINAL = new Set(['done', 'failed', 'rolled_back']);

export async function waitForRun(pool: Pool, runId: number, pollMs = 250): Promise<Run> {
  for (;;) {
    const run = await getRun(pool, runId);
    if (FINAL.has(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
