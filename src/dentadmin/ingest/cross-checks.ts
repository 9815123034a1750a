/**
 * Checks across records and files, run in SQL once every file of the upload is staged (same transaction):
 * duplicate patients (proposed while streaming, confirmed here), and references to a patient or care plan
 * that is not in the upload. Unknown user codes are checked while streaming (the users file comes first).
 * A check whose target file is not in the upload is not run (it would flag every record); a note says so.
 */
import type { Queryable } from '../../store/db.js';
import { insertDuplicatePatients, insertOrphans } from '../../store/defects.js';
import type { EntityName } from '../entities.js';
import type { DuplicateCandidate } from './duplicate-finder.js';
import type { KeyHashSet } from './key-hashes.js';
import {
  DUPLICATE_INSZ_TEMPLATE,
  DUPLICATE_NAME_BIRTH_TEMPLATE,
  ORPHAN_FAMILY_HEAD_TEMPLATE,
  ORPHAN_PATIENT_TEMPLATE,
  ORPHAN_PLAN_TEMPLATE,
} from './messages.js';
import type { StreamedReference } from './row-stager.js';

export interface StagedFileRef {
  fileId: number;
  entity: EntityName;
  label: string;
  /** Header of a column key in this file, or null when the file lacks it. */
  headerOf(key: string): string | null;
  /** Repeated patients proposed while the file streamed (patients file only). */
  duplicates: readonly DuplicateCandidate[];
  /**
   * Lines whose reference may not resolve, found while the file streamed; null when the reference was not
   * checked then, and SQL looks at every row.
   */
  orphanCandidates: readonly number[] | null;
}

interface ReferenceRule {
  ref: 'patient' | 'plan';
  target: EntityName;
  column: string;
  template: string;
}

const REFERENCES: Partial<Record<EntityName, ReferenceRule>> = {
  patients: { ref: 'patient', target: 'patients', column: 'family_head_id', template: ORPHAN_FAMILY_HEAD_TEMPLATE },
  treatments: { ref: 'patient', target: 'patients', column: 'patient_id', template: ORPHAN_PATIENT_TEMPLATE },
  care_plans: { ref: 'patient', target: 'patients', column: 'patient_id', template: ORPHAN_PATIENT_TEMPLATE },
  appointments: { ref: 'patient', target: 'patients', column: 'patient_id', template: ORPHAN_PATIENT_TEMPLATE },
  notes: { ref: 'patient', target: 'patients', column: 'patient_id', template: ORPHAN_PATIENT_TEMPLATE },
  documents: { ref: 'patient', target: 'patients', column: 'patient_id', template: ORPHAN_PATIENT_TEMPLATE },
  care_plan_lines: { ref: 'plan', target: 'care_plans', column: 'plan_id', template: ORPHAN_PLAN_TEMPLATE },
};

const TARGET_NOUN: Partial<Record<EntityName, string>> = { patients: 'patients', care_plans: 'care plans' };

/** The reference records of this entity make (`refs[ref]`) and the entity it points at, if any. */
export function referenceOf(entity: EntityName): { ref: 'patient' | 'plan'; target: EntityName } | null {
  const rule = REFERENCES[entity];
  return rule === undefined ? null : { ref: rule.ref, target: rule.target };
}

/**
 * The reference to check while a file of `entity` streams: against its own keys (family heads), or those of
 * its target file when that is already staged (ingest order puts targets first). Otherwise null: SQL checks
 * every row, or nothing is checked when the target file is not in the upload.
 */
export function streamedReference(
  entity: EntityName,
  staged: ReadonlyMap<EntityName, KeyHashSet>,
): StreamedReference | null {
  const reference = referenceOf(entity);
  if (reference === null) return null;
  if (reference.target === entity) return { ref: reference.ref, target: 'self' };
  const target = staged.get(reference.target);
  return target === undefined ? null : { ref: reference.ref, target };
}

/** True when records of other files point at this entity's records (their keys are worth keeping). */
export function isReferenceTarget(entity: EntityName): boolean {
  return Object.values(REFERENCES).some((rule) => rule.target === entity);
}

/** Runs the checks; returns notes for the checks that could not run. */
export async function runCrossChecks(
  db: Queryable,
  snapshotId: number,
  files: readonly StagedFileRef[],
): Promise<string[]> {
  const notes: string[] = [];
  const byEntity = new Map(files.map((f) => [f.entity, f]));
  const patients = byEntity.get('patients');
  if (patients !== undefined) {
    await insertDuplicatePatients(db, {
      snapshotId,
      patientsFileId: patients.fileId,
      inszColumn: patients.headerOf('insz'),
      inszTemplate: DUPLICATE_INSZ_TEMPLATE,
      nameBirthTemplate: DUPLICATE_NAME_BIRTH_TEMPLATE,
      lines: patients.duplicates.map((d) => d.line),
      firstLines: patients.duplicates.map((d) => d.firstLine),
      kinds: patients.duplicates.map((d) => d.kind),
    });
  }
  for (const file of files) {
    const rule = REFERENCES[file.entity];
    if (rule === undefined) continue;
    const target = byEntity.get(rule.target);
    if (target === undefined) {
      notes.push(
        `No ${TARGET_NOUN[rule.target]} file in this upload: the references in ${file.label} were not checked.`,
      );
      continue;
    }
    if (file.orphanCandidates?.length === 0) continue;
    await insertOrphans(db, {
      snapshotId,
      fileId: file.fileId,
      entity: file.entity,
      targetFileId: target.fileId,
      ref: rule.ref,
      column: file.headerOf(rule.column),
      template: rule.template,
      lines: file.orphanCandidates,
    });
  }
  return notes;
}
