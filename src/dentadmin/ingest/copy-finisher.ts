/**
 * Finishes chunks of staged-row COPY data on a second thread: turns each plain record's line into its cells
 * JSON, writes the content hash of those bytes (see staged-row-buffer.ts for both), and counts the values of
 * each column for the file's profile (fill rate, distinct count). That is about a fifth of the work per row,
 * taken off the main thread, which reads and checks every record and bounds a large upload; the second core
 * is shared with the Postgres backend taking the COPY.
 *
 * A chunk is everything `StagedRowBuffer` wrote, final except for its marked rows: for each, the 40 bytes of
 * the hash are a placeholder and the cells are the record's line as read, delimiters and all. Chunks are
 * finished in the order given. Small files are finished inline (a worker costs ~40 ms to start).
 *
 * This module is also the worker's entry, loaded again in the worker thread, so it imports only Node's own
 * modules and, in the worker, the self-contained hyperloglog module. (Under vitest Node loads the .ts sources
 * itself, with types stripped, so that one is imported by a URL with the running file's extension.)
 */
import { hash } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ColumnCounts, DistinctState } from '../profile/hyperloglog.js';

/** Int32s per marked row: where its hash goes, where its line starts and ends, how many cells it has. */
export const MARK_INTS = 4;
const QUOTE = 0x22;
const COMMA = 0x2c;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const FNV_PRIME = 0x01000193;
const FIRST_SEED = 0x811c9dc5;
const SECOND_SEED = 0x9747b28c;
const WORKER_ROLE = 'ferry-copy-finisher';

/** A chunk of COPY data whose marked rows still need their cells JSON and hash. */
export interface RawRows {
  bytes: Buffer;
  /** MARK_INTS per marked row, in byte order: hash position, line start, line end, cell count. */
  marks: Int32Array;
  markCount: number;
}

type CountsState = { filled: number[]; distinct: DistinctState[] };

/** Escapes what JSON leaves for COPY text format: only backslashes (JSON has no raw tab or line break). */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** murmur3's finaliser (as in hyperloglog.ts, which the worker only loads later). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Per cell of the line being finished: its bytes' start and end, and its first FNV-1a hash (not yet mixed). */
let cellBounds = new Int32Array(2 * 64);
let cellHashes = new Int32Array(64);

/**
 * The cells JSON of the line `raw[start, end)` at `out[at]`: `["`, the line with each delimiter turned
 * into `","`, `"]`; each cell's bounds and hashes are left in `cellBounds` / `cellHashes`. Returns the end,
 * or -1 when the line holds a quote, a backslash or a control character, which JSON would escape.
 */
function writePlainJson(
  raw: Buffer,
  start: number,
  end: number,
  cellCount: number,
  delimiter: number,
  out: Buffer,
  at: number,
): number {
  if (cellHashes.length < cellCount) {
    cellBounds = new Int32Array(2 * cellCount);
    cellHashes = new Int32Array(cellCount);
  }
  let pos = at;
  out[pos++] = OPEN_BRACKET;
  out[pos++] = QUOTE;
  let cell = 0;
  let cellStart = start;
  let h = FIRST_SEED;
  for (let i = start; i < end; i++) {
    const byte = raw[i]!;
    if (byte === delimiter) {
      cellBounds[cell * 2] = cellStart;
      cellBounds[cell * 2 + 1] = i;
      cellHashes[cell] = h;
      cell++;
      cellStart = i + 1;
      h = FIRST_SEED;
      out[pos++] = QUOTE;
      out[pos++] = COMMA;
      out[pos++] = QUOTE;
    } else if (byte < 32 || byte === BACKSLASH || byte === QUOTE) {
      return -1;
    } else {
      out[pos++] = byte;
      h = Math.imul(h ^ byte, FNV_PRIME);
    }
  }
  cellBounds[cell * 2] = cellStart;
  cellBounds[cell * 2 + 1] = end;
  cellHashes[cell] = h;
  out[pos++] = QUOTE;
  out[pos++] = CLOSE_BRACKET;
  return pos;
}

/**
 * A cell the profile counts as empty: no bytes, or blank the way the profiler judges strings (a value that
 * starts with a space and trims to nothing).
 */
function isBlank(raw: Buffer, start: number, end: number): boolean {
  return start === end || (raw[start] === SPACE && raw.toString('utf8', start, end).trim() === '');
}

/**
 * Counts the cells `writePlainJson` left, for a row of the profiled width. The second hash is only taken for
 * columns still counted exactly (values with few distinct values, mostly short).
 */
function countPlainCells(counts: ColumnCounts, raw: Buffer, cellCount: number): void {
  for (let cell = 0; cell < cellCount; cell++) {
    const start = cellBounds[cell * 2]!;
    const end = cellBounds[cell * 2 + 1]!;
    if (isBlank(raw, start, end)) continue;
    const h1 = mix32(cellHashes[cell]!);
    if (counts.distinct[cell]!.estimating) {
      counts.add(cell, h1, 0);
      continue;
    }
    let g = SECOND_SEED;
    for (let i = start; i < end; i++) g = Math.imul(g ^ raw[i]!, FNV_PRIME);
    counts.add(cell, h1, mix32(g));
  }
}

/** Writes ASCII `text` (a hex digest) at `at`. */
function writeAscii(out: Buffer, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
}

/**
 * Finishes one chunk (see the top of this file); returns the COPY data as Postgres gets it. Rows with as many
 * cells as `counts` has columns are counted into it (other widths are ragged rows, not profiled).
 */
