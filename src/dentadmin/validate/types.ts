/**
 * Public types of the record validator (re-exported by `validate-record.ts`).
 */
import type { Defect } from '../defects.js';

/** Raw cell values of one record, by column key (`ENTITIES[...].columns[].key`); missing columns are absent. */
export type RecordCells = Readonly<Record<string, string | undefined>>;

/** Where the record is: its 1-based first physical line and its record key (null when it has none). */
export interface RecordWhere {
  line: number;
  record: string | null;
}

/**
 * Normalised keys for the checks that need other records or files: duplicates (`insz`, `nameBirth`) and
 * orphans (`patient`, `plan`), which the caller runs in SQL after staging (these four are kept with the
 * staged row), unknown providers (`providers`) and missing files (`documentPath`), checked while the file
 * streams. A key is absent when the record has no usable value for it.
 */
export interface RecordRefs {
  /** 11 digits, only for a valid INSZ/BIS number. */
  insz?: string;
  /** `nameKey(last)|nameKey(first)|YYYY-MM-DD` (see `nameKey` in domain/names), when last name and birth date are valid. */
  nameBirth?: string;
  /** The patient this record points at (trimmed id). For a patient: the family head (`GezinshoofdPatNr`). */
  patient?: string;
  /** The care plan a plan line belongs to. */
  plan?: string;
  /** User codes this record names (provider, author, creator), trimmed, without duplicates. */
  providers?: string[];
  /** `RelatiefPad` + `Bestandsnaam` with `/` separators and no leading `./` or `/`; case kept. */
  documentPath?: string;
}

export interface RecordValidation {
  /** Defects of this record, in column order of the checks; empty when clean. */
  defects: Defect[];
  refs: RecordRefs;
}

export type RecordValidator = (cells: RecordCells, where: RecordWhere) => RecordValidation;

export interface RecordValidatorOptions {
  /** `YYYY-MM-DD`: dates after it are `date_future`; its year pivots two-digit years. */
  exportDate: string;
  /** Files above this size are `document_too_large`. */
  maxDocumentBytes: number;
  /**
   * Dominant date pattern family per column key (from `createPatternTracker`). When given, a date written in
   * another family is `date_format_mixed`; when absent, that check is skipped.
   */
  dominantPatterns?: ReadonlyMap<string, string>;
}
