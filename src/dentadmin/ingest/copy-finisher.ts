/**
 * Finishes chunks of staged-row COPY data on a second thread: turns each plain record's line into its cells
 * JSON and writes the content hash of those bytes (see staged-row-buffer.ts for both). That is a third of
 * the main thread's work per row, and the main thread, which reads, checks and profiles every record, is
 * what bounds a large upload; Postgres leaves room on the second core.
 *
 * A chunk is everything `StagedRowBuffer` wrote, final except for its marked rows: for each, the 40 bytes
 * of the hash are a placeholder and the cells are the record's line as read, delimiters and all. Chunks are
 * finished in the order given. Small files are finished inline (a worker costs ~40 ms to start).
 *
 * This module is also the worker's entry, loaded again in the worker thread, so it imports nothing of
 * Ferry's: only Node's own modules. (Under vitest Node loads the .ts source itself, with types stripped.)
 */
import { hash } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** Int32s per marked row: where its hash goes, where its line starts and ends, how many cells it has. */
export const MARK_INTS = 4;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const WORKER_ROLE = 'ferry-copy-finisher';

/** A chunk of COPY data whose marked rows still need their cells JSON and hash. */
export interface RawRows {
  bytes: Buffer;
  /** MARK_INTS per marked row, in byte order: hash position, line start, line end, cell count. */
  marks: Int32Array;
  markCount: number;
}

/** Escapes what JSON leaves for COPY text format: only backslashes (JSON has no raw tab or line break). */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/**
 * The cells JSON of the line `raw[start, end)` at `out[at]`: `["`, the line with each delimiter turned
 * into `","`, `"]`. Returns the end, or -1 when the line holds a quote, a backslash or a control character,
 * which JSON would escape.
 */
function writePlainJson(raw: Buffer, start: number, end: number, delimiter: number, out: Buffer, at: number): number {
  let pos = at;
  out[pos++] = OPEN_BRACKET;
  out[pos++] = QUOTE;
  for (let i = start; i < end; i++) {
    const byte = raw[i]!;
    if (byte === delimiter) {
      out[pos++] = QUOTE;
      out[pos++] = COMMA;
      out[pos++] = QUOTE;
    } else if (byte < 32 || byte === BACKSLASH || byte === QUOTE) {
      return -1;
    } else {
      out[pos++] = byte;
    }
  }
  out[pos++] = QUOTE;
  out[pos++] = CLOSE_BRACKET;
  return pos;
}

/** Writes ASCII `text` (a hex digest) at `at`. */
function writeAscii(out: Buffer, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
}

/** Finishes one chunk (see the top of this file); returns the COPY data as Postgres gets it. */
export function finishRows({ bytes: raw, marks, markCount }: RawRows, delimiter: string): Buffer {
  const delimiterCode = delimiter.charCodeAt(0);
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
    let jsonEnd = writePlainJson(raw, start, end, delimiterCode, out, pos);
    let digest: string;
    if (jsonEnd >= 0) {
      digest = hash('sha1', out.subarray(pos, jsonEnd));
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
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

/** Finishes chunks in order, inline or on a worker thread. */
export class CopyFinisher {
  private readonly jobs: Job[] = [];
  private failure: Error | null = null;
  // Plain fields, not parameter properties: Node strips this file's types itself when vitest runs it.
  private readonly delimiter: string;
  private readonly worker: Worker | null;

  private constructor(delimiter: string, worker: Worker | null) {
    this.delimiter = delimiter;
    this.worker = worker;
    worker?.on('message', (bytes: Uint8Array) => {
      this.jobs.shift()?.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    worker?.on('error', (error: Error) => this.fail(error));
    worker?.on('exit', (code) => {
      if (this.jobs.length > 0) this.fail(new Error(`the COPY finisher thread stopped (exit ${code})`));
    });
  }

  /** A finisher for a file of `sizeBytes`: on a worker thread when the file is large enough to pay for it. */
  static forFile(delimiter: string, sizeBytes: number, workerFromBytes: number): CopyFinisher {
    if (sizeBytes < workerFromBytes) return new CopyFinisher(delimiter, null);
    // No inherited flags: the thread runs this file and Node's own modules, nothing a parent loader adds.
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE, delimiter }, execArgv: [] });
    return new CopyFinisher(delimiter, worker);
  }

  /** The finished bytes of `rows`; chunks resolve in the order they were given. */
  finish(rows: RawRows): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.worker === null) return Promise.resolve(finishRows(rows, this.delimiter));
    return new Promise((resolve, reject) => {
      this.jobs.push({ resolve, reject });
      const { bytes, marks, markCount } = rows;
      this.worker!.postMessage({ bytes, marks, markCount }, [bytes.buffer as ArrayBuffer, marks.buffer as ArrayBuffer]);
    });
  }

  /** Stops the worker thread, if any. */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.jobs.splice(0)) job.reject(error);
  }
}

if (!isMainThread && workerData?.role === WORKER_ROLE) {
  const { delimiter } = workerData as { delimiter: string };
  parentPort!.on('message', (rows: RawRows) => {
    const bytes = Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength);
    const done = finishRows({ bytes, marks: rows.marks, markCount: rows.markCount }, delimiter);
    parentPort!.postMessage(done, [done.buffer as ArrayBuffer]);
  });
}
