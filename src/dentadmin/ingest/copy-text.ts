/**
 * Rows in Postgres COPY text format (tab-separated, `\N` for null, backslash escapes), built as strings so a
 * million rows cost one native `JSON.stringify` and one hash each, and no round trip per row.
 */
import { hash } from 'node:crypto';
import type { Defect } from '../defects.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Escapes a value for COPY text format. */
export function copyEscape(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function copyNullable(value: string | null): string {
  return value === null ? '\\N' : copyEscape(value);
}

/** JSON has no raw tab or line break; only its backslashes need doubling for COPY. */
function copyJsonText(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/**
 * The content hash of a row: SHA-1 (hex) of its raw cells in file order, written as a JSON array (an
 * unambiguous encoding: `["a;b"]` and `["a",";b"]` differ). The same row in a later export of the same
 * layout gets the same hash, which is what delta pickup compares. Hashing the JSON we store anyway saves
 * a join per row.
 */
export function contentHash(cells: readonly string[]): string {
  return hash('sha1', JSON.stringify(cells));
}

export interface StagedRow {
  fileId: number;
  snapshotId: number;
  entity: string;
  line: number;
  recordKey: string | null;
  cells: readonly string[];
  refs: object | null;
}

/** One line of `COPY staged_rows (file_id, line, snapshot_id, entity, record_key, content_hash, cells, refs)`. */
export function stagedRowLine(row: StagedRow): string {
  const cells = JSON.stringify(row.cells);
  const refs = row.refs === null ? '\\N' : copyJsonText(JSON.stringify(row.refs));
  return `${row.fileId}\t${row.line}\t${row.snapshotId}\t${row.entity}\t${copyNullable(row.recordKey)}\t${hash('sha1', cells)}\t${copyJsonText(cells)}\t${refs}\n`;
}

export const STAGED_ROW_COLUMNS = '(file_id, line, snapshot_id, entity, record_key, content_hash, cells, refs)';
export const DEFECT_COLUMNS = '(snapshot_id, file_id, entity, record_key, line, column_name, code, severity, message)';

/** One line of `COPY defects (snapshot_id, file_id, entity, record_key, line, column_name, code, severity, message)`. */
export function defectLine(snapshotId: number, fileId: number, defect: Defect): string {
  return `${snapshotId}\t${fileId}\t${copyEscape(defect.entity)}\t${copyNullable(defect.record)}\t${defect.line}\t${copyNullable(defect.column)}\t${defect.code}\t${defect.severity}\t${copyEscape(defect.message)}\n`;
}

const CHUNK_BYTES = 1024 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * COPY text encoded straight into 1 MB buffers: no string rope to build and flatten per chunk, and no
 * input chunk kept alive by a slice inside a pending string.
 */
export class CopyBuffer {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private readonly full: Buffer[] = [];

  append(text: string): void {
    if (this.pos + text.length * MAX_BYTES_PER_CHAR > this.buf.length) {
      this.seal();
      if (text.length * MAX_BYTES_PER_CHAR > this.buf.length)
        this.buf = Buffer.allocUnsafe(text.length * MAX_BYTES_PER_CHAR);
    }
    this.pos += this.buf.write(text, this.pos);
  }

  /** Bytes appended so far and not yet taken. */
  get size(): number {
    return this.pos + this.full.reduce((n, b) => n + b.length, 0);
  }

  /** The chunks filled since the last call; with `all`, the partly filled one too. */
  take(all: boolean): Buffer[] {
    if (all) this.seal();
    return this.full.splice(0);
  }

  private seal(): void {
    if (this.pos === 0) return;
    this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.pos = 0;
  }
}
