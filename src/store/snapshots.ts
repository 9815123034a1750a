/**
 * Snapshots (one per upload), their files, and the tables their rows are staged in (one partition of
 * `staged_rows` per file). A later export of the same project is a new snapshot; delta pickup compares the
 * staged rows of two snapshots by record key and content hash.
 */
import type { Queryable } from './db.js';

export type SnapshotStatus = 'staged' | 'refused';

export interface SnapshotFileInput {
  fileName: string;
  entity: string | null;
  confidence: number;
  encoding: string | null;
  delimiter: string | null;
  lineEnding: string | null;
  headers: readonly string[];
  columnKeys: readonly (string | null)[];
  sizeBytes: number;
  /** Why the file was not staged; null when it is being staged. */
  error: string | null;
  /** Absolute path of the documents folder next to a documents file (the engine uploads from it). */
  documentsDir?: string | null;
}

export interface SnapshotRow {
  id: number;
  projectId: string;
  createdAt: Date;
  status: SnapshotStatus;
  refusal: string | null;
  summary: Record<string, unknown>;
}

/** Starts a snapshot (inside the upload's transaction); its status is settled by `finishSnapshot`. */
export async function insertSnapshot(db: Queryable, projectId: string, status: SnapshotStatus): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO snapshots (project_id, status) VALUES ($1, $2) RETURNING id',
    [projectId, status],
  );
  return rows[0]!.id;
}

export async function finishSnapshot(
  db: Queryable,
  id: number,
  status: SnapshotStatus,
  refusal: string | null,
  summary: Record<string, unknown>,
): Promise<void> {
  await db.query('UPDATE snapshots SET status = $2, refusal = $3, summary = $4 WHERE id = $1', [
    id,
    status,
    refusal,
    JSON.stringify(summary),
  ]);
}

export async function insertSnapshotFile(db: Queryable, snapshotId: number, file: SnapshotFileInput): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO snapshot_files
       (snapshot_id, file_name, entity, confidence, encoding, delimiter, line_ending, headers, column_keys, size_bytes, error,
        documents_dir)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      snapshotId,
      file.fileName,
      file.entity,
      file.confidence,
      file.encoding,
      file.delimiter,
      file.lineEnding,
      JSON.stringify(file.headers),
      JSON.stringify(file.columnKeys),
      file.sizeBytes,
      file.error,
      file.documentsDir ?? null,
    ],
  );
  return rows[0]!.id;
}

/** Records how a file's staging ended: its row count and checksum, or the error that stopped it. */
export async function completeSnapshotFile(
  db: Queryable,
  fileId: number,
  result: { rows: number; sha256: string | null; error: string | null },
): Promise<void> {
  await db.query('UPDATE snapshot_files SET rows = $2, sha256 = $3, error = $4 WHERE id = $1', [
    fileId,
    result.rows,
    result.sha256,
    result.error,
  ]);
}

/** The project's snapshots, newest first. */
export async function listSnapshots(db: Queryable, projectId: string): Promise<SnapshotRow[]> {
  const { rows } = await db.query<{
    id: number;
    project_id: string;
    created_at: Date;
    status: SnapshotStatus;
    refusal: string | null;
    summary: Record<string, unknown>;
  }>(
    'SELECT id, project_id, created_at, status, refusal, summary FROM snapshots WHERE project_id = $1 ORDER BY id DESC',
    [projectId],
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    createdAt: r.created_at,
    status: r.status,
    refusal: r.refusal,
    summary: r.summary,
  }));
}

/**
 * The table a file's rows are COPYed into before it becomes that file's partition of `staged_rows`. The name
 * is built from the numeric id only, never from text.
 */
export function fileRowsTable(fileId: number): string {
  if (!Number.isSafeInteger(fileId) || fileId <= 0) throw new RangeError(`fileRowsTable: bad file id ${fileId}`);
  return `staged_rows_f${fileId}`;
}

/**
 * Creates the file's rows table: the columns and indexes of `staged_rows`, but no foreign key, whose check
 * would run once per row (see sql/001_ingest.sql). The CHECK lets ATTACH PARTITION skip the scan that would
 * prove the rows belong to the file.
 */
export async function createFileRows(db: Queryable, fileId: number): Promise<string> {
  const table = fileRowsTable(fileId);
  await db.query(
    `CREATE TABLE ${table} (LIKE staged_rows INCLUDING DEFAULTS INCLUDING INDEXES, CHECK (file_id = ${fileId}))`,
  );
  return table;
}

/**
 * Makes the file's rows part of `staged_rows`: Postgres checks the foreign key with one join over the file
 * and takes the table's indexes as the partition's. This takes SHARE ROW EXCLUSIVE on snapshot_files until
 * the transaction ends (see `lockForStaging`). Then statistics, from a small sample: the checks across rows
 * run next in this transaction, and without any the planner takes a million rows for a few thousand.
 */
export async function attachFileRows(db: Queryable, fileId: number): Promise<void> {
  const table = fileRowsTable(fileId);
  await db.query(`ALTER TABLE staged_rows ATTACH PARTITION ${table} FOR VALUES IN (${fileId})`);
  await db.query('SET LOCAL default_statistics_target = 10');
  await db.query(`ANALYZE ${table}`);
  await db.query('RESET default_statistics_target');
}

/** Drops a file's rows table that was never attached (the file could not be read to its end). */
export async function dropFileRows(db: Queryable, fileId: number): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${fileRowsTable(fileId)}`);
}

/**
 * Queues this upload behind any other one still staging. Attaching a file's rows takes SHARE ROW EXCLUSIVE
 * on snapshot_files (for the foreign key), which conflicts with the rows another upload inserted there, and
 * that upload waits in turn for our attach: two uploads staging at once would deadlock. Taking the lock
 * first, before any write, makes the second one wait for the first to commit instead. Reading is not blocked.
 * (Attaching the snapshot's defects takes the same lock on snapshots; another upload cannot hold rows there,
 * since it waits here before inserting its snapshot.)
 */
export async function lockForStaging(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE snapshot_files IN SHARE ROW EXCLUSIVE MODE');
}
