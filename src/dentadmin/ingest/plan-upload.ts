/**
 * Decides, before anything is written, which files of an upload go in and whether the upload goes in at all.
 *
 * What refuses the whole upload (nothing is staged, the snapshot records why):
 * - no file could be read (all empty, binary, unknown, missing);
 * - two files hold the same entity: which one is the export is a guess Ferry will not make, and staging both
 *   would double every record.
 * What skips one file and lets the rest in: the file is missing, empty, binary, or its headers match no
 * entity (named with the headers it has). Problems inside records never refuse anything: they are defects.
 */
import { stat } from 'node:fs/promises';
import { type EntityName, INGEST_ORDER } from '../entities.js';
import { type InspectedFile, type Inspection, inspectFile } from '../read/inspect-file.js';
import { collectInputs, type UploadFile } from './collect-inputs.js';
import { createDocumentChecker, type DocumentChecker } from './document-check.js';
import type { FileError, FileReport } from './types.js';

export interface PlannedFile {
  upload: UploadFile;
  inspected: InspectedFile;
  entity: EntityName;
  /** The checker for the documents this file names; null when its documents folder is absent. */
  documents: DocumentChecker | null;
}

export interface UploadPlan {
  /** Files to stage, in INGEST_ORDER (users before the files naming them, patients before their records). */
  accepted: PlannedFile[];
  /** Files skipped before staging. */
  skipped: { report: FileReport; error: FileError; sizeBytes: number }[];
  refusal: string | null;
  notes: string[];
}

export function fileErrorText(label: string, text: string, line?: number): string {
  return line === undefined ? `${label}: ${text}` : `${label}, line ${line}: ${text}`;
}

function skippedReport(file: string): FileReport {
  return { file, entity: null, confidence: 0, encoding: null, delimiter: null, lineEnding: null, rows: 0 };
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

function duplicateEntities(accepted: readonly PlannedFile[]): string | null {
  const byEntity = new Map<EntityName, string[]>();
  for (const f of accepted) byEntity.set(f.entity, [...(byEntity.get(f.entity) ?? []), f.upload.label]);
  const clashes = [...byEntity].filter(([, labels]) => labels.length > 1);
  if (clashes.length === 0) return null;
  const described = clashes.map(([entity, labels]) => `${labels.join(' and ')} all hold ${entity}`).join('; ');
  return `${described}. An upload takes one file per kind of record: remove the extra file and upload again.`;
}

async function plan(
  upload: UploadFile,
  notes: string[],
): Promise<PlannedFile | { report: FileReport; error: FileError; sizeBytes: number }> {
  const inspection = await inspectFile(upload.path, upload.sizeBytes).catch(
    (error: NodeJS.ErrnoException): Inspection => ({
      ok: false,
      path: upload.path,
      sizeBytes: upload.sizeBytes,
      message: `could not be opened (${error.code ?? error.message})`,
    }),
  );
  if (!inspection.ok) {
    const message = fileErrorText(upload.label, `this file ${inspection.message}.`, inspection.line);
    const error: FileError =
      inspection.line === undefined
        ? { file: upload.label, message, skipped: true }
        : { file: upload.label, line: inspection.line, message, skipped: true };
    return { report: skippedReport(upload.label), error, sizeBytes: upload.sizeBytes };
  }
  const { file } = inspection;
  for (const note of file.notes) notes.push(fileErrorText(upload.label, `${note}.`));
  const entity = file.recognition.entity!;
  let documents: DocumentChecker | null = null;
  if (entity === 'documents') {
    if (await isDirectory(upload.documentsDir)) documents = createDocumentChecker(upload.documentsDir);
    else notes.push(`There is no documents folder next to ${upload.label}: the document files were not checked.`);
  }
  return { upload, inspected: file, entity, documents };
}

/** Collects and inspects the upload's files and decides what goes in. Reads only the start of each file. */
export async function planUpload(paths: readonly string[], cwd?: string): Promise<UploadPlan> {
  const collected = await collectInputs(paths, cwd);
  const notes: string[] = [];
  const accepted: PlannedFile[] = [];
  const skipped: UploadPlan['skipped'] = collected.errors.map((error) => ({
    report: skippedReport(error.file),
    error,
    sizeBytes: 0,
  }));
  for (const upload of collected.files) {
    const result = await plan(upload, notes);
    if ('inspected' in result) accepted.push(result);
    else skipped.push(result);
  }
  accepted.sort((a, b) => INGEST_ORDER.indexOf(a.entity) - INGEST_ORDER.indexOf(b.entity));
  let refusal = duplicateEntities(accepted);
  if (refusal === null && accepted.length === 0) {
    refusal =
      paths.length === 0
        ? 'No file was given.'
        : 'None of the files could be read as a DentAdmin export (see the file errors).';
  }
  return { accepted, skipped, refusal, notes };
}
