/**
 * Looks at the start of one uploaded file, before anything is staged: is it text, in which encoding, with
 * which delimiter and line endings, what are its headers, and which entity do they describe.
 */
import { open } from 'node:fs/promises';
import { CsvRecordParser, CsvSyntaxError } from './csv-records.js';
import { type Delimiter, detectDelimiter, detectLineEnding, type LineEnding } from './dialect.js';
import { decodeSample, firstNonAscii, sniffEncoding, type TextEncodingName } from './encoding.js';
import { cleanHeaders } from './headers.js';
import { type Recognition, recogniseEntity } from './recognise.js';

export const SNIFF_BYTES = 64 * 1024;
const SCAN_BLOCK_BYTES = 1024 * 1024;

export interface InspectedFile {
  path: string;
  sizeBytes: number;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** Clean header names, trailing empty columns dropped. */
  headers: string[];
  droppedTrailing: number;
  recognition: Recognition;
  /** Remarks about the file that do not stop it from being staged. */
  notes: string[];
}

export type Inspection =
  | { ok: true; file: InspectedFile }
  | { ok: false; path: string; sizeBytes: number; line?: number; message: string };

interface Sample {
  head: Uint8Array;
  /** 64 KB from the first non-ASCII byte when the head is all ASCII (null: none, or the head has one). */
  later: Uint8Array | null;
  /** The head is the whole file. */
  wholeFile: boolean;
  /** Every byte of the file was looked at (so an ASCII head without `later` means an ASCII file). */
  scannedAll: boolean;
}

/** The first 64 KB, and when they are plain ASCII, the bytes from the first non-ASCII byte further on. */
async function readSample(path: string, size: number): Promise<Sample> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    const wholeFile = size <= SNIFF_BYTES;
    if (wholeFile || firstNonAscii(head) !== -1) return { head, later: null, wholeFile, scannedAll: wholeFile };
    const block = Buffer.alloc(SCAN_BLOCK_BYTES);
    for (let offset = head.length; offset < size; offset += SCAN_BLOCK_BYTES) {
      const { bytesRead } = await handle.read(block, 0, SCAN_BLOCK_BYTES, offset);
      const at = firstNonAscii(block.subarray(0, bytesRead));
      if (at === -1) continue;
      const later = Buffer.alloc(SNIFF_BYTES);
      const got = await handle.read(later, 0, SNIFF_BYTES, offset + at);
      return { head, later: later.subarray(0, got.bytesRead), wholeFile, scannedAll: false };
    }
    return { head, later: null, wholeFile, scannedAll: true };
  } finally {
    await handle.close();
  }
}

const MOJIBAKE_PAIR =
  /[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013-\u203a\u20ac\u2122]/g;
const ACCENTED = /[\u00c0-\u00ff]/g;

/**
 * True when most accented text of the sample is UTF-8 read as Windows-1252 (`Ã©` for `é`): the whole file
 * was re-saved wrongly. A few damaged cells in a sound file are not that; the validator flags those one by one.
 */
function mostlyMojibake(text: string): boolean {
  const damaged = text.match(MOJIBAKE_PAIR)?.length ?? 0;
  if (damaged < 3) return false;
  const sound = (text.match(ACCENTED)?.length ?? 0) - damaged;
  return damaged > sound;
}

function firstRecord(text: string, delimiter: Delimiter, lineEnding: LineEnding, wholeFile: boolean): string[] | null {
  let first: string[] | null = null;
  const parser = new CsvRecordParser(delimiter, lineEnding, (cells) => {
    first ??= cells;
  });
  parser.push(text);
  if (first === null && wholeFile) parser.end();
  return first;
}

function describeProblem(path: string, size: number, message: string, line?: number): Inspection {
  return line === undefined
    ? { ok: false, path, sizeBytes: size, message }
    : { ok: false, path, sizeBytes: size, line, message };
}

/** Reads the start of `path` and decides how to read the rest; a file-level problem is returned, not thrown. */
export async function inspectFile(path: string, size: number): Promise<Inspection> {
  if (size === 0) return describeProblem(path, size, 'is empty (0 bytes)');
  const sample = await readSample(path, size);
  const sniffed = sniffEncoding(sample.head, sample.later, sample.scannedAll);
  if (!sniffed.ok) return describeProblem(path, size, sniffed.message);
  const text = decodeSample(sample.head, sniffed.encoding, sample.wholeFile);
  const lineEnding = detectLineEnding(text);
  const delimiter = detectDelimiter(text, lineEnding);
  let raw: string[] | null;
  try {
    raw = firstRecord(text, delimiter, lineEnding, sample.wholeFile);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return describeProblem(path, size, `has no readable header row (${error.message})`, error.line);
  }
  if (raw === null) return describeProblem(path, size, 'has no header row in its first 64 KB', 1);
  const clean = cleanHeaders(raw);
  const recognition = recogniseEntity(clean.headers);
  if (recognition.entity === null) {
    const seen = clean.headers.slice(0, 12).join(', ') + (clean.headers.length > 12 ? ', …' : '');
    const closest =
      recognition.closest === null
        ? 'no header matched'
        : `closest: ${recognition.closest}, ${Math.round(recognition.confidence * 100)}% match`;
    return describeProblem(
      path,
      size,
      `does not look like any DentAdmin export (${closest}); its headers are: ${seen}`,
      1,
    );
  }
  const notes: string[] = [];
  if (clean.bomAsText || recognition.repairedHeaders.length > 0 || mostlyMojibake(text)) {
    notes.push(
      'its text looks double-encoded (such as Ã© for é): the export was probably re-saved with the wrong encoding. Ferry keeps the text as it is and flags each cell',
    );
  }
  const file: InspectedFile = {
    path,
    sizeBytes: size,
    encoding: sniffed.encoding,
    delimiter,
    lineEnding,
    headers: clean.headers,
    droppedTrailing: clean.droppedTrailing,
    recognition,
    notes,
  };
  return { ok: true, file };
}
