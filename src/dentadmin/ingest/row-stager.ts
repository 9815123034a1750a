/**
 * Turns the records of one file into COPY data for `staged_rows` and `defects`, and its column profile.
 * No I/O: the caller feeds records from the parser and drains the bytes into Postgres.
 *
 * Every record is staged, whatever its state, so no row is ever lost: a ragged record (wrong number of
 * values) is staged with its raw cells, no refs, and a `ragged_row` error instead of being validated.
 */
import { type Defect, type DefectCode, severityOf } from '../defects.js';
import type { EntityName } from '../entities.js';
import { type ColumnProfile, FileProfiler } from '../profile/column-profiler.js';
import type { ColumnCounts } from '../profile/hyperloglog.js';
import { dropTrailingCells } from '../read/headers.js';
import type { PatternTracker, RecordRefs, RecordValidator } from '../validate/validate-record.js';
import type { RawRows } from './copy-finisher.js';
import { CopyBuffer, defectLine } from './copy-text.js';
import { checkDocument, type DocumentChecker } from './document-check.js';
import { DuplicateFinder } from './duplicate-finder.js';
import { KeyHashSet, keyHashOf } from './key-hashes.js';
import { providerUnknownMessage, raggedRowMessage, undecodableMessage } from './messages.js';
import { type CellsByKey, cellsByKeyFactory, idPositions, recordKeyOf } from './record-shape.js';
import { StagedRowBuffer } from './staged-row-buffer.js';

/** What `staged_rows.refs` holds of a record's refs. */
type StoredRefs = Pick<RecordRefs, 'insz' | 'nameBirth' | 'patient' | 'plan'>;

/** Rows read before the validator is built, to learn each date column's usual pattern (date_format_mixed). */
export const PATTERN_SAMPLE_ROWS = 2_000;

export interface RowStagerOptions {
  fileId: number;
  snapshotId: number;
  entity: EntityName;
  /** The file as named in messages. */
  fileLabel: string;
  encoding: string;
  headers: readonly string[];
  columnKeys: readonly (string | null)[];
  droppedTrailing: number;
  tracker: PatternTracker;
  createValidator: (dominantPatterns: ReadonlyMap<string, string>) => RecordValidator;
  documents: DocumentChecker | null;
  maxDocumentBytes: number;
  /** Codes of the users file staged before this one, or null when the upload has none (check skipped). */
  userCodes: ReadonlySet<string> | null;
  /** Keep every record key (the users file: its codes are checked against later files). */
  collectKeys: boolean;
  /** Keep the hashes of every record key (a file other records refer to: patients, care plans). */
  hashKeys: boolean;
  /** The reference checked while streaming, or null when it is left to SQL (or not checked at all). */
  reference: StreamedReference | null;
}

/**
 * A reference each record may make (`refs[ref]`) and the keys it must resolve in: a file staged before this
 * one, or this file itself (a patient's family head), checked once the file is read.
 */
export interface StreamedReference {
  ref: 'patient' | 'plan';
  target: KeyHashSet | 'self';
}

/** Columns that name a user; the first one holding an unknown code gets the `provider_unknown`. */
const PROVIDER_KEYS = ['dentist', 'provider', 'author', 'created_by'] as const;

interface Pending {
  cells: string[];
  /** The line the cells were split from, when they are exactly its split (see StagedRowBuffer). */
  text: string | null;
  byKey: Record<string, string>;
  line: number;
  key: string | null;
  damaged: boolean;
}

export class RowStager {
  rows = 0;
  ragged = 0;
  firstRaggedLine: number | null = null;
  /** Lines holding bytes that did not decode (first few kept for the report) and how many in all. */
  readonly undecodableLines: number[] = [];
  undecodableCount = 0;
  /** Set by the reader once a decoded chunk held U+FFFD or NUL: only then are cells searched for them. */
  suspectText = false;
  /** Record keys seen, when `collectKeys`. */
  readonly keys = new Set<string>();
  /** Repeated patients (patients file only). */
  readonly duplicates: DuplicateFinder | null;
  /** Hashes of the record keys, when `hashKeys`. */
  readonly keyHashes: KeyHashSet | null;
  /** Lines whose reference is not among the target's keys (to confirm in SQL), when `reference` is set. */
  readonly orphanCandidates: number[] = [];
  /** References to this file's own keys as (line, key hashes), resolved once every key is known. */
  private selfReferences = new Int32Array(3 * 1024);
  private selfReferenceCount = 0;
  private headerSeen = false;
  private readonly rowData: StagedRowBuffer;
  private readonly defectData = new CopyBuffer();
  private validator: RecordValidator | null = null;
  private pending: Pending[] = [];
  private readonly byKeyOf: CellsByKey;
  private rowByKey: Record<string, string> | undefined;
  private readonly ids: number[] | null;
  private readonly profiler: FileProfiler;

