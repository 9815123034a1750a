/** Options, summary and the shared state of one generator run. */

import type { DefectCode } from '../defects.js';
import type { EntityName } from '../entities.js';
import type { Civil } from './calendar.js';
import type { CsvSink, OutputEncoding } from './csv-sink.js';
import type { DefectLog } from './defect-log.js';
import type { DocumentWriter } from './document-writer.js';
import type { InszRegistry } from './identity.js';
import type { Labels, Lang } from './labels.js';
import type { Rng } from './prng.js';
import type { UserPool } from './users.js';

export interface GenerateOptions {
  /** Directory the CSVs, injected.jsonl and documents/ are written to (created when missing). */
  outDir: string;
  patients: number;
  seed: number | string;
  lang: Lang;
  encoding: OutputEncoding;
  /** Share of records that get one injected defect (0…1). Default 0.05. */
  defectRate?: number;
  /** The day the export was taken (ISO yyyy-mm-dd); fixes "today" so output is deterministic. Default 2025-11-01. */
  exportDate?: string;
  /** Write the document files under documents/. Default true. The CSVs are the same either way. */
  documents?: boolean;
  /** Size above which a document counts as too large (bytes). Default 25 MiB. */
  documentSizeLimitBytes?: number;
  /**
   * Write too-large documents as real (sparse) files. Default: only up to 10,000 patients; otherwise their
   * rows declare the size, the file is left out and they are listed as `document_missing` as well.
   */
  largeDocuments?: boolean;
}

export interface GenerateSummary {
  outDir: string;
  seed: string;
  lang: Lang;
  encoding: OutputEncoding;
  exportDate: string;
  defectRate: number;
  patients: number;
  /** Absolute path of each entity's CSV. */
  files: Record<EntityName, string>;
  /** Data rows per entity (header excluded). */
  rows: Record<EntityName, number>;
  injectedFile: string;
  /** Injected defects per code (codes with none are absent). */
  injected: Partial<Record<DefectCode, number>>;
  injectedTotal: number;
  /** The documents/ folder, or null when documents were not written. */
  documentsDir: string | null;
  /** Files written under documents/ (the too-large ones included). */
  documentFilesWritten: number;
  documentSizeLimitBytes: number;
}

export const DEFAULT_DEFECT_RATE = 0.05;
export const DEFAULT_EXPORT_DATE = '2025-11-01';
export const DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES = 25 * 1024 * 1024;
/** Above this many patients, too-large documents are declared but not written (then listed as missing). */
export const MAX_PATIENTS_FOR_LARGE_FILES = 10_000;

/** What the related-row builders know about a patient; nothing else of the patient is kept. */
export interface PatientFacts {
  id: number;
  birth: Civil;
  birthDay: number;
  male: boolean;
  /** Day the patient was created in DentAdmin: the earliest day of any related row. */
  firstDay: number;
  /** Last day of care: death, last contact of an inactive patient, or the day before the export. */
  lastDay: number;
  /** Alive and active: may have future appointments. */
  current: boolean;
  dentist: string;
  /** Verhoogde tegemoetkoming (CT ends in 1): no co-payment, no supplement. */
  vt: boolean;
  smsConsent: boolean;
}

/** Running counters for the ids of related rows. */
export interface IdCounters {
  treatment: number;
  plan: number;
  appointment: number;
  note: number;
  document: number;
  series: number;
}

export interface GenContext {
  rng: Rng;
  /** A separate stream for defects, so the clean data does not depend on the defect rate. */
  drng: Rng;
  lang: Lang;
  labels: Labels;
  exportDay: number;
  sinks: Record<EntityName, CsvSink>;
  defects: DefectLog;
  users: UserPool;
  ids: IdCounters;
  docs: DocumentWriter;
  insz: InszRegistry;
  /** Too-large documents are written for real (false: declared only and listed as missing). */
  writeLargeFiles: boolean;
  documentSizeLimitBytes: number;
  /** Seeds the bytes of each document file (with its number), independent of the data stream. */
  documentSeed: number;
}
