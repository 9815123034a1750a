/**
 * COPY data for `staged_rows`, encoded straight into 1 MB chunks: a million rows cost one hash each and
 * almost no strings.
 *
 * The content hash of a row is the SHA-1 (hex) of its raw cells in file order written as a JSON array, that
 * is of the UTF-8 bytes of `JSON.stringify(cells)` (an unambiguous encoding: `["a;b"]` and `["a",";b"]`
 * differ). The same row in a later export of the same layout gets the same hash, which is what delta pickup
 * compares. It is taken over the JSON bytes as they go to Postgres, the `cells` column's own text.
 *
 * A record read from one line without quotes (nearly all) arrives with that line, whose cells are exactly
 * `text.split(delimiter)`. Such a row is written with the line itself where its cells JSON goes and a
 * placeholder for its hash, and marked: `finishRows` (copy-finisher.ts, usually on a second thread) turns
 * the line into the JSON (`["`, `","` for each delimiter, `"]`, or `JSON.stringify` when the line holds
 * characters JSON escapes) and writes the hash. Any other record is written finished here. Both ways give
 * the same bytes (a test holds them to it).
 */
import { hash } from 'node:crypto';
import { MARK_INTS, type RawRows } from './copy-finisher.js';
import { copyJsonText, copyNullable } from './copy-text.js';

const CHUNK_BYTES = 1024 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;
const TAB = 9;
const NEWLINE = 10;
const HASH_HEX_CHARS = 40;
/** Bytes of a row besides its key, cells and refs: file id, line, hash, tabs. */
const ROW_OVERHEAD_BYTES = 128;

/** Writes `n` (a non-negative integer) in decimal at `pos`; returns the position after it. */
function writeDecimal(buf: Buffer, pos: number, n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let at = pos + digits;
  let rest = n;
  do {
    buf[--at] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  return pos + digits;
}

/** Writes a string known to be ASCII byte by byte: cheaper than a native call for a few bytes. */
function writeAscii(buf: Buffer, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[pos + i] = text.charCodeAt(i);
  return pos + text.length;
}

/**
 * Writes `text` as UTF-8 at `pos`; returns the position after it. A short ASCII text (a record key, nearly
 * always) is written byte by byte in the same pass that checks it, cheaper than a native call for a few bytes.
 */
function writeText(buf: Buffer, pos: number, text: string): number {
  if (text.length > 16) return pos + buf.write(text, pos);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return pos + buf.write(text, pos); // rewrites the ASCII before it the same
    buf[pos + i] = code;
  }
  return pos + text.length;
}

/** Copies `bytes` (a few) to `pos`; returns the position after them. */
function writeBytes(buf: Buffer, pos: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[pos + i] = bytes[i]!;
  return pos + bytes.length;
}

export class StagedRowBuffer {
  /** `file_id\t`, as UTF-8: the same in every row of the file, encoded once */
  private readonly head: Uint8Array;
  // Not from Buffer's shared pool: chunks are transferred to the finishing thread.
  private buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private pos = 0;
  private marks = new Int32Array(MARK_INTS * 4096);
  private markCount = 0;
  private readonly full: RawRows[] = [];

  constructor(fileId: number) {
    this.head = Buffer.from(`${fileId}\t`);
  }

  /**
   * One line of `COPY staged_rows (file_id, line, record_key, content_hash, cells, refs)`.
   * `text` is the record's line when `cells` is `text.split(delimiter)` exactly, else null.
   */
  appendRow(
    line: number,
    recordKey: string | null,
    cells: readonly string[],
    text: string | null,
    refs: object | null,
  ): void {
    const key = copyNullable(recordKey);
    const refsText = refs === null ? '\\N' : copyJsonText(JSON.stringify(refs));
    const fixed = ROW_OVERHEAD_BYTES + (key.length + refsText.length) * MAX_BYTES_PER_CHAR;
    let json: string | null = null;
    if (text === null) {
      json = JSON.stringify(cells);
      // Doubling the backslashes for COPY at most doubles the JSON.
      this.reserve(fixed + 2 * json.length * MAX_BYTES_PER_CHAR);
    } else {
      this.reserve(fixed + text.length * MAX_BYTES_PER_CHAR);
    }
    const buf = this.buf;
    let pos = writeBytes(buf, this.pos, this.head);
    pos = writeDecimal(buf, pos, line);
    buf[pos++] = TAB;
    pos = writeText(buf, pos, key);
    buf[pos++] = TAB;
    const hashAt = pos;
    pos += HASH_HEX_CHARS;
    buf[pos++] = TAB;
    if (json === null) {
      const start = pos;
      pos += buf.write(text!, pos);
      this.mark(hashAt, start, pos, cells.length);
    } else {
      writeAscii(buf, hashAt, hash('sha1', json));
      pos += buf.write(copyJsonText(json), pos);
    }
    buf[pos++] = TAB;
    pos = writeText(buf, pos, refsText);
    buf[pos++] = NEWLINE;
    this.pos = pos;
  }

  /** The chunks filled since the last call; with `all`, the partly filled one too. */
  take(all: boolean): RawRows[] {
    if (all) this.seal();
    return this.full.splice(0);
  }

  private mark(hashAt: number, start: number, end: number, cellCount: number): void {
    if ((this.markCount + 1) * MARK_INTS > this.marks.length) {
      const grown = new Int32Array(this.marks.length * 2);
      grown.set(this.marks);
      this.marks = grown;
    }
    const at = this.markCount * MARK_INTS;
    this.marks[at] = hashAt;
    this.marks[at + 1] = start;
    this.marks[at + 2] = end;
    this.marks[at + 3] = cellCount;
    this.markCount++;
  }

  /** Makes room for `bytes` more in the current chunk, so a row is never split across two. */
  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.seal();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafeSlow(bytes);
  }

  private seal(): void {
    if (this.pos === 0) return;
    this.full.push({ bytes: this.buf.subarray(0, this.pos), marks: this.marks, markCount: this.markCount });
    this.buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.pos = 0;
    this.marks = new Int32Array(this.marks.length);
    this.markCount = 0;
  }
}
