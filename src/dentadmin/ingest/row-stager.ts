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
import { dropTrailingCells } from '../read/headers.js';
import type { PatternTracker, RecordRefs, RecordValidator } from '../validate/validate-record.js';
import { CopyBuffer, defectLine, stagedRowLine } from './copy-text.js';
import { checkDocument, type DocumentChecker } from './document-check.js';
import { DuplicateFinder } from './duplicate-finder.js';
import { providerUnknownMessage, raggedRowMessage, undecodableMessage } from './messages.js';
import { type CellsByKey, cellsByKeyFactory, idPositions, recordKeyOf } from './record-shape.js';

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
}

/** Columns that name a user; the first one holding an unknown code gets the `provider_unknown`. */
const PROVIDER_KEYS = ['dentist', 'provider', 'author', 'created_by'] as const;

interface Pending {
  cells: string[];
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
  private headerSeen = false;
  private readonly rowData = new CopyBuffer();
  private readonly defectData = new CopyBuffer();
  private validator: RecordValidator | null = null;
  private pending: Pending[] = [];
  private readonly byKeyOf: CellsByKey;
  private readonly ids: number[] | null;
  private readonly profiler: FileProfiler;

  constructor(private readonly o: RowStagerOptions) {
    this.byKeyOf = cellsByKeyFactory(o.columnKeys);
    this.ids = idPositions(o.entity, o.columnKeys);
    this.profiler = new FileProfiler(o.headers, o.columnKeys);
    this.duplicates = o.entity === 'patients' ? new DuplicateFinder() : null;
  }

  /** The parser's record callback. The first record is the header row, already read by inspectFile. */
  readonly accept = (raw: string[], line: number): void => {
    if (!this.headerSeen) {
      this.headerSeen = true;
      return;
    }
    const cells = dropTrailingCells(raw, this.o.headers.length, this.o.droppedTrailing);
    this.rows++;
    const damaged = this.suspectText && this.checkUndecodable(cells, line);
    const key = recordKeyOf(cells, this.ids);
    if (this.o.collectKeys && key !== null) this.keys.add(key);
    if (cells.length !== this.o.headers.length) {
      this.stageRagged(cells, line, key);
      return;
    }
    this.profiler.add(cells);
    const byKey = this.byKeyOf(cells);
    if (this.validator !== null) {
      this.stageValid({ cells, byKey, line, key, damaged });
      return;
    }
    this.o.tracker.observe(byKey);
    this.pending.push({ cells, byKey, line, key, damaged });
    if (this.pending.length >= PATTERN_SAMPLE_ROWS) this.startValidating();
  };

  /** Call after the last record. */
  finish(): void {
    if (this.validator === null) this.startValidating();
  }

  /** COPY data for staged_rows produced since the last call (with `all`, up to the last row). */
  takeRowData(all = false): Buffer[] {
    return this.rowData.take(all);
  }

  /** COPY data for defects: kept until the rows are in, since one connection runs one COPY at a time. */
  takeDefectData(): Buffer[] {
    return this.defectData.take(true);
  }

  profiles(): ColumnProfile[] {
    return this.profiler.finish();
  }

  private startValidating(): void {
    this.validator = this.o.createValidator(this.o.tracker.dominantPatterns());
    for (const p of this.pending) this.stageValid(p);
    this.pending = [];
  }

  private stageValid({ cells, byKey, line, key, damaged }: Pending): void {
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
    this.emitRow(cells, line, key, hasRefs(refs) ? refs : null);
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

  private stageRagged(cells: string[], line: number, key: string | null): void {
    this.ragged++;
    this.firstRaggedLine ??= line;
    const message = raggedRowMessage(this.o.fileLabel, line, cells.length, this.o.headers.length);
    this.emitRow(cells, line, key, null);
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

  private emitRow(cells: readonly string[], line: number, recordKey: string | null, refs: RecordRefs | null): void {
    const { fileId, snapshotId, entity } = this.o;
    this.rowData.append(stagedRowLine({ fileId, snapshotId, entity, line, recordKey, cells, refs }));
  }
}

function hasRefs(refs: RecordRefs): boolean {
  for (const _ in refs) return true;
  return false;
}
