/**
 * A streaming CSV record reader that knows the physical line each record starts on.
 *
 * Most export lines hold no quote at all: those are split with the native `String.split`, which is what keeps
 * a 1,000,000-row patients file (211 MB) fast (csv-parse over the whole file takes 16–18 s, seven times what
 * `psql \copy` needs for the whole load). A record holding a quote is RFC 4180 territory (quoted delimiters,
 * doubled quotes, line breaks inside a memo): this reader finds where such a record ends and splits it itself
 * when it is well formed (every quote opens a field and closes it right before a delimiter or the record's
 * end), which RFC 4180 reads one way only; anything else goes to csv-parse, all of a pushed slice's irregular
 * records in one call. (csv-parse on every quoted record cost 6 µs each: 0.4 s for the 7% of a generated
 * million-patient file that quote a memo.) It is lenient the way exports need:
 * - a record may have any number of fields (the caller reports ragged rows);
 * - a quote inside an unquoted field is kept as text (`5" monitor`);
 * - text after a closing quote (`"ab"c`) keeps the field exactly as written, quotes included;
 * - empty lines are skipped but still counted, so line numbers match what an editor shows (csv-parse's own
 *   line count takes a CRLF inside a quoted field for two lines, so lines are counted here).
 * A quoted field that never closes is a `CsvSyntaxError` naming the line it opened on.
 */

import { parse as parseCsv } from 'csv-parse/sync';
import type { Delimiter, LineEnding } from './dialect.js';

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Receives each record: its cells, the line it starts on, and, for a record on one line without any quote
 * (nearly all), the line's text that was split into the cells (null otherwise), so a caller can reuse it.
 */
export type RecordHandler = (cells: string[], line: number, text: string | null) => void;

/** A record longer than this is taken for an unclosed quote rather than buffered further. */
export const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;
const QUOTE = 34;
const CR = 13;
const INCOMPLETE = -1;
/** A record's kind in the bounds array when it is a plain line (otherwise: the index of its quoted text). */
const PLAIN = -1;

export class CsvRecordParser {
  private buf = '';
  /** Physical line (1-based) at the current position of `buf`. */
  private line = 1;
  /** Buffered characters needed before trying an unfinished record again (keeps long memos linear). */
  private waitFor = 0;
  /** Next quote at or after the scan position in `buf`, -1 when none is left, -2 when not looked up yet. */
  private nextQuote = -2;
  /** Per record of the text being parsed: start, end, line, kind (see `bound`). Reused from call to call. */
  private bounds = new Int32Array(4 * 1024);
  private readonly breakChar: string;
  private readonly breakCode: number;

