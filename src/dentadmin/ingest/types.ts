/**
 * What `ferry ingest` reports. With `--json`, `toJsonDocument(report)` (report-output.ts) is printed: the document
 * of issue item 10 plus `status`, `outcome`, `refusal`, `fileErrors` and `notes`, so a reader can always tell
 * whether the upload went in.
 */
import type { Defect, DefectCode, Severity } from '../defects.js';
import type { EntityName } from '../entities.js';

export interface IngestOptions {
  /** Project id (slug); created when missing. */
  project: string;
  /** Files and folders (a folder: its `*.csv` files, not recursive, and its `documents/` folder). */
  paths: string[];
  /** Relative paths are resolved against this folder (default: the process's); messages show them as given. */
  cwd?: string;
  maxDocumentBytes: number;
  /** The day the export was taken (yyyy-mm-dd); dates after it are "in the future". Default: today. */
  exportDate?: string;
}

export interface FileReport {
  file: string;
  entity: EntityName | null;
  confidence: number;
  encoding: string | null;
  delimiter: string | null;
  lineEnding: string | null;
  rows: number;
}

export interface EntityCounts {
  rows: number;
  /** Records without any defect. */
  ok: number;
  /** Records whose worst defect is a warning. */
  warnings: number;
  /** Records with at least one error. */
  errors: number;
}

/** A problem with a whole file (or a line of it) rather than with one record's values. */
export interface FileError {
  file: string;
  line?: number;
  message: string;
  /** True when nothing of this file was staged. */
  skipped: boolean;
}

export interface DefectCount {
  code: DefectCode;
  severity: Severity;
  count: number;
}

export type IngestStatus = 'staged' | 'refused';

export interface IngestReport {
  project: string;
  /** The snapshot id; also set for a refused upload, whose snapshot records why. */
  snapshot: number;
  status: IngestStatus;
  /** Why the whole upload was refused (only when refused). */
  refusal?: string;
  files: FileReport[];
  entities: Partial<Record<EntityName, EntityCounts>>;
  defects: Defect[];
  fileErrors: FileError[];
  /** Remarks about the upload as a whole, such as checks that could not run. */
  notes: string[];
  topDefects: DefectCount[];
}
