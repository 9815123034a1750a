/**
 * Defects of a snapshot: the checks that need other rows (duplicates, orphans), run in SQL inside the upload's
 * transaction once every file is staged, and the read-back that builds the report.
 */
import type { Defect, DefectCode, Severity } from '../dentadmin/defects.js';
import type { Queryable } from './db.js';

/**
 * The table an upload writes its snapshot's defects into, which becomes the snapshot's partition of `defects`
 * once the upload's checks are done (see sql/012). The name is built from the numeric id only, never from text.
 */
export function snapshotDefectsTable(snapshotId: number): string {
  if (!Number.isSafeInteger(snapshotId) || snapshotId <= 0) {
    throw new RangeError(`snapshotDefectsTable: bad snapshot id ${snapshotId}`);
  }
  return `defects_s${snapshotId}`;
}

/** Creates the snapshot's defects table: the columns and checks of `defects`, no foreign key or index yet. */
export async function createSnapshotDefects(db: Queryable, snapshotId: number): Promise<void> {
  const table = snapshotDefectsTable(snapshotId);
  await db.query(
    `CREATE TABLE ${table} (LIKE defects INCLUDING DEFAULTS INCLUDING CONSTRAINTS, CHECK (snapshot_id = ${snapshotId}))`,
  );
}

/**
 * Makes the snapshot's defects part of `defects`: Postgres checks their foreign keys with one join and builds
 * the partition's indexes. It takes SHARE ROW EXCLUSIVE on snapshots and snapshot_files until the
 * transaction ends (see `lockForStaging` for why that cannot deadlock).
 */
export async function attachSnapshotDefects(db: Queryable, snapshotId: number): Promise<void> {
  const table = snapshotDefectsTable(snapshotId);
  await db.query(`ALTER TABLE defects ATTACH PARTITION ${table} FOR VALUES IN (${snapshotId})`);
}

/** The columns Ferry writes, in the order its COPY lines (`defectLine`) and inserts give them. */
export const DEFECT_COLUMNS = '(snapshot_id, file_id, entity, record_key, line, column_name, code, severity, message)';
const insertDefects = (snapshotId: number) => `INSERT INTO ${snapshotDefectsTable(snapshotId)} ${DEFECT_COLUMNS}`;

export interface DuplicateCheck {
  snapshotId: number;
  patientsFileId: number;
  inszColumn: string | null;
  /** `%s` = first record's key, `%s` = its line. */
  inszTemplate: string;
  nameBirthTemplate: string;
  /** Proposed pairs (a later line repeating an earlier one), found while the file streamed. */
  lines: readonly number[];
  firstLines: readonly number[];
  kinds: readonly ('insz' | 'name')[];
}

/**
 * Records `duplicate_patient` for the proposed pairs whose keys really match: the same INSZ, or the same
 * name and birth date unless both carry different INSZ numbers (namesakes born the same day are two people).
 * The first record (lowest line) is the one kept; the message names it.
 */
export async function insertDuplicatePatients(db: Queryable, c: DuplicateCheck): Promise<void> {
  if (c.lines.length === 0) return;
  await db.query(
    `${insertDefects(c.snapshotId)}
     SELECT $2, $1, 'patients', r.record_key, r.line,
            CASE WHEN d.kind = 'insz' THEN $3::text END, 'duplicate_patient', 'warning',
            format(CASE WHEN d.kind = 'insz' THEN $4::text ELSE $5::text END, coalesce(f.record_key, '?'), f.line)
     FROM unnest($6::int[], $7::int[], $8::text[]) AS d(line, first_line, kind)
     JOIN staged_rows r ON r.file_id = $1 AND r.line = d.line
     JOIN staged_rows f ON f.file_id = $1 AND f.line = d.first_line
     WHERE (d.kind = 'insz' AND r.refs::json->>'insz' = f.refs::json->>'insz')
        OR (d.kind = 'name' AND r.refs::json->>'nameBirth' = f.refs::json->>'nameBirth'
            AND NOT (r.refs::json->>'insz' IS NOT NULL AND f.refs::json->>'insz' IS NOT NULL AND r.refs::json->>'insz' <> f.refs::json->>'insz'))`,
    [c.patientsFileId, c.snapshotId, c.inszColumn, c.inszTemplate, c.nameBirthTemplate, c.lines, c.firstLines, c.kinds],
  );
}

