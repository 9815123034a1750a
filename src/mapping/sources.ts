/**
 * The source side of the map, as the ingest describes it: each staged file's entity, headers and column
 * profiles. Only these facts reach the proposers — never a row — and only their masked samples reach an LLM.
 */
import type { EntityName } from '../dentadmin/entities.js';
import { type ProfileKind, toProfileKind } from './kinds.js';

/** One column's profile (a row of `column_profiles`). */
export interface ColumnProfile {
  /** Header exactly as in the file, trimmed. */
  header: string;
  /** The ingest reader's column key (`first_name`) when it recognised the header, else null. */
  columnKey: string | null;
  kind: ProfileKind;
  /** Share of non-empty cells of the dominant kind, 0…1, when the profiler reports it. */
  kindShare?: number;
  /** Dominant shape (`99/99/9999`), when the profiler reports one. */
  pattern: string | null;
  fillRate: number;
  distinctCount: number;
  /** Shape-masked samples (`Aaaaaaa`, `9999 99 99 99`); never raw values. */
  samples: string[];
}

export interface SourceFile {
  entity: EntityName;
  fileName: string;
  /** Rows in the file; lets the prompt say "3 of 300 filled". */
  rows?: number;
  columns: ColumnProfile[];
}

/** The language of the practice, read from the headers; decides custom field labels and the insurer name column. */
export type SourceLanguage = 'nl' | 'fr';

/** Builds a profile from the loose shape stored in Postgres (`column_profiles` + `snapshot_files`). */
export function toColumnProfile(row: {
  header: string;
  column_key: string | null;
  inferred_type: string;
  type_share?: number | null;
  pattern: string | null;
  fill_rate: number;
  distinct_count: number;
  samples: unknown;
}): ColumnProfile {
  const samples = Array.isArray(row.samples) ? row.samples.filter((s): s is string => typeof s === 'string') : [];
  return {
    header: row.header.trim(),
    columnKey: row.column_key,
    kind: toProfileKind(row.inferred_type),
    ...(typeof row.type_share === 'number' ? { kindShare: row.type_share } : {}),
    pattern: row.pattern,
    fillRate: row.fill_rate,
    distinctCount: row.distinct_count,
    samples,
  };
}

/** A column with no profile (an import or an edit naming a header only): text, unknown fill. */
export function bareColumn(header: string, columnKey: string | null = null): ColumnProfile {
  return { header, columnKey, kind: 'text', pattern: null, fillRate: 1, distinctCount: 0, samples: [] };
}

/** Converts the ingest profiler's own profile (src/dentadmin/profile) without going through Postgres. */
export function fromIngestProfile(profile: {
  header: string;
  columnKey: string | null;
  inferredType: string;
  typeShare: number;
  pattern: string | null;
  fillRate: number;
  distinctCount: number;
  samples: readonly string[];
}): ColumnProfile {
  return toColumnProfile({
    header: profile.header,
    column_key: profile.columnKey,
    inferred_type: profile.inferredType,
    type_share: profile.typeShare,
    pattern: profile.pattern,
    fill_rate: profile.fillRate,
    distinct_count: profile.distinctCount,
    samples: [...profile.samples],
  });
}
