/** Reading staged rows back for a load: cells by header, in file order. */
import type { SourceRow } from '../migration/build-record.js';
import type { Queryable } from './db.js';

export interface StagedFile {
  fileId: number;
  entity: string;
  headers: string[];
  /** The column key ingest recognised per header position (`birth_date`, …); null for an unknown header. */
  columnKeys: (string | null)[];
  documentsDir: string | null;
}

export async function stagedFiles(db: Queryable, snapshotId: number): Promise<StagedFile[]> {
  const { rows } = await db.query<{
    id: number;
    entity: string;
    headers: string[];
    column_keys: (string | null)[];
    documents_dir: string | null;
  }>(
    `SELECT id, entity, headers, column_keys, documents_dir FROM snapshot_files
     WHERE snapshot_id = $1 AND entity IS NOT NULL AND error IS NULL ORDER BY id`,
    [snapshotId],
  );
  return rows.map((r) => ({
    fileId: r.id,
    entity: r.entity,
    headers: r.headers,
    columnKeys: r.column_keys,
    documentsDir: r.documents_dir,
  }));
}

/** Record keys of an entity's rows in file order (ragged rows without a key are left out). */
export async function stagedKeys(db: Queryable, file: StagedFile): Promise<string[]> {
  const { rows } = await db.query<{ record_key: string }>(
    'SELECT record_key FROM staged_rows WHERE file_id = $1 AND record_key IS NOT NULL ORDER BY line',
    [file.fileId],
  );
  return rows.map((r) => r.record_key);
}

/** The rows with these keys (all rows when `keys` is undefined), as cells by header. */
export async function stagedRows(db: Queryable, file: StagedFile, keys?: readonly string[]): Promise<SourceRow[]> {
  const { rows } = await db.query<{ line: number; record_key: string; content_hash: string; cells: (string | null)[] }>(
    `SELECT line, record_key, content_hash, cells::json AS cells FROM staged_rows
     WHERE file_id = $1 AND record_key IS NOT NULL AND ($2::text[] IS NULL OR record_key = ANY($2)) ORDER BY line`,
    [file.fileId, keys ?? null],
  );
  return rows.map((r) => ({
    entity: file.entity,
    key: r.record_key,
    line: r.line,
    contentHash: r.content_hash,
    cells: new Map(file.headers.map((header, i) => [header, r.cells[i] ?? null])),
  }));
}
