/**
 * Streams one inspected file into `staged_rows` and `defects`: read → decode → parse → validate → COPY, with
 * backpressure from Postgres back to the disk read. Memory stays flat whatever the file size: one 1 MB read
 * chunk, the COPY text it produced, the column profiles, and the defects as bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CopyWriter } from '../../store/copy-writer.js';
import type { PoolClient } from '../../store/db.js';
import type { ColumnProfile } from '../profile/column-profiler.js';
import { CsvRecordParser, CsvSyntaxError } from '../read/csv-records.js';
import { createDecoder } from '../read/encoding.js';
import type { InspectedFile } from '../read/inspect-file.js';
import { createPatternTracker, createRecordValidator } from '../validate/validate-record.js';
import { DEFECT_COLUMNS, STAGED_ROW_COLUMNS } from './copy-text.js';
import type { DocumentChecker } from './document-check.js';
import type { DuplicateCandidate } from './duplicate-finder.js';
import { RowStager } from './row-stager.js';

const READ_CHUNK_BYTES = 1024 * 1024;

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
  });
}

/** Reads the whole file through the stager, writing its rows to `copy` as they come. */
async function pump(input: StageFileInput, stager: RowStager, copy: CopyWriter): Promise<string> {
  const { file } = input;
  const sha = createHash('sha256');
  const decoder = createDecoder(file.encoding);
  const parser = new CsvRecordParser(file.delimiter, file.lineEnding, stager.accept);
  for await (const chunk of createReadStream(file.path, { highWaterMark: READ_CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    sha.update(bytes);
    const text = decoder.decode(bytes);
    // Cells are searched for damage only once some appeared, so clean files pay nothing per row.
    if (decoder.replaced || text.includes('\u0000')) stager.suspectText = true;
    parser.push(text);
    await writeAll(copy, stager.takeRowData());
  }
  parser.push(decoder.end());
  parser.end();
  stager.finish();
  await writeAll(copy, stager.takeRowData(true));
  return sha.digest('hex');
}

async function writeAll(copy: CopyWriter, chunks: readonly Buffer[]): Promise<void> {
  for (const chunk of chunks) {
    const wait = copy.write(chunk);
    if (wait) await wait;
  }
}

/**
 * Stages one file inside the upload's transaction. A quoted field that never closes stops the read: the
 * result then carries the syntax error, and the caller removes the file's rows (a file goes in whole or not).
 */
export async function stageFile(tx: PoolClient, input: StageFileInput): Promise<StagedFile> {
  const stager = createStager(input);
  const rowsCopy = CopyWriter.open(tx, 'staged_rows', STAGED_ROW_COLUMNS);
  let sha256 = '';
  let syntaxError: CsvSyntaxError | null = null;
  try {
    sha256 = await pump(input, stager, rowsCopy);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) {
      await rowsCopy.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    syntaxError = error;
  }
  await rowsCopy.end();
  const defectsCopy = CopyWriter.open(tx, 'defects', DEFECT_COLUMNS);
  await writeAll(defectsCopy, stager.takeDefectData());
  await defectsCopy.end();
  return {
    rows: stager.rows,
    ragged: stager.ragged,
    firstRaggedLine: stager.firstRaggedLine,
    sha256,
    profiles: stager.profiles(),
    keys: stager.keys,
    undecodable: { count: stager.undecodableCount, lines: stager.undecodableLines },
    duplicates: stager.duplicates?.candidates ?? [],
    syntaxError,
  };
}
