/**
 * Streams one inspected file into `staged_rows` and `defects`: read → decode → parse → validate → COPY, with
 * backpressure from Postgres back to the disk read. The COPY data is finished (cells JSON, content hash,
 * column counts) on a second thread for large files (copy-finisher.ts). Memory stays flat whatever the file
 * size: a few 1 MB chunks being read, finished or sent, the column profiles, the defects as bytes, and 12 to
 * 16 bytes per record for the checks across rows (duplicates, references).
 */
import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { CopyWriter } from '../../store/copy-writer.js';
import type { PoolClient } from '../../store/db.js';
import { DEFECT_COLUMNS, snapshotDefectsTable } from '../../store/defects.js';
import { attachFileRows, createFileRows, dropFileRows } from '../../store/snapshots.js';
import type { ColumnProfile } from '../profile/column-profiler.js';
import { ColumnCounts } from '../profile/hyperloglog.js';
import { CsvRecordParser, CsvSyntaxError } from '../read/csv-records.js';
import { createDecoder } from '../read/encoding.js';
import type { InspectedFile } from '../read/inspect-file.js';
import { createPatternTracker, createRecordValidator } from '../validate/validate-record.js';
import { CopyFinisher, type RawRows } from './copy-finisher.js';
import { STAGED_ROW_COLUMNS } from './copy-text.js';
import type { DocumentChecker } from './document-check.js';
import type { DuplicateCandidate } from './duplicate-finder.js';
import type { KeyHashSet } from './key-hashes.js';
import { RowStager, type StreamedReference } from './row-stager.js';

const READ_CHUNK_BYTES = 1024 * 1024;
/** Chunks read ahead of the one being worked on. */
const READS_AHEAD = 3;
/**
 * Text is decoded and parsed 64 KB at a time: a string that size is an ordinary young object that dies in
 * the next scavenge with the cells sliced from it. A 1 MB string is allocated outside the young generation
 * and lives until a full GC; a million rows left some thirty of them (30 MB) waiting at any time.
 */
const DECODE_SLICE_BYTES = 64 * 1024;
/** Files from this size on have their row chunks finished on a second thread (see copy-finisher.ts). */
const FINISH_ON_WORKER_FROM_BYTES = 8 * 1024 * 1024;
/** Row chunks (1 MB each) read ahead of the ones Postgres has taken. */
const MAX_CHUNKS_IN_FLIGHT = 4;

export interface StageFileInput {
  snapshotId: number;
  fileId: number;
  file: InspectedFile;
  /** The file as named in messages. */
  label: string;
  exportDate: string;
  maxDocumentBytes: number;
  documents: DocumentChecker | null;
  userCodes: ReadonlySet<string> | null;
  collectKeys: boolean;
  /** Keep the hashes of the record keys (a file others refer to). */
  hashKeys: boolean;
  /** The reference to check while streaming; null leaves it to SQL. */
  reference: StreamedReference | null;
}

export interface StagedFile {
  rows: number;
  ragged: number;
  firstRaggedLine: number | null;
  sha256: string;
  profiles: ColumnProfile[];
  /** Record keys, when `collectKeys` was set. */
  keys: ReadonlySet<string>;
  undecodable: { count: number; lines: number[] };
  /** Patients repeating an earlier one (patients file only), to be confirmed in SQL. */
  duplicates: readonly DuplicateCandidate[];
  /** Hashes of the record keys, when `hashKeys` was set. */
  keyHashes: KeyHashSet | null;
  /** Lines whose reference may not resolve, to be confirmed in SQL; null when `reference` was not set. */
  orphanCandidates: readonly number[] | null;
  /** Set when the file could not be read to its end; the caller then discards what was staged of it. */
  syntaxError: CsvSyntaxError | null;
}

function createStager(input: StageFileInput): RowStager {
  const { file } = input;
  const entity = file.recognition.entity!;
  const headerByKey = new Map<string, string>();
  file.recognition.columnKeys.forEach((key, i) => {
    if (key !== null) headerByKey.set(key, file.headers[i]!);
  });
  return new RowStager({
    fileId: input.fileId,
    snapshotId: input.snapshotId,
    entity,
    fileLabel: input.label,
    encoding: file.encoding,
    headers: file.headers,
    columnKeys: file.recognition.columnKeys,
    droppedTrailing: file.droppedTrailing,
    tracker: createPatternTracker(entity),
    createValidator: (dominantPatterns) =>
      createRecordValidator(entity, headerByKey, {
        exportDate: input.exportDate,
        maxDocumentBytes: input.maxDocumentBytes,
        dominantPatterns,
      }),
    documents: input.documents,
    maxDocumentBytes: input.maxDocumentBytes,
    userCodes: input.userCodes,
    collectKeys: input.collectKeys,
    hashKeys: input.hashKeys,
    reference: input.reference,
  });
}

/**
 * Reads the whole file through the stager, writing its rows to `copy` as they come. Row chunks are finished
 * (cells JSON, hash) by `finisher` while the next ones are read, up to MAX_CHUNKS_IN_FLIGHT ahead.
 */