  constructor(private readonly o: RowStagerOptions) {
    this.rowData = new StagedRowBuffer(o.fileId);
    this.byKeyOf = cellsByKeyFactory(o.columnKeys);
    this.ids = idPositions(o.entity, o.columnKeys);
    this.profiler = new FileProfiler(o.headers, o.columnKeys);
    this.duplicates = o.entity === 'patients' ? new DuplicateFinder() : null;
    this.keyHashes = o.hashKeys || o.reference?.target === 'self' ? new KeyHashSet() : null;
  }

  /** The parser's record callback. The first record is the header row, already read by inspectFile. */
  readonly accept = (raw: string[], line: number, rawText: string | null): void => {
    if (!this.headerSeen) {
      this.headerSeen = true;
      return;
    }
    const rawLength = raw.length;
    const cells = dropTrailingCells(raw, this.o.headers.length, this.o.droppedTrailing);
    this.rows++;
    const damaged = this.suspectText && this.checkUndecodable(cells, line);
    // Once cells may have been changed (NUL replaced, trailing cells dropped) they are no longer the line's.
    const text = this.suspectText || cells.length !== rawLength ? null : rawText;
    const key = recordKeyOf(cells, this.ids);
    if (key !== null) {
      if (this.o.collectKeys) this.keys.add(key);
      this.keyHashes?.add(key);
    }
    if (cells.length !== this.o.headers.length) {
      this.stageRagged(cells, text, line, key);
      return;
    }
    // A row sent with its line is counted for the profile where the line is turned into JSON (the finisher).
    if (text === null) this.profiler.add(cells);
    else this.profiler.addShapes(cells);
    if (this.validator !== null) {
      // Validated at once, so one object serves every row: nothing keeps it past its row.
      this.rowByKey = this.byKeyOf(cells, this.rowByKey);
      this.stageValid(cells, text, this.rowByKey, line, key, damaged);
      return;
    }
    const byKey = this.byKeyOf(cells);
    this.o.tracker.observe(byKey);
    this.pending.push({ cells, text, byKey, line, key, damaged });
    if (this.pending.length >= PATTERN_SAMPLE_ROWS) this.startValidating();
  };

  /** Call after the last record. */
  finish(): void {
    if (this.validator === null) this.startValidating();
    const refs = this.selfReferences;
    for (let at = 0; at < this.selfReferenceCount * 3; at += 3) {
      if (!this.keyHashes!.hasHash(refs[at + 1]!, refs[at + 2]!)) this.orphanCandidates.push(refs[at]!);
    }
  }

  /** COPY data for staged_rows produced since the last call (with `all`, up to the last row), to finish. */
  takeRowData(all = false): RawRows[] {
    return this.rowData.take(all);
  }

  /** COPY data for defects: kept until the rows are in, since one connection runs one COPY at a time. */
  takeDefectData(): Buffer[] {
    return this.defectData.take(true);
  }

  /** The column profiles, once the counts of the rows sent with their line are merged in. */
  profiles(finisherCounts: ColumnCounts): ColumnProfile[] {
    this.profiler.mergeCounts(finisherCounts);
    return this.profiler.finish();
  }

  private startValidating(): void {
    this.validator = this.o.createValidator(this.o.tracker.dominantPatterns());
    for (const p of this.pending) this.stageValid(p.cells, p.text, p.byKey, p.line, p.key, p.damaged);
    this.pending = [];
  }

