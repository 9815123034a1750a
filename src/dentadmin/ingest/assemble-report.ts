/**
 * Builds the ingest report once staging is done, from what Postgres now holds (defects are read back rather
 * than kept in memory: a million-row file may carry tens of thousands).
 */
import type { Queryable } from '../../store/db.js';
import { countDefectsByCode, listDefects, recordTotals } from '../../store/defects.js';
import { INGEST_ORDER } from '../entities.js';
import type { EntityCounts, FileError, FileReport, IngestReport } from './types.js';

export const TOP_DEFECT_KINDS = 10;

export interface UploadOutcome {
  project: string;
  snapshot: number;
  refusal: string | null;
  files: FileReport[];
  fileErrors: FileError[];
  notes: string[];
  /** Data rows staged per entity. */
  rows: ReadonlyMap<string, number>;
}

/** Says, on every skipped file, what became of the rest of the upload. */
export function settleFileErrors(errors: readonly FileError[], refused: boolean): FileError[] {
  return errors.map((e) => {
    if (!e.skipped) return e;
    const tail = refused ? 'The whole upload was refused.' : 'The file was skipped; the rest of the upload went in.';
    return { ...e, message: `${e.message} ${tail}` };
  });
}

/** The one-sentence outcome shown first in the summary. */
export function outcomeSentence(
  report: Pick<IngestReport, 'status' | 'refusal' | 'snapshot' | 'files' | 'fileErrors'>,
): string {
  if (report.status === 'refused')
    return `Upload refused, nothing was staged: ${report.refusal ?? 'see the file errors.'}`;
  const staged = report.files.filter((f) => f.entity !== null).length;
  const skipped = report.fileErrors.filter((e) => e.skipped).length;
  const files = `${staged} file${staged === 1 ? '' : 's'}`;
  if (skipped === 0) return `Upload staged as snapshot ${report.snapshot}: ${files} went in.`;
  return `Upload staged as snapshot ${report.snapshot}: ${files} went in; ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped (see below).`;
}

/** A refused upload's report: no entities, no defects. */
export function refusedReport(outcome: UploadOutcome, refusal: string): IngestReport {
  return {
    project: outcome.project,
    snapshot: outcome.snapshot,
    status: 'refused',
    refusal,
    files: outcome.files,
    entities: {},
    defects: [],
    fileErrors: settleFileErrors(outcome.fileErrors, true),
    notes: outcome.notes,
    topDefects: [],
  };
}

/** A staged upload's report, with record counts and defects read back from the snapshot. */
export async function stagedReport(db: Queryable, outcome: UploadOutcome): Promise<IngestReport> {
  const totals = await recordTotals(db, outcome.snapshot);
  const entities: IngestReport['entities'] = {};
  for (const entity of INGEST_ORDER) {
    const rows = outcome.rows.get(entity);
    if (rows === undefined) continue;
    const t = totals.find((x) => x.entity === entity);
    const counts: EntityCounts = {
      rows,
      ok: rows - (t?.errors ?? 0) - (t?.warnings ?? 0),
      warnings: t?.warnings ?? 0,
      errors: t?.errors ?? 0,
    };
    entities[entity] = counts;
  }
  const byCode = await countDefectsByCode(db, outcome.snapshot);
  return {
    project: outcome.project,
    snapshot: outcome.snapshot,
    status: 'staged',
    files: outcome.files,
    entities,
    defects: await listDefects(db, outcome.snapshot, INGEST_ORDER),
    fileErrors: settleFileErrors(outcome.fileErrors, false),
    notes: outcome.notes,
    topDefects: byCode.slice(0, TOP_DEFECT_KINDS),
  };
}

/** What the snapshot row keeps of the report (everything but the defect list, which is in `defects`). */
export function snapshotSummary(report: IngestReport): Record<string, unknown> {
  return {
    files: report.files,
    entities: report.entities,
    fileErrors: report.fileErrors,
    notes: report.notes,
    topDefects: report.topDefects,
  };
}
