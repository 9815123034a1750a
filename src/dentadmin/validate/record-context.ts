/**
 * Per-validator state shared by the cell checks: the entity, the file's headers, the options, small caches,
 * and the defects of the record being validated.
 *
 * One context belongs to one validator and is reused for every record (the validator is synchronous), so a
 * record costs one defects array and one refs object, nothing more.
 */

import { type DateNumber, isoOfDateNumber } from '../../domain/date-numbers.js';
import { type Defect, type DefectCode, severityOf } from '../defects.js';
import type { EntityName } from '../entities.js';

export interface ResolvedOptions {
  exportDate: string;
  /** `exportDate` as a DateNumber, for comparisons. */
  exportDay: DateNumber;
  exportYear: number;
  maxDocumentBytes: number;
  dominantPatterns: ReadonlyMap<string, string> | null;
}

/** Longest cell value quoted in a message; longer ones are cut with an ellipsis. */
const MAX_QUOTED_CHARS = 40;

export class RecordContext {
  defects: Defect[] = [];
  /**
   * Dates read by the generic date pass of the current record by column key, -1 when the cell is empty or
   * invalid. The pass sets every date column of the file on every record, so nothing is cleared between
   * records (a Map's clear allocates a new table, a million times per file).
   */
  private readonly dates = new Map<string, DateNumber>();
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
  }

  /** Records the date read from `key`'s cell (-1: none). */
  setDate(key: string, date: DateNumber): void {
    this.dates.set(key, date);
  }

  /** The ISO date read from `key`'s cell of the current record, or null when empty, invalid or absent. */
  isoDate(key: string): string | null {
    const date = this.dates.get(key);
    return date === undefined || date < 0 ? null : isoOfDateNumber(date);
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

/**
 * The trimmed cell, or null when it is missing or blank. A cell that starts and ends with a printable ASCII
 * character (nearly all of them) has nothing to trim and is returned without calling `trim`.
 */
export function cellValue(cells: Readonly<Record<string, string | undefined>>, key: string): string | null {
  const raw = cells[key];
  if (raw === undefined || raw === '') return null;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return raw;
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