  private stageValid(
    cells: string[],
    text: string | null,
    byKey: Record<string, string>,
    line: number,
    key: string | null,
    damaged: boolean,
  ): void {
    const { defects, refs } = this.validator!(byKey, { line, record: key });
    if (this.o.documents !== null && refs.documentPath !== undefined) {
      const found = checkDocument(this.o.documents, refs.documentPath, this.o.maxDocumentBytes, defects);
      if (found !== null) defects.push(this.defect(line, key, this.header('file_name'), found.code, found.message));
    }
    if (this.o.userCodes !== null && refs.providers !== undefined)
      this.checkProviders(refs.providers, byKey, defects, line, key);
    if (damaged && !defects.some((d) => d.code === 'mojibake')) {
      defects.push(this.defect(line, key, null, 'mojibake', undecodableMessage(this.o.encoding)));
    }
    this.duplicates?.observe(line, refs.insz, refs.nameBirth);
    if (this.o.reference !== null) this.checkReference(this.o.reference, line, refs);
    this.rowData.appendRow(line, key, cells, text, storedRefs(refs));
    for (const d of defects) this.defectData.append(defectLine(this.o.snapshotId, this.o.fileId, d));
  }

  private checkProviders(
    codes: readonly string[],
    byKey: Record<string, string>,
    defects: Defect[],
    line: number,
    key: string | null,
  ): void {
    const unknown = codes.filter((code) => !this.o.userCodes!.has(code));
    if (unknown.length === 0) return;
    const column = PROVIDER_KEYS.find((k) => unknown.includes((byKey[k] ?? '').trim()));
    const header = column === undefined ? null : this.header(column);
    defects.push(this.defect(line, key, header, 'provider_unknown', providerUnknownMessage(unknown)));
  }

  private checkReference({ ref, target }: StreamedReference, line: number, refs: RecordRefs): void {
    const key = refs[ref];
    if (key === undefined) return;
    if (target !== 'self') {
      if (!target.has(key)) this.orphanCandidates.push(line);
      return;
    }
    if ((this.selfReferenceCount + 1) * 3 > this.selfReferences.length) {
      const grown = new Int32Array(this.selfReferences.length * 2);
      grown.set(this.selfReferences);
      this.selfReferences = grown;
    }
    const [h1, h2] = keyHashOf(key);
    const at = this.selfReferenceCount++ * 3;
    this.selfReferences[at] = line;
    this.selfReferences[at + 1] = h1;
    this.selfReferences[at + 2] = h2;
  }

  private stageRagged(cells: string[], text: string | null, line: number, key: string | null): void {
    this.ragged++;
    this.firstRaggedLine ??= line;
    const message = raggedRowMessage(this.o.fileLabel, line, cells.length, this.o.headers.length);
    this.rowData.appendRow(line, key, cells, text, null);
    this.defectData.append(
      defectLine(this.o.snapshotId, this.o.fileId, this.defect(line, key, null, 'ragged_row', message)),
    );
  }

  /** U+FFFD (a byte that did not decode) or NUL (which Postgres text cannot hold, replaced by U+FFFD). */
  private checkUndecodable(cells: string[], line: number): boolean {
    let found = false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.includes('\u0000')) cells[i] = cell.replaceAll('\u0000', '\uFFFD');
      if (cells[i]!.includes('\uFFFD')) found = true;
    }
    if (!found) return false;
    this.undecodableCount++;
    if (this.undecodableLines.length < 10) this.undecodableLines.push(line);
    return true;
  }

  private header(key: string): string | null {
    const i = this.o.columnKeys.indexOf(key);
    return i < 0 ? null : this.o.headers[i]!;
  }

  private defect(
    line: number,
    record: string | null,
    column: string | null,
    code: DefectCode,
    message: string,
  ): Defect {
    return { entity: this.o.entity, record, line, column, code, severity: severityOf(code), message };
  }
}

/**
 * The refs kept with a staged row, or null when it has none: the keys the checks across rows read back in SQL
 * (duplicates, orphans, linking existing persons). Providers and document paths are checked while the file
 * streams (above) and not kept: 20 bytes less per patient, and a million of these objects are stringified a
 * quarter faster without the providers array.
 */
function storedRefs({ insz, nameBirth, patient, plan }: RecordRefs): StoredRefs | null {
  if (insz === undefined && nameBirth === undefined && patient === undefined && plan === undefined) return null;
  const stored: StoredRefs = {};
  if (insz !== undefined) stored.insz = insz;
  if (nameBirth !== undefined) stored.nameBirth = nameBirth;
  if (patient !== undefined) stored.patient = patient;
  if (plan !== undefined) stored.plan = plan;
  return stored;
}
