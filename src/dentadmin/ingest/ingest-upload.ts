/**
 * `ingestUpload`: stages one upload (a set of export files) as a new snapshot of a project, in ONE
 * transaction: the snapshot, its files, every row, the profiles and the defects appear together or not at
 * all. What refuses an upload and what only skips a file is decided in `plan-upload.ts`; record problems
 * never refuse anything. A failure while staging (database gone, disk error) rolls the upload back and is
 * reported as a refused snapshot, never as a crash.
 */

import { AppError, asAppError } from '../../domain/errors.js';
import { insertColumnProfiles } from '../../store/column-profiles.js';
import { type Pool, type PoolClient, withTransaction } from '../../store/db.js';
import { attachSnapshotDefects, createSnapshotDefects } from '../../store/defects.js';
import { ensureProject, isValidProjectId } from '../../store/projects.js';
import {
  completeSnapshotFile,
  finishSnapshot,
  insertSnapshot,
  insertSnapshotFile,
  lockForStaging,
} from '../../store/snapshots.js';
import type { EntityName } from '../entities.js';
import { refusedReport, snapshotSummary, stagedReport, type UploadOutcome } from './assemble-report.js';
import { isReferenceTarget, runCrossChecks, type StagedFileRef, streamedReference } from './cross-checks.js';
import type { KeyHashSet } from './key-hashes.js';
import { fileErrorText, type PlannedFile, planUpload, type UploadPlan } from './plan-upload.js';
import { stageFile } from './stage-file.js';
import type { FileError, FileReport, IngestOptions, IngestReport } from './types.js';

/** Progress lines for a person watching (stderr in the CLI). */
export type IngestLog = (message: string) => void;

/** Entities whose records name users; without a users file their codes cannot be checked. */
const NAMES_USERS = new Set(['patients', 'treatments', 'care_plans', 'appointments', 'notes']);

