/** The id map (`records`): per source record, what Ferry did in Pipedrive. See sql/004_engine.sql. */
import type { Queryable } from './db.js';

export type RecordState = 'intent' | 'created' | 'linked' | 'skipped' | 'failed' | 'deleted' | 'conflict';

export interface RecordRow {
  object: string;
  sourceKey: string;
  state: RecordState;
  pipedriveId: number | null;
  originRunId: number | null;
  runId: number | null;
  contentHash: string | null;
  payload: Record<string, unknown> | null;
  beforeImage: Record<string, unknown> | null;
  pdUpdateTime: string | null;
  attemptStartedAt: Date | null;
  attempts: number;
  reason: string | null;
}

interface Row {
  object: string;
  source_key: string;
  state: RecordState;
  pipedrive_id: number | null;
  origin_run_id: number | null;
  run_id: number | null;
  content_hash: string | null;
  payload: Record<string, unknown> | null;
  before_image: Record<string, unknown> | null;
  pd_update_time: string | null;
  attempt_started_at: Date | null;
  attempts: number;
  reason: string | null;
}

function toRecord(row: Row): RecordRow {
  return {
    object: row.object,
    sourceKey: row.source_key,
    state: row.state,
    pipedriveId: row.pipedrive_id,
    originRunId: row.origin_run_id,
    runId: row.run_id,
    contentHash: row.content_hash,
    payload: row.payload,
    beforeImage: row.before_image,
    pdUpdateTime: row.pd_update_time,
    attemptStartedAt: row.attempt_started_at,
    attempts: row.attempts,
    reason: row.reason,
  };
}

export async function getRecords(
  db: Queryable,
  project: string,
  object: string,
  sourceKeys: readonly string[],
): Promise<Map<string, RecordRow>> {
  const { rows } = await db.query<Row>(
    'SELECT * FROM records WHERE project_id = $1 AND object = $2 AND source_key = ANY($3)',
    [project, object, sourceKeys],
  );
  return new Map(rows.map((row) => [row.source_key, toRecord(row)]));
}

/** Pipedrive ids of records Ferry created or linked, by source key (the references a chunk needs). */
export async function resolvedIds(
  db: Queryable,
  project: string,
  sourceKeys: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ source_key: string; pipedrive_id: number }>(
    `SELECT source_key, pipedrive_id FROM records
     WHERE project_id = $1 AND source_key = ANY($2) AND state IN ('created', 'linked', 'conflict')
       AND pipedrive_id IS NOT NULL`,
    [project, sourceKeys],
  );
  return new Map(rows.map((row) => [row.source_key, row.pipedrive_id]));
}

export async function listRecords(
  db: Queryable,
  project: string,
  filter: { object?: string; states?: RecordState[] } = {},
) {
  const { rows } = await db.query<Row>(
    `SELECT * FROM records WHERE project_id = $1 AND ($2::text IS NULL OR object = $2)
       AND ($3::text[] IS NULL OR state = ANY($3)) ORDER BY object, source_key`,
    [project, filter.object ?? null, filter.states ?? null],
  );
  return rows.map(toRecord);
}

/** Marks the start of a create attempt; returns false when another worker already finished the record. */
export async function beginAttempt(
  db: Queryable,
  key: { project: string; object: string; sourceKey: string },
  run: { runId: number; snapshotId: number | null; contentHash: string },
  payload: Record<string, unknown>,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO records AS r (project_id, object, source_key, state, origin_run_id, run_id, snapshot_id, content_hash,
       payload, attempt_started_at, attempts)
     VALUES ($1, $2, $3, 'intent', $4, $4, $5, $6, $7, clock_timestamp(), 1)
     ON CONFLICT (project_id, object, source_key) DO UPDATE SET state = 'intent', run_id = $4,
       snapshot_id = $5, content_hash = $6, payload = $7, attempt_started_at = clock_timestamp(),
       attempts = r.attempts + 1, reason = NULL, updated_at = now()
     WHERE r.state NOT IN ('created', 'linked', 'deleted', 'conflict')`,
    [key.project, key.object, key.sourceKey, run.runId, run.snapshotId, run.contentHash, JSON.stringify(payload)],
  );
  return rowCount === 1;
}

export async function completeRecord(
  db: Queryable,
  key: { project: string; object: string; sourceKey: string },
  outcome: {
    state: RecordState;
    runId: number;
    pipedriveId?: number | null;
    pdUpdateTime?: string | null;
    reason?: string | null;
    payload?: Record<string, unknown> | null;
    beforeImage?: Record<string, unknown> | null;
    contentHash?: string | null;
    snapshotId?: number | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO records AS r (project_id, object, source_key, state, pipedrive_id, origin_run_id, run_id, pd_update_time,
       reason, payload, before_image, content_hash, snapshot_id)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (project_id, object, source_key) DO UPDATE SET state = $4,
       pipedrive_id = COALESCE($5, r.pipedrive_id), run_id = $6,
       origin_run_id = CASE WHEN r.state IN ('created', 'linked') THEN r.origin_run_id ELSE $6 END,
       pd_update_time = COALESCE($7, r.pd_update_time), reason = $8, payload = COALESCE($9, r.payload),
       before_image = COALESCE($10, r.before_image), content_hash = COALESCE($11, r.content_hash),
       snapshot_id = COALESCE($12, r.snapshot_id), updated_at = now()`,
    [
      key.project,
      key.object,
      key.sourceKey,
      outcome.state,
      outcome.pipedriveId ?? null,
      outcome.runId,
      outcome.pdUpdateTime ?? null,
      outcome.reason ?? null,
      outcome.payload === undefined || outcome.payload === null ? null : JSON.stringify(outcome.payload),
      outcome.beforeImage === undefined || outcome.beforeImage === null ? null : JSON.stringify(outcome.beforeImage),
      outcome.contentHash ?? null,
      outcome.snapshotId ?? null,
    ],
  );
}