async function pump(
  input: StageFileInput,
  stager: RowStager,
  finisher: CopyFinisher,
  copy: CopyWriter,
): Promise<string> {
  const { file } = input;
  const sha = createHash('sha256');
  const decoder = createDecoder(file.encoding);
  const parser = new CsvRecordParser(file.delimiter, file.lineEnding, stager.accept);
  const inFlight: Promise<Buffer>[] = [];
  const submit = (chunks: readonly RawRows[]) => {
    for (const chunk of chunks) {
      const finished = finisher.finish(chunk);
      finished.catch(() => {}); // awaited below; a file that stops early leaves some unawaited
      inFlight.push(finished);
    }
  };
  const drainTo = async (left: number) => {
    while (inFlight.length > left) await writeAll(copy, [await inFlight.shift()!]);
  };
  for await (const bytes of readAhead(file.path)) {
    sha.update(bytes);
    for (let at = 0; at < bytes.length; at += DECODE_SLICE_BYTES) {
      const text = decoder.decode(bytes.subarray(at, at + DECODE_SLICE_BYTES));
      // Cells are searched for damage only once some appeared, so clean files pay nothing per row.
      if (decoder.replaced || text.includes('\u0000')) stager.suspectText = true;
      parser.push(text);
    }
    submit(stager.takeRowData());
    await drainTo(MAX_CHUNKS_IN_FLIGHT);
  }
  parser.push(decoder.end());
  parser.end();
  stager.finish();
  submit(stager.takeRowData(true));
  await drainTo(0);
  return sha.digest('hex');
}

/**
 * The file's bytes in READ_CHUNK_BYTES chunks, READS_AHEAD of them read while the caller works on the current
 * one. A chunk is valid until the next one is asked for: its buffer is then read into again, so a file costs
 * the same few buffers whatever its size. (One read ahead was not enough: with both cores busy the read's
 * thread waited to be scheduled, and the main thread waited 0.3 s per million rows for its reads.)
 */
async function* readAhead(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  const buffers = Array.from({ length: READS_AHEAD + 1 }, () => Buffer.allocUnsafe(READ_CHUNK_BYTES));
  let chunks = 0;
  const read = () => fill(handle, buffers[chunks % buffers.length]!, chunks++ * READ_CHUNK_BYTES);
  const pending = Array.from({ length: READS_AHEAD }, read);
  try {
    for (;;) {
      const bytes = await pending.shift()!;
      if (bytes.length === 0) return;
      pending.push(read());
      yield bytes;
    }
  } finally {
    await Promise.allSettled(pending);
    await handle.close();
  }
}

/** Reads into all of `buffer` from `position` (less only at the end of the file); returns what was read. */
async function fill(handle: FileHandle, buffer: Buffer, position: number): Promise<Buffer> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function writeAll(copy: CopyWriter, chunks: readonly Buffer[]): Promise<void> {
  for (const chunk of chunks) {
    const wait = copy.write(chunk);
    if (wait) await wait;
  }
}

/**
 * Stages one file inside the upload's transaction: its rows go into a table of their own that becomes the
 * file's partition of `staged_rows` once they are all in (see sql/001_ingest.sql), its defects into the
 * snapshot's defects table (sql/012). A quoted field that never closes stops the read: the result then carries
 * the syntax error, and nothing of the file is kept (a file goes in whole or not at all).
 */
export async function stageFile(tx: PoolClient, input: StageFileInput): Promise<StagedFile> {
  const stager = createStager(input);
  const table = await createFileRows(tx, input.fileId);
  const rowsCopy = CopyWriter.open(tx, table, STAGED_ROW_COLUMNS, { freeze: true });
  const counts = new ColumnCounts(input.file.headers.length);
  const finisher = CopyFinisher.forFile(
    input.file.delimiter,
    counts,
    input.file.sizeBytes,
    FINISH_ON_WORKER_FROM_BYTES,
  );
  let sha256 = '';
  let syntaxError: CsvSyntaxError | null = null;
  try {
    sha256 = await pump(input, stager, finisher, rowsCopy);
    await finisher.settleCounts();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) {
      await rowsCopy.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    syntaxError = error;
  } finally {
    await finisher.close();
  }
  await rowsCopy.end();
  let profiles: ColumnProfile[];
  let duplicates: readonly DuplicateCandidate[] = [];
  if (syntaxError === null) {
    // The profiles and repeated patients are worked out while Postgres checks the attached rows' foreign key
    // (a scan of them all).
    const attached = attachFileRows(tx, input.fileId);
    attached.catch(() => {}); // awaited below, once this is done
    profiles = stager.profiles(counts);
    duplicates = stager.duplicates?.candidates ?? [];
    await attached;
    const defectsCopy = CopyWriter.open(tx, snapshotDefectsTable(input.snapshotId), DEFECT_COLUMNS, { freeze: true });
    await writeAll(defectsCopy, stager.takeDefectData());
    await defectsCopy.end();
  } else {
    profiles = stager.profiles(counts);
    await dropFileRows(tx, input.fileId);
  }
  return {
    rows: stager.rows,
    ragged: stager.ragged,
    firstRaggedLine: stager.firstRaggedLine,
    sha256,
    profiles,
    keys: stager.keys,
    undecodable: { count: stager.undecodableCount, lines: stager.undecodableLines },
    duplicates,
    keyHashes: stager.keyHashes,
    orphanCandidates: input.reference === null ? null : stager.orphanCandidates,
    syntaxError,
  };
}
