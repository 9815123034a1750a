/**
 * The before-images of a delta run's PATCHes (sql/007_record_updates.sql). The row is written before the PATCH
 * (an intent, like a create's) so a retried chunk knows its own PATCH may have landed, and completed with
 * Pipedrive's update time after it.
 */
import type { PoolClient, Queryable } from './db.js';

export interface RecordKey {
  project: string;
  object: string;
  sourceKey: string;
}

export interface RecordUpdate extends RecordKey {
  runId: number;
  pipedriveId: number;
  beforeImage: Record<string, unknown>;
  /** Null while the PATCH's outcome is unknown (the run stopped between intent and answer). */
  pdUpdateTime: string | null;
}

/** Whether this run already wrote the intent for this record (an earlier attempt of its chunk). */
export async function hasRecordUpdate(db: Queryable, runId: number, key: RecordKey): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM record_updates WHERE run_id = $1 AND project_id = $2 AND object = $3 AND source_key = $4',
    [runId, key.project, key.object, key.sourceKey],
  );
  return (rowCount ?? 0) > 0;
}

/** The intent, with the record's row as it is before the run; the first attempt's before-image is kept. */
export async function recordUpdateIntent(
  db: Queryable,
  runId: number,
  key: RecordKey,
  pipedriveId: number,
  beforeImage: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `INSERT INTO record_updates (run_id, project_id, object, source_key, pipedrive_id, before_image,
       previous_payload, previous_hash, previous_snapshot)
     SELECT $1, project_id, object, source_key, $5, $6, payload, content_hash, snapshot_id FROM records
     WHERE project_id = $2 AND object = $3 AND source_key = $4
     ON CONFLICT DO NOTHING`,
    [runId, key.project, key.object, key.sourceKey, pipedriveId, JSON.stringify(beforeImage)],
  );
}

export async function completeRecordUpdate(
  tx: PoolClient,
  runId: number,
  key: RecordKey,
  pdUpdateTime: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE record_updates SET pd_update_time = $5
     WHERE run_id = $1 AND project_id = $2 AND object = $3 AND source_key = $4`,
    [runId, key.project, key.object, key.sourceKey, pdUpdateTime],
  );
}

/** The run's updates not undone yet. */
export async function pendingRecordUpdates(db: Queryable, project: string, runId: number): Promise<RecordUpdate[]> {
  const { rows } = await db.query<{
    object: string;
    source_key: string;
    pipedrive_id: number;
    before_image: Record<string, unknown>;
    pd_update_time: string | null;
  }>(
    `SELECT object, source_key, pipedrive_id, before_image, pd_update_time FROM record_updates
     WHERE project_id = $1 AND run_id = $2 AND undone_at IS NULL ORDER BY object, source_key`,
    [project, runId],
  );
  return rows.map((r) => ({
    project,
    runId,
    object: r.object,
    sourceKey: r.source_key,
    pipedriveId: r.pipedrive_id,
    beforeImage: r.before_image,
    pdUpdateTime: r.pd_update_time,
  }));
}

/**
 * Marks an update undone and gives the record back the row Ferry kept before the run (what it had sent, its
 * content hash and snapshot), with the update time Pipedrive gave the restoring PATCH.
 */
export async function undoRecordUpdate(tx: PoolClient, update: RecordUpdate, pdUpdateTime: string | null) {
  await tx.query(
    `UPDATE records r SET payload = u.previous_payload, content_hash = u.previous_hash,
       snapshot_id = u.previous_snapshot, pd_update_time = COALESCE($5, r.pd_update_time), updated_at = now()
     FROM record_updates u
     WHERE u.run_id = $1 AND u.project_id = $2 AND u.object = $3 AND u.source_key = $4
       AND r.project_id = u.project_id AND r.object = u.object AND r.source_key = u.source_key`,
    [update.runId, update.project, update.object, update.sourceKey, pdUpdateTime],
  );
  await tx.query(
    `UPDATE record_updates SET undone_at = now()
     WHERE run_id = $1 AND project_id = $2 AND object = $3 AND source_key = $4`,
    [update.runId, update.project, update.object, update.sourceKey],
  );
}
