/**
 * What the map proposers may know about a project's export: the latest staged snapshot's files, their
 * entities and their column profiles (masked samples only). Rows are never read here.
 */
import { isEntityName } from '../dentadmin/entities.js';
import { bareColumn, type SourceFile, toColumnProfile } from '../mapping/sources.js';
import type { Queryable } from './db.js';

export interface ProjectSources {
  project: string;
  sourceSystem: string;
  snapshotId: number;
  files: SourceFile[];
}

interface FileRow {
  id: number;
  file_name: string;
  entity: string;
  rows: number;
  headers: unknown;
  column_keys: unknown;
}

interface ProfileRow {
  file_id: number;
  header: string;
  column_key: string | null;
  inferred_type: string;
  type_share: number;
  pattern: string | null;
  fill_rate: number;
  distinct_count: number;
  samples: unknown;
}

const strings = (value: unknown): (string | null)[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : null)) : [];

/**
 * The latest staged snapshot of a project as source files, one per entity (the first file of an entity wins;
 * ingest reports duplicates). Null when the project has no staged snapshot.
 */
export async function loadProjectSources(db: Queryable, project: string): Promise<ProjectSources | null> {
  const snapshot = await db.query<{ id: number; source_system: string }>(
    `SELECT s.id, p.source_system FROM snapshots s JOIN projects p ON p.id = s.project_id
      WHERE s.project_id = $1 AND s.status = 'staged' ORDER BY s.id DESC LIMIT 1`,
    [project],
  );
  const found = snapshot.rows[0];
  if (!found) return null;
  const files = await db.query<FileRow>(
    `SELECT id, file_name, entity, rows, headers, column_keys FROM snapshot_files
      WHERE snapshot_id = $1 AND entity IS NOT NULL AND error IS NULL ORDER BY id`,
    [found.id],
  );
  const profiles = await db.query<ProfileRow>(
    `SELECT file_id, header, column_key, inferred_type, type_share, pattern, fill_rate, distinct_count, samples
       FROM column_profiles WHERE file_id = ANY($1::bigint[]) ORDER BY file_id, position`,
    [files.rows.map((f) => f.id)],
  );
  const result: SourceFile[] = [];
  for (const file of files.rows) {
    if (!isEntityName(file.entity) || result.some((f) => f.entity === file.entity)) continue;
    const own = profiles.rows.filter((p) => p.file_id === file.id);
    const headers = strings(file.headers);
    const keys = strings(file.column_keys);
    // A file staged without profiles still gets every header into the map (as text of unknown fill).
    const columns =
      own.length > 0
        ? own.map(toColumnProfile)
        : headers.flatMap((h, i) => (h === null ? [] : [bareColumn(h.trim(), keys[i] ?? null)]));
    result.push({ entity: file.entity, fileName: file.file_name, rows: file.rows, columns });
  }
  return { project, sourceSystem: found.source_system, snapshotId: found.id, files: result };
}
