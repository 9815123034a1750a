/**
 * Rows in Postgres COPY text format (tab-separated, `\N` for null, backslash escapes), encoded into buffers
 * so a million rows cost no round trip per row. Staged rows have their own encoder (staged-row-buffer.ts).
 */
import type { Defect } from '../defects.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Escapes a value for COPY text format. */
export function copyEscape(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyNullable(value: string | null): string {
  return value === null ? '\\N' : copyEscape(value);
}

/** JSON has no raw tab or line break; only its backslashes need doubling for COPY. */
export function copyJsonText(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

export const STAGED_ROW_COLUMNS = '(file_id, line, record_key, content_hash, cells, refs)';

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
    this.reserve(text.length * MAX_BYTES_PER_CHAR);
    this.pos += this.buf.write(text, this.pos);
  }

  /** Makes room for `bytes` more in the current chunk. */
  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.seal();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
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