interface UploadState extends UploadOutcome {
  staged: StagedFileRef[];
  userCodes: ReadonlySet<string> | null;
  /** Record-key hashes of the staged files others refer to (patients, care plans). */
  keyHashes: Map<EntityName, KeyHashSet>;
  rows: Map<string, number>;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function recordSkipped(tx: PoolClient, snapshotId: number, plan: UploadPlan): Promise<void> {
  for (const { report, error, sizeBytes } of plan.skipped) {
    await insertSnapshotFile(tx, snapshotId, {
      fileName: report.file,
      entity: null,
      confidence: 0,
      encoding: null,
      delimiter: null,
      lineEnding: null,
      headers: [],
      columnKeys: [],
      sizeBytes,
      error: error.message,
    });
  }
}

async function recordUnstaged(
  tx: PoolClient,
  snapshotId: number,
  files: readonly PlannedFile[],
  refusal: string,
): Promise<void> {
  for (const p of files) {
    const { recognition, encoding, delimiter, lineEnding, headers, sizeBytes } = p.inspected;
    await insertSnapshotFile(tx, snapshotId, {
      fileName: p.upload.label,
      entity: p.entity,
      confidence: recognition.confidence,
      encoding,
      delimiter,
      lineEnding,
      headers,
      columnKeys: recognition.columnKeys,
      sizeBytes,
      error: `Not staged: the upload was refused. ${refusal}`,
    });
  }
}

/** A readable file that was not staged because the upload was refused. */
function unstagedReport(p: PlannedFile): FileReport {
  const { recognition, encoding, delimiter, lineEnding } = p.inspected;
  return {
    file: p.upload.label,
    entity: p.entity,
    confidence: recognition.confidence,
    encoding,
    delimiter,
    lineEnding,
    rows: 0,
  };
}

/** Notes on a staged file: bytes that did not decode, ragged rows. The file itself went in. */
function stagingNotes(label: string, staged: Awaited<ReturnType<typeof stageFile>>, encoding: string): FileError[] {
  const notes: FileError[] = [];
  const { count, lines } = staged.undecodable;
  if (count > 0) {
    const more = count > lines.length ? ', …' : '';
    const text = `${count} row${count === 1 ? ' holds' : 's hold'} bytes that cannot be read as ${encoding} (lines ${lines.join(', ')}${more}); they were staged with \uFFFD in their place and flagged.`;
    notes.push({ file: label, line: lines[0]!, message: fileErrorText(label, text, lines[0]), skipped: false });
  }
  if (staged.rows === 0) {
    notes.push({
      file: label,
      message: fileErrorText(label, 'this file has a header row but no data rows.'),
      skipped: false,
    });
  }
  if (staged.ragged > 0 && staged.firstRaggedLine !== null) {
    const text = `${staged.ragged} row${staged.ragged === 1 ? ' has' : 's have'} the wrong number of values; staged but not validated (see the ragged_row defects).`;
    notes.push({
      file: label,
      line: staged.firstRaggedLine,
      message: fileErrorText(label, text, staged.firstRaggedLine),
      skipped: false,
    });
  }
  return notes;
}

async function stageOne(
  tx: PoolClient,
  snapshotId: number,
  planned: PlannedFile,
  options: IngestOptions,
  state: UploadState,
  log: IngestLog,
): Promise<void> {
  const { upload, inspected, entity } = planned;
  const fileId = await insertSnapshotFile(tx, snapshotId, {
    fileName: upload.label,
    entity,
    confidence: inspected.recognition.confidence,
    encoding: inspected.encoding,
    delimiter: inspected.delimiter,
    lineEnding: inspected.lineEnding,
    headers: inspected.headers,
    columnKeys: inspected.recognition.columnKeys,
    sizeBytes: inspected.sizeBytes,
    error: null,
    documentsDir: entity === 'documents' ? upload.documentsDir : null,
  });
  log(`ferry: staging ${upload.label} as ${entity}…`);
  const staged = await stageFile(tx, {
    snapshotId,
    fileId,
    file: inspected,
    label: upload.label,
    exportDate: options.exportDate ?? today(),
    maxDocumentBytes: options.maxDocumentBytes,
    documents: planned.documents,
    userCodes: state.userCodes,
    collectKeys: entity === 'users',
    hashKeys: isReferenceTarget(entity),
    reference: streamedReference(entity, state.keyHashes),
  });
  const report = { ...unstagedReport(planned), rows: staged.rows };
  if (staged.syntaxError !== null) {
    const { line } = staged.syntaxError;
    const message = fileErrorText(upload.label, `${staged.syntaxError.message}.`, line);
    await completeSnapshotFile(tx, fileId, { rows: 0, sha256: null, error: message });
    state.fileErrors.push({ file: upload.label, line, message, skipped: true });
    state.files.push({ ...report, entity: null, rows: 0 });
    return;
  }
  await completeSnapshotFile(tx, fileId, { rows: staged.rows, sha256: staged.sha256, error: null });
  await insertColumnProfiles(tx, fileId, staged.profiles);
  if (entity === 'users') state.userCodes = staged.keys;
  if (staged.keyHashes !== null) state.keyHashes.set(entity, staged.keyHashes);
  state.fileErrors.push(...stagingNotes(upload.label, staged, inspected.encoding));
  state.files.push(report);
  state.rows.set(entity, staged.rows);
  const keys = inspected.recognition.columnKeys;
  state.staged.push({
    fileId,
    entity,
    label: upload.label,
    headerOf: (key) => inspected.headers[keys.indexOf(key)] ?? null,
    duplicates: staged.duplicates,
    orphanCandidates: staged.orphanCandidates,
  });
}

/**
 * Stages the accepted files and runs the checks across them. Their defects go into the snapshot's own table,
 * attached to `defects` once they are all in (see sql/012).
 */
async function stageAll(
  tx: PoolClient,
  snapshot: number,
  plan: UploadPlan,
  options: IngestOptions,
  state: UploadState,
  log: IngestLog,
): Promise<void> {
  await createSnapshotDefects(tx, snapshot);
  for (const planned of plan.accepted) await stageOne(tx, snapshot, planned, options, state, log);
  if (state.staged.length > 0) {
    log('ferry: checking duplicates and references…');
    state.notes.push(...(await runCrossChecks(tx, snapshot, state.staged)));
  }
  await attachSnapshotDefects(tx, snapshot);
}

async function runUpload(
  tx: PoolClient,
  options: IngestOptions,
  plan: UploadPlan,
  log: IngestLog,
): Promise<IngestReport> {
  await lockForStaging(tx);
  // A crash in the moment after COMMIT may lose this upload, never corrupt it: everything staged here can be
  // staged again from the files. Not waiting for the WAL flush saves the last write of a large upload.
  await tx.query('SET LOCAL synchronous_commit = off');
  // The checks across rows are a few index look-ups per candidate, but the planner's estimate of a million
  // rows just staged is high enough to JIT-compile them: 260 ms spent compiling a 60 ms query.
  await tx.query('SET LOCAL jit = off');
  await ensureProject(tx, options.project);
  const snapshot = await insertSnapshot(tx, options.project, plan.refusal === null ? 'staged' : 'refused');
  await recordSkipped(tx, snapshot, plan);
  const state: UploadState = {
    project: options.project,
    snapshot,
    refusal: plan.refusal,
    files: [],
    fileErrors: plan.skipped.map((s) => s.error),
    notes: [...plan.notes],
    staged: [],
    userCodes: null,
    keyHashes: new Map(),
    rows: new Map(),
  };
  if (plan.refusal === null) {
    await stageAll(tx, snapshot, plan, options, state, log);
  } else {
    await recordUnstaged(tx, snapshot, plan.accepted, plan.refusal);
    state.files.push(...plan.accepted.map(unstagedReport));
  }
  state.files.push(...plan.skipped.map((s) => s.report));
  const refusal =
    plan.refusal ??
    (state.staged.length === 0 ? 'None of the files could be read to the end (see the file errors).' : null);
  if (refusal !== null) {
    const report = refusedReport(state, refusal);
    await finishSnapshot(tx, snapshot, 'refused', refusal, snapshotSummary(report));
    return report;
  }
  if (state.userCodes === null && state.staged.some((f) => NAMES_USERS.has(f.entity))) {
    state.notes.push('No users file in this upload: the user codes in the other files were not checked.');
  }
  const report = await stagedReport(tx, state);
  await finishSnapshot(tx, snapshot, 'staged', null, snapshotSummary(report));
  return report;
}

/** After a rollback: records a refused snapshot saying why, so the attempt is on file. */
async function recordFailure(
  pool: Pool,
  options: IngestOptions,
  plan: UploadPlan,
  cause: AppError,
): Promise<IngestReport> {
  const refusal = `Ferry could not finish staging this upload (${cause.message}); nothing was staged. Try again, and report it if it happens again.`;
  const snapshot = await withTransaction(pool, async (tx) => {
    await ensureProject(tx, options.project);
    const id = await insertSnapshot(tx, options.project, 'refused');
    await finishSnapshot(tx, id, 'refused', refusal, {});
    return id;
  }).catch(() => {
    throw cause;
  });
  const files = [...plan.accepted.map(unstagedReport), ...plan.skipped.map((s) => s.report)];
  const outcome = {
    project: options.project,
    snapshot,
    refusal,
    files,
    fileErrors: plan.skipped.map((s) => s.error),
    notes: plan.notes,
    rows: new Map(),
  };
  return refusedReport(outcome, refusal);
}

/** Stages the files and folders of `options.paths` as a new snapshot of `options.project`. */
export async function ingestUpload(
  pool: Pool,
  options: IngestOptions,
  log: IngestLog = () => {},
): Promise<IngestReport> {
  if (!isValidProjectId(options.project)) {
    throw new AppError(
      'usage',
      `"${options.project}" is not a valid project id: use lower-case letters, digits, - and _ (at most 63).`,
    );
  }
  const plan = await planUpload(options.paths, options.cwd);
  try {
    return await withTransaction(pool, (tx) => runUpload(tx, options, plan, log));
  } catch (error) {
    const cause = asAppError(error);
    log(`ferry: staging failed and was rolled back: ${cause.message}`);
    return recordFailure(pool, options, plan, cause);
  }
}
