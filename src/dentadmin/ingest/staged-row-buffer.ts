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
import { copyEscape, copyJsonText, copyNullable } from './copy-text.js';

const CHUNK_BYTES = 1024 * 1024;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;
const TAB = 9;
const NEWLINE = 10;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const HASH_HEX_CHARS = 40;
/** Bytes of a row besides its key, cells and refs: ids, line, entity, hash, tabs (entity names are short). */
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

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Writes `text` as UTF-8 at `pos`; returns the position after it. */
function writeText(buf: Buffer, pos: number, text: string): number {
  return text.length <= 16 && isAscii(text) ? writeAscii(buf, pos, text) : pos + buf.write(text, pos);
}

/** A row's refs (validate/types.ts RecordRefs): a plain object of JSON values. */
type Refs = Readonly<Record<string, unknown>>;

/** A string JSON writes as it is: printable ASCII without `"` or `\\` (COPY leaves it as it is too). */
function isPlainJsonText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code > 126 || code === QUOTE || code === BACKSLASH) return false;
  }
  return true;
}

/**
 * Bytes `writeRefs` may need: a character of a string value takes at most 7 (`\\u001f` with its backslash
 * doubled for COPY); a key is ASCII.
 */
function refsBytesBound(refs: Refs): number {
  let bytes = 2;
  for (const key in refs) {
    const value = refs[key];
    const chars = typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0);
    bytes += key.length + 4 + 7 * chars;
  }
  return bytes;
}

/**
 * Writes `JSON.stringify(refs)`, COPY-escaped, at `pos`: the refs of a row are a few short strings (an INSZ, a
 * name key, an id), written byte by byte; anything else goes through JSON.stringify. Returns the end. (The
 * stringify of a million rows' refs was 0.27 s of the main thread.)
 */
function writeRefs(buf: Buffer, pos: number, refs: Refs): number {
  buf[pos++] = OPEN_BRACE;
  let first = true;
  for (const key in refs) {
    const value = refs[key];
    if (value === undefined) continue; // as JSON.stringify leaves it out
    if (!first) buf[pos++] = COMMA;
    first = false;
    buf[pos++] = QUOTE;
    pos = writeAscii(buf, pos, key);
    buf[pos++] = QUOTE;
    buf[pos++] = COLON;
    if (typeof value === 'string' && isPlainJsonText(value)) {
      buf[pos++] = QUOTE;
      pos = writeAscii(buf, pos, value);
      buf[pos++] = QUOTE;
    } else {
      pos += buf.write(copyJsonText(JSON.stringify(value)), pos);
    }
  }
  buf[pos++] = CLOSE_BRACE;
  return pos;
}

export class StagedRowBuffer {
  /** `file_id\t` */
  private readonly head: string;
  /** `\tsnapshot_id\tentity\t` */
  private readonly middle: string;
  // Not from Buffer's shared pool: chunks are transferred to the finishing thread.
  private buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private pos = 0;
  private marks = new Int32Array(MARK_INTS * 4096);
  private markCount = 0;
  private readonly full: RawRows[] = [];

  constructor(fileId: number, snapshotId: number, entity: string) {
    this.head = `${fileId}\t`;
    this.middle = `\t${snapshotId}\t${copyEscape(entity)}\t`;
  }

  /**
   * One line of `COPY staged_rows (file_id, line, snapshot_id, entity, record_key, content_hash, cells, refs)`.
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
    const fixed =
      ROW_OVERHEAD_BYTES + key.length * MAX_BYTES_PER_CHAR + (refs === null ? 2 : refsBytesBound(refs as Refs));
    let json: string | null = null;
    if (text === null) {
      json = JSON.stringify(cells);
      // Doubling the backslashes for COPY at most doubles the JSON.
      this.reserve(fixed + 2 * json.length * MAX_BYTES_PER_CHAR);
    } else {
      this.reserve(fixed + text.length * MAX_BYTES_PER_CHAR);
    }
    const buf = this.buf;
    let pos = writeAscii(buf, this.pos, this.head);
    pos = writeDecimal(buf, pos, line);
    pos = writeText(buf, pos, this.middle);
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
    pos = refs === null ? writeAscii(buf, pos, '\\N') : writeRefs(buf, pos, refs as Refs);
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
