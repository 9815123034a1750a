/**
 * Starting and reading runs. A run row and the job that executes it are written in one transaction:
 * a run never exists without its job, and a job never points at a missing run.
 */
import type { PgBoss } from 'pg-boss';
import { AppError } from '../domain/errors.js';
import { appendAuditTx } from '../store/audit.js';
import { type Pool, type Queryable, withTransaction } from '../store/db.js';
import { sendJob } from '../worker/boss.js';
import type { RunKind, SlackThread } from './notifier.js';

export type RunStatus = 'planned' | 'running' | 'paused' | 'done' | 'failed' | 'rolled_back';

export interface Run {
  id: number;
  project: string;
  kind: RunKind;
  status: RunStatus;
  mapVersion: number | null;
  mapHash: string | null;
  snapshotId: number | null;
  targetRunId: number | null;
  options: Record<string, unknown>;
  phase: string | null;
  counts: Record<string, Record<string, number>>;
  tokensSpent: number;
  tokensEstimated: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  actor: string;
  thread: SlackThread | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface StartRunRequest {
  project: string;
  kind: RunKind;
  actor: string;
  thread?: SlackThread;
  options?: Record<string, unknown>;
  mapVersion?: number;
  mapHash?: string;
  snapshotId?: number;
  targetRunId?: number;
}

/** Creates the run, audits who started it, and enqueues its job — atomically. */
export async function startRun(pool: Pool, boss: PgBoss, request: StartRunRequest): Promise<Run> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<RunRow>(
      `INSERT INTO runs (project_id, kind, actor, options, map_version, map_hash, snapshot_id, target_run_id,
         thread_channel, thread_ts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        request.project,
        request.kind,
        request.actor,
        JSON.stringify(request.options ?? {}),
        request.mapVersion ?? null,
        request.mapHash ?? null,
        request.snapshotId ?? null,
        request.targetRunId ?? null,
        request.thread?.channel ?? null,
        request.thread?.threadTs ?? null,
      ],
    );
    const run = toRun(rows[0]!);
    await appendAuditTx(tx, {
      project: request.project,
      actor: request.actor,
      kind: `${request.kind}.requested`,
      detail: { run: run.id, options: request.options ?? {}, mapVersion: request.mapVersion ?? null },
    });
    const origin = { project: request.project, actor: request.actor, runId: run.id };
    await sendJob(boss, 'ferry-run', request.thread ? { ...origin, thread: request.thread } : origin, {
      tx,
      singletonKey: `run:${run.id}`,
    });
    return run;
  });
}

export async function getRun(db: Queryable, runId: number): Promise<Run> {
  const { rows } = await db.query<RunRow>('SELECT * FROM runs WHERE id = $1', [runId]);
  if (rows[0] === undefined) throw new AppError('not_found', `There is no run ${runId}.`);
  return toRun(rows[0]);
}

export async function latestRuns(db: Queryable, project: string, limit = 20): Promise<Run[]> {
  const { rows } = await db.query<RunRow>('SELECT * FROM runs WHERE project_id = $1 ORDER BY id DESC LIMIT $2', [
    project,
    limit,
  ]);
  return rows.map(toRun);
}

interface RunRow {
  id: number;
  project_id: string;
  kind: RunKind;
  status: RunStatus;
  map_version: number | null;
  map_hash: string | null;
  snapshot_id: number | null;
  target_run_id: number | null;
  options: Record<string, unknown>;
  phase: string | null;
  counts: Record<string, Record<string, number>>;
  tokens_spent: number;
  tokens_estimated: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  actor: string;
  thread_channel: string | null;
  thread_ts: string | null;
  created_at: Date;
  finished_at: Date | null;
}

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    project: row.project_id,
    kind: row.kind,
    status: row.status,
    mapVersion: row.map_version,
    mapHash: row.map_hash,
    snapshotId: row.snapshot_id,
    targetRunId: row.target_run_id,
    options: row.options,
    phase: row.phase,
    counts: row.counts,
    tokensSpent: row.tokens_spent,
    tokensEstimated: row.tokens_estimated,
    result: row.result,
    error: row.error,
    actor: row.actor,
    thread:
      row.thread_channel !== null && row.thread_ts !== null
        ? { channel: row.thread_channel, threadTs: row.thread_ts }
        : null,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