export function finishRows({ bytes: raw, marks, markCount }: RawRows, delimiter: string, counts: ColumnCounts): Buffer {
  const delimiterCode = delimiter.charCodeAt(0);
  const columns = counts.filled.length;
  // A plain line's JSON is its bytes plus 2 per delimiter and 4 for the brackets and outer quotes.
  let size = raw.length;
  for (let m = 0; m < markCount; m++) size += 2 * marks[m * MARK_INTS + 3]! + 2;
  // Not from Buffer's shared pool: the result is transferred to the other thread.
  let out: Buffer = Buffer.allocUnsafeSlow(size);
  let from = 0;
  let pos = 0;
  for (let m = 0; m < markCount; m++) {
    const hashAt = marks[m * MARK_INTS]!;
    const start = marks[m * MARK_INTS + 1]!;
    const end = marks[m * MARK_INTS + 2]!;
    const cellCount = marks[m * MARK_INTS + 3]!;
    pos += raw.copy(out, pos, from, start);
    const hashOut = pos - (start - hashAt);
    let jsonEnd = writePlainJson(raw, start, end, cellCount, delimiterCode, out, pos);
    let digest: string;
    if (jsonEnd >= 0) {
      digest = hash('sha1', out.subarray(pos, jsonEnd));
      if (cellCount === columns) countPlainCells(counts, raw, cellCount);
    } else {
      // Escapes needed: the cells are exactly the line split at its delimiters (the buffer's contract).
      const cells = raw.toString('utf8', start, end).split(delimiter);
      const json = JSON.stringify(cells);
      digest = hash('sha1', json);
      const text = copyJson(json);
      const extra = Buffer.byteLength(text) - (end - start + 2 * cellCount + 2);
      if (extra > 0) {
        size += extra;
        if (size > out.length) out = grow(out, pos, Math.max(size, 2 * out.length));
      }
      jsonEnd = pos + out.write(text, pos);
      if (cellCount === columns) {
        cells.forEach((value, column) => {
          if (value !== '' && !(value.charCodeAt(0) === SPACE && value.trim() === '')) counts.addValue(column, value);
        });
      }
    }
    writeAscii(out, hashOut, digest);
    pos = jsonEnd;
    from = end;
  }
  pos += raw.copy(out, pos, from, raw.length);
  return out.subarray(0, pos);
}

function grow(out: Buffer, used: number, size: number): Buffer {
  const bigger = Buffer.allocUnsafeSlow(size);
  out.copy(bigger, 0, 0, used);
  return bigger;
}

interface Job {
  resolve: (reply: Uint8Array | CountsState) => void;
  reject: (error: Error) => void;
}

/** Finishes chunks in order, inline or on a worker thread. */
export class CopyFinisher {
  private readonly jobs: Job[] = [];
  private failure: Error | null = null;
  // Plain fields, not parameter properties: Node strips this file's types itself when vitest runs it.
  private readonly delimiter: string;
  private readonly counts: ColumnCounts;
  private readonly worker: Worker | null;

  private constructor(delimiter: string, counts: ColumnCounts, worker: Worker | null) {
    this.delimiter = delimiter;
    this.counts = counts;
    this.worker = worker;
    worker?.on('message', (reply: Uint8Array | CountsState) => this.jobs.shift()?.resolve(reply));
    worker?.on('error', (error: Error) => this.fail(error));
    worker?.on('exit', (code) => {
      if (this.jobs.length > 0) this.fail(new Error(`the COPY finisher thread stopped (exit ${code})`));
    });
  }

  /**
   * A finisher for a file of `sizeBytes`, on a worker thread when the file is large enough to pay for it.
   * The rows it finishes are counted into `counts` (once `settleCounts` has run, for a worker).
   */
  static forFile(delimiter: string, counts: ColumnCounts, sizeBytes: number, workerFromBytes: number): CopyFinisher {
    if (sizeBytes < workerFromBytes) return new CopyFinisher(delimiter, counts, null);
    // No inherited flags: the thread runs this file and Node's own modules, nothing a parent loader adds.
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { role: WORKER_ROLE, delimiter, columns: counts.filled.length },
      execArgv: [],
    });
    return new CopyFinisher(delimiter, counts, worker);
  }

  /** The finished bytes of `rows`; chunks resolve in the order they were given. */
  finish(rows: RawRows): Promise<Buffer> {
    if (this.worker === null) {
      return this.failure
        ? Promise.reject(this.failure)
        : Promise.resolve(finishRows(rows, this.delimiter, this.counts));
    }
    const { bytes, marks, markCount } = rows;
    return this.ask({ bytes, marks, markCount }, [bytes.buffer as ArrayBuffer, marks.buffer as ArrayBuffer]).then(
      (reply) => {
        const done = reply as Uint8Array;
        return Buffer.from(done.buffer, done.byteOffset, done.byteLength);
      },
    );
  }

  /** Adds what the worker counted to the file's counts; call after the last chunk is finished. */
  async settleCounts(): Promise<void> {
    if (this.worker !== null) this.counts.mergeState((await this.ask({ counts: true }, [])) as CountsState);
  }

  /** Stops the worker thread, if any. */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private ask(message: object, transfer: ArrayBuffer[]): Promise<Uint8Array | CountsState> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.jobs.push({ resolve, reject });
      this.worker!.postMessage(message, transfer);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.jobs.splice(0)) job.reject(error);
  }
}

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  const { delimiter, columns } = workerData as { delimiter: string; columns: number };
  const extension = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
  const profile = await import(new URL(`../profile/hyperloglog${extension}`, import.meta.url).href);
  const counts: ColumnCounts = new profile.ColumnCounts(columns);
  parentPort!.on('message', (message: RawRows | { counts: true }) => {
    if ('counts' in message) {
      parentPort!.postMessage(counts.state());
      return;
    }
    const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
    const done = finishRows({ bytes, marks: message.marks, markCount: message.markCount }, delimiter, counts);
    parentPort!.postMessage(done, [done.buffer as ArrayBuffer]);
  });
}