  constructor(
    private readonly delimiter: Delimiter,
    lineEnding: LineEnding,
    private readonly onRecord: RecordHandler,
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {
    this.breakChar = lineEnding === 'cr' ? '\r' : '\n';
    this.breakCode = this.breakChar.charCodeAt(0);
  }

  /** The line the next record would start on (after `end`, one past the last line). */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): void {
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.buf.length < this.waitFor) return;
    this.parse(false);
  }

  /** Parses what is left; throws CsvSyntaxError when a quoted field is still open. */
  end(): void {
    this.parse(true);
    this.buf = '';
  }

  /**
   * Two passes over the buffered text: the first finds every record's bounds (the quoted ones' texts go to
   * csv-parse in one call), the second hands the records on in file order. Bounds are numbers in a typed
   * array, so a plain line costs no object besides its cells until it is handed on.
   */
  private parse(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    this.nextQuote = -2;
    /** Per record holding a quote: its cells, or its text when csv-parse is to read it. */
    const quoted: (string[] | string)[] = [];
    let count = 0;
    let pos = 0;
    let failure: unknown = null;
    while (pos < n) {
      const eol = buf.indexOf(this.breakChar, pos);
      if (eol === -1 && !final) break;
      const end = eol === -1 ? n : eol;
      const lineEnd = this.withoutCr(buf, pos, end);
      if (lineEnd === pos) {
        this.line++; // an empty line: counted, not a record
        pos = end + 1;
        continue;
      }
      if (this.quoteAt(buf, pos) >= lineEnd) {
        this.bound(count++, pos, lineEnd, this.line, PLAIN);
        this.line++;
        pos = end + 1;
        continue;
      }
      let recordEnd: number;
      try {
        recordEnd = this.quotedRecordEnd(buf, pos, final);
      } catch (error) {
        failure = error; // the records before an unclosed quote are still read
        break;
      }
      if (recordEnd === INCOMPLETE) break;
      const textEnd = recordEnd === n ? n : this.withoutCr(buf, pos, recordEnd);
      const text = buf.slice(pos, textEnd);
      this.bound(count++, pos, textEnd, this.line, quoted.length);
      quoted.push(splitWellFormed(text, this.delimiter) ?? text);
      this.line += 1 + countChar(text, this.breakCode);
      pos = recordEnd + 1;
    }
    this.handOn(buf, count, quoted);
    if (failure !== null) throw failure;
    this.keepRest(buf, pos);
  }

  /** Notes record `i`: its text's bounds in the buffer, its line, and PLAIN or the index of its quoted text. */
  private bound(i: number, start: number, end: number, line: number, kind: number): void {
    if ((i + 1) * 4 > this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    const at = i * 4;
    this.bounds[at] = start;
    this.bounds[at + 1] = end;
    this.bounds[at + 2] = line;
    this.bounds[at + 3] = kind;
  }

  /** Reads the irregular quoted records with csv-parse (one call) and hands every record on, in file order. */
  private handOn(buf: string, count: number, quoted: (string[] | string)[]): void {
    this.readIrregular(quoted);
    const bounds = this.bounds;
    for (let i = 0; i < count; i++) {
      const at = i * 4;
      const kind = bounds[at + 3]!;
      if (kind === PLAIN) {
        const text = buf.slice(bounds[at]!, bounds[at + 1]!);
        this.onRecord(text.split(this.delimiter), bounds[at + 2]!, text);
      } else {
        this.onRecord(quoted[kind] as string[], bounds[at + 2]!, null);
      }
    }
  }

  /** Replaces each record text left in `quoted` by its cells as csv-parse reads them. */
  private readIrregular(quoted: (string[] | string)[]): void {
    const at: number[] = [];
    for (let i = 0; i < quoted.length; i++) if (typeof quoted[i] === 'string') at.push(i);
    if (at.length === 0) return;
    const records = parseCsv(at.map((i) => quoted[i]).join(this.breakChar), {
      delimiter: this.delimiter,
      record_delimiter: this.breakChar,
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
    if (records.length !== at.length) {
      throw new Error(`csv-records: ${at.length} quoted records read as ${records.length}`);
    }
    at.forEach((index, i) => {
      quoted[index] = records[i]!;
    });
  }

  /** The end of a line's text: before a CR that precedes its LF. */
  private withoutCr(buf: string, start: number, end: number): number {
    return this.breakCode === 10 && end > start && buf.charCodeAt(end - 1) === CR ? end - 1 : end;
  }

  /**
   * Where a record holding a quote ends: the position of its line break (the text's length at the end of the
   * data), or INCOMPLETE when more text is needed. A quote opens a quoted field only at the start of a field;
   * anywhere else it is text.
   */
  private quotedRecordEnd(buf: string, start: number, final: boolean): number {
    let i = start;
    let lineBreak = -2; // the next line break at or after i, looked up again only once i has passed it
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        const closed = this.closingQuote(buf, start, i, final);
        if (closed === INCOMPLETE) return INCOMPLETE;
        i = closed + 1;
      }
      // The rest of the field: all of it when unquoted, stray text after a closing quote.
      const delimiter = buf.indexOf(this.delimiter, i);
      if (lineBreak !== -1 && lineBreak < i) lineBreak = buf.indexOf(this.breakChar, i);
      if (delimiter !== -1 && (lineBreak === -1 || delimiter < lineBreak)) {
        i = delimiter + 1;
        continue;
      }
      if (lineBreak !== -1) return lineBreak;
      return final ? buf.length : INCOMPLETE;
    }
  }

  /** The closing quote of the quoted field opening at `open` (doubled quotes are text inside it). */
  private closingQuote(buf: string, recordStart: number, open: number, final: boolean): number {
    let j = open + 1;
    for (;;) {
      const q = buf.indexOf('"', j);
      if (q === -1 || (q + 1 >= buf.length && !final)) {
        if (!final) return INCOMPLETE;
        const line = this.line + countChar(buf.slice(recordStart, open), this.breakCode);
        throw new CsvSyntaxError(
          `a quoted field opened on line ${line} is never closed; the file cannot be read past it`,
          line,
        );
      }
      if (buf.charCodeAt(q + 1) !== QUOTE) return q;
      j = q + 2;
    }
  }

  /** Position of the next quote at or after `pos`, looked up at most once per quote. */
  private quoteAt(buf: string, pos: number): number {
    if (this.nextQuote === -2 || (this.nextQuote !== -1 && this.nextQuote < pos)) {
      this.nextQuote = buf.indexOf('"', pos);
    }
    return this.nextQuote === -1 ? Number.POSITIVE_INFINITY : this.nextQuote;
  }

  private keepRest(buf: string, pos: number): void {
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
    // An unfinished record: wait until the buffer has doubled before parsing it again.
    this.waitFor = this.buf.length > 64 * 1024 ? this.buf.length * 2 : 0;
    if (this.buf.length > this.maxRecordChars) {
      throw new CsvSyntaxError(
        `the record starting on line ${this.line} is longer than ${Math.round(this.maxRecordChars / 1048576)} MB, probably because a quote (") is never closed; the file cannot be read past it`,
        this.line,
      );
    }
  }
}

/**
 * The cells of a record whose every quote opens a field and closes it right before a delimiter or the record's
 * end (doubled quotes inside being one quote), as RFC 4180 reads them; null for any other record, such as a
 * quote inside an unquoted field (`5" monitor`) or text after a closing quote (`"ab"c`), which csv-parse reads.
 */
export function splitWellFormed(text: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) close = text.indexOf('"', close + 2);
      if (close === -1) return null;
      const inside = text.slice(i + 1, close);
      cells.push(inside.includes('""') ? inside.replaceAll('""', '"') : inside);
      if (close + 1 === text.length) return cells;
      if (!text.startsWith(delimiter, close + 1)) return null;
      i = close + 2;
      continue;
    }
    const next = text.indexOf(delimiter, i);
    const cell = text.slice(i, next === -1 ? text.length : next);
    if (cell.includes('"')) return null;
    cells.push(cell);
    if (next === -1) return cells;
    i = next + 1;
  }
}

function countChar(text: string, code: number): number {
  const ch = String.fromCharCode(code);
  let count = 0;
  for (let at = text.indexOf(ch); at !== -1; at = text.indexOf(ch, at + 1)) count++;
  return count;
}