export interface OrphanCheck {
  snapshotId: number;
  fileId: number;
  /** The file's entity (the defects name it). */
  entity: string;
  /** The file the reference must resolve in (patients or care plans). */
  targetFileId: number;
  /** `patient` or `plan` (a key of the rows' refs). */
  ref: 'patient' | 'plan';
  column: string | null;
  /** `%s` = the id pointed at. */
  template: string;
  /** Only these lines may be orphans (found while streaming); null: any row of the file may be. */
  lines: readonly number[] | null;
}

const orphans = (snapshotId: number) => `${insertDefects(snapshotId)}
  SELECT ${snapshotId}, r.file_id, $6::text, r.record_key, r.line, $3::text, 'orphan_reference', 'error', format($4::text, r.refs::json->>$5::text)
  FROM staged_rows r
  WHERE r.file_id = $1 AND r.refs::json->>$5::text IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM staged_rows t WHERE t.file_id = $2 AND t.record_key = r.refs::json->>$5::text)`;

/**
 * `orphan_reference` on every record whose reference is not a record key of the target file: among the
 * candidate lines when given (a few index look-ups), else among all the file's rows (a scan of the file).
 */
export async function insertOrphans(db: Queryable, c: OrphanCheck): Promise<void> {
  const params = [c.fileId, c.targetFileId, c.column, c.template, c.ref, c.entity];
  if (c.lines === null) await db.query(orphans(c.snapshotId), params);
  else await db.query(`${orphans(c.snapshotId)} AND r.line = ANY($7::int[])`, [...params, c.lines]);
}

export interface RecordTotals {
  entity: string;
  /** Records with at least one error. */
  errors: number;
  /** Records whose worst defect is a warning. */
  warnings: number;
}

/** Per entity, how many records have errors and how many only warnings. */
export async function recordTotals(db: Queryable, snapshotId: number): Promise<RecordTotals[]> {
  const { rows } = await db.query<RecordTotals>(
    `SELECT entity, count(*) FILTER (WHERE worst = 'error')::int AS errors,
            count(*) FILTER (WHERE worst = 'warning')::int AS warnings
     FROM (SELECT entity, file_id, line, min(severity) AS worst FROM defects
           WHERE snapshot_id = $1 GROUP BY entity, file_id, line) per_record
     GROUP BY entity`,
    [snapshotId],
  );
  return rows;
}

/** Every defect of the snapshot, in the given entity order, then by line. */
export async function listDefects(
  db: Queryable,
  snapshotId: number,
  entityOrder: readonly string[],
): Promise<Defect[]> {
  const { rows } = await db.query<{
    entity: string;
    record_key: string | null;
    line: number;
    column_name: string | null;
    code: DefectCode;
    severity: Severity;
    message: string;
  }>(
    `SELECT entity, record_key, line, column_name, code, severity, message FROM defects
     WHERE snapshot_id = $1 ORDER BY array_position($2::text[], entity), line, id`,
    [snapshotId, entityOrder],
  );
  return rows.map((r) => ({
    entity: r.entity,
    record: r.record_key,
    line: r.line,
    column: r.column_name,
    code: r.code,
    severity: r.severity,
    message: r.message,
  }));
}

/** Defect kinds by how often they occur, most frequent first. */
export async function countDefectsByCode(
  db: Queryable,
  snapshotId: number,
): Promise<{ code: DefectCode; severity: Severity; count: number }[]> {
  const { rows } = await db.query<{ code: DefectCode; severity: Severity; count: number }>(
    `SELECT code, severity, count(*)::int AS count FROM defects WHERE snapshot_id = $1
     GROUP BY code, severity ORDER BY count(*) DESC, code`,
    [snapshotId],
  );
  return rows;
}
