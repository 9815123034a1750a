/** Column profiles of staged files: shapes and counts only, which the field-map proposer reads. */
import type { ColumnProfile } from '../dentadmin/profile/column-profiler.js';
import type { Queryable } from './db.js';

/** Stores a file's profiles in one statement. */
export async function insertColumnProfiles(
  db: Queryable,
  fileId: number,
  profiles: readonly ColumnProfile[],
): Promise<void> {
  if (profiles.length === 0) return;
  await db.query(
    `INSERT INTO column_profiles
       (file_id, position, header, column_key, inferred_type, type_share, pattern, fill_rate, distinct_count,
        distinct_estimated, samples)
     SELECT $1, p.position, p.header, p.column_key, p.inferred_type, p.type_share, p.pattern, p.fill_rate,
            p.distinct_count, p.distinct_estimated, p.samples
     FROM jsonb_to_recordset($2::jsonb) AS p(position int, header text, column_key text, inferred_type text,
          type_share real, pattern text, fill_rate real, distinct_count int, distinct_estimated boolean, samples jsonb)`,
    [
      fileId,
      JSON.stringify(
        profiles.map((p) => ({
          position: p.position,
          header: p.header,
          column_key: p.columnKey,
          inferred_type: p.inferredType,
          type_share: p.typeShare,
          pattern: p.pattern,
          fill_rate: p.fillRate,
          distinct_count: p.distinctCount,
          distinct_estimated: p.distinctEstimated,
          samples: p.samples,
        })),
      ),
    ],
  );
}

/** The profiles of one staged file, in column order. */
export async function listColumnProfiles(db: Queryable, fileId: number): Promise<ColumnProfile[]> {
  const { rows } = await db.query<{
    position: number;
    header: string;
    column_key: string | null;
    inferred_type: ColumnProfile['inferredType'];
    type_share: number;
    pattern: string | null;
    fill_rate: number;
    distinct_count: number;
    distinct_estimated: boolean;
    samples: string[];
  }>('SELECT * FROM column_profiles WHERE file_id = $1 ORDER BY position', [fileId]);
  return rows.map((r) => ({
    position: r.position,
    header: r.header,
    columnKey: r.column_key,
    inferredType: r.inferred_type,
    typeShare: r.type_share,
    pattern: r.pattern,
    fillRate: r.fill_rate,
    distinctCount: r.distinct_count,
    distinctEstimated: r.distinct_estimated,
    samples: r.samples,
  }));
}
