/**
 * Per-validator state shared by the cell checks: the entity, the file's headers, the options, small caches,
 * and the defects of the record being validated.
 *
 * One context belongs to one validator and is reused for every record (the validator is synchronous), so a
 * record costs one defects array and one refs object, nothing more.
 */

import { type Defect, type DefectCode, severityOf } from '../defects.js';
import type { EntityName } from '../entities.js';

export interface ResolvedOptions {
  exportDate: string;
  exportYear: number;
  maxDocumentBytes: number;
  dominantPatterns: ReadonlyMap<string, string> | null;
}

/** Longest cell value quoted in a message; longer ones are cut with an ellipsis. */
const MAX_QUOTED_CHARS = 40;

export class RecordContext {
  defects: Defect[] = [];
  /** ISO dates parsed by the generic date pass of the current record, by column key. */
  readonly isoByKey = new Map<string, string>();
  private line = 0;
  private record: string | null = null;

  constructor(
    readonly entity: EntityName,
    private readonly headers: ReadonlyMap<string, string>,
    readonly options: ResolvedOptions,
  ) {}

  /** Starts a new record. */
  begin(line: number, record: string | null): void {
    this.line = line;
    this.record = record;
    this.defects = [];
    this.isoByKey.clear();
  }

  /** True when the file has this column. */
  has(key: string): boolean {
    return this.headers.has(key);
  }

  /** The column's header as written in the file (falls back to the key for columns the file lacks). */
  header(key: string): string {
    return this.headers.get(key) ?? key;
  }

  /** Records a defect on `key`'s column, or on the whole record when `key` is null. */
  add(code: DefectCode, key: string | null, message: string): void {
    this.defects.push({
      entity: this.entity,
      record: this.record,
      line: this.line,
      column: key === null ? null : this.header(key),
      code,
      severity: severityOf(code),
      message,
    });
  }
}

/** The trimmed cell, or null when it is missing or blank. */
export function cellValue(cells: Readonly<Record<string, string | undefined>>, key: string): string | null {
  const raw = cells[key];
  if (raw === undefined || raw === '') return null;
  const value = raw.trim();
  return value === '' ? null : value;
}

/** A cell value fit for a message: quoted, and cut when long (memo fields). */
export function quote(value: string): string {
  return value.length > MAX_QUOTED_CHARS ? `"${value.slice(0, MAX_QUOTED_CHARS - 1)}…"` : `"${value}"`;
}

/** `2025-10-28` → `28/10/2025`: dates in messages are written the Belgian way. */
export function belgianDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
