/**
 * One chunk of one phase: build the records from their staged rows, resolve references, then for each
 * record skip it (with its reason), link it to an existing Pipedrive record, or create it exactly once.
 */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { JsonValue, ObjectMap } from '../mapping/document.js';
import type { TransformContext } from '../mapping/transforms/index.js';
import { withTransaction } from '../store/db.js';
import { completeRecord, getRecords, resolvedIds } from '../store/records.js';
import { stagedRows } from '../store/staged.js';
import { type BuiltRecord, blockingDefect, buildRecords, type LoadObject, sourceKeyOf } from './build-record.js';
import { updateChanged } from './delta-update.js';
import type { Engine, EngineDeps } from './engine-context.js';
import { DOCUMENTS_NOT_UPLOADED_LABEL, loadRegistry, registryField, SOURCE_ID_LABEL } from './field-registry.js';
import { duplicatePrimaries, linkExisting, matchFieldsOf } from './link-existing.js';
import { ownerLookup, readOwners } from './owners.js';
import { buildPayload, type Resolver } from './payload.js';
import type { Run } from './runs.js';
import { writeRecord } from './write-record.js';

export type ChunkCounts = Record<
  'created' | 'linked' | 'updated' | 'conflict' | 'skipped' | 'failed' | 'already',
  number
>;

export const emptyCounts = (): ChunkCounts => ({
  created: 0,
  linked: 0,
  updated: 0,
  conflict: 0,
  skipped: 0,
  failed: 0,
  already: 0,
});

/** Phase names are `<object>:<source entity>`; duplicates of patients get their own later phase. */
export function parsePhase(phase: string): { object: LoadObject; source: string; duplicates: boolean } {
  const [object, source, extra] = phase.split(':');
  return { object: object as LoadObject, source: source ?? '', duplicates: extra === 'duplicates' };
}

function collectRefs(value: JsonValue, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, out);
  } else if (
    value !== null &&
    typeof value === 'object' &&
    typeof value.ref === 'string' &&
    typeof value.key === 'string'
  ) {
    if (value.ref !== 'users') {
      out.add(sourceKeyOf(value.ref, value.key));
      if (typeof value.union === 'string') out.add(sourceKeyOf(value.ref, value.union));
    }
  }
}

async function makeResolver(deps: EngineDeps, run: Run, records: readonly BuiltRecord[]): Promise<Resolver> {
  const wanted = new Set<string>();
  for (const record of records) for (const value of Object.values(record.fields)) collectRefs(value, wanted);
  const ids = await resolvedIds(deps.pool, run.project, [...wanted]);
  const registry = await loadRegistry(deps.pool, run.project);
  const owner = ownerLookup(await readOwners(deps.pool, run.project));
  return {
    record: (entity, key) => ids.get(sourceKeyOf(entity, key)),
    user: owner,
    field: (object, label) => registryField(registry, object, label),
    sourceIdField: (object) => registryField(registry, object, SOURCE_ID_LABEL)?.key,
  };
}

export function transformContext(now = new Date()): TransformContext {
  return { now, referenceYear: now.getUTCFullYear() };
}

/** Reads and builds the records a chunk covers (keys are staged record keys of the phase's source). */
export async function chunkRecords(
  deps: EngineDeps,
  engine: Engine,
  objectMap: ObjectMap,
  keys: readonly string[] | undefined,
) {
  const file = engine.files.find((f) => f.entity === objectMap.source);
  if (file === undefined) return [];
  // A folded source (plan lines → one note per plan) is read whole: its chunk keys are the fold groups.
  const rows = await stagedRows(deps.pool, file, objectMap.fold === undefined ? keys : undefined);
  const built = buildRecords(objectMap, rows, transformContext());
  if (objectMap.fold === undefined || keys === undefined) return built;
  const groups = new Set(keys);
  return built.filter((record) => groups.has(record.key));
}

const DEFAULT_MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** A document that is not in the upload, or too large to upload, is skipped with the reason. */
async function checkDocument(
  engine: Engine,
  body: Record<string, unknown>,
  maxBytes = DEFAULT_MAX_DOCUMENT_BYTES,
): Promise<string | null> {
  const path = join(engine.documentsRoot ?? '', String(body.file));
  const info = engine.documentsRoot === undefined ? null : await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    return `document_missing: ${String(body.file)} is not in the upload's documents folder`;
  if (info.size > maxBytes)
    return `document_too_large: ${String(body.file)} is ${Math.round(info.size / 1048576)} MB, over the ${Math.round(maxBytes / 1048576)} MB limit`;
  return null;
}

/** A document too large to upload leaves its name on the patient, so staff know it exists in DentAdmin. */
async function keepDocumentName(
  deps: EngineDeps,
  run: Run,
  engine: Engine,
  resolver: Resolver,
  body: Record<string, unknown>,
): Promise<void> {
  const field = resolver.field('person', DOCUMENTS_NOT_UPLOADED_LABEL);
  const personId = body.person_id;
  if (field === undefined || typeof personId !== 'number') return;
  const name = basename(String(body.file));
  const [person] = await engine.gateway.getMany('person', [personId]);
  const current = (person?.custom_fields as Record<string, unknown> | undefined)?.[field.key];
  const names = typeof current === 'string' && current !== '' ? current.split('\n') : [];
  if (person === undefined || names.includes(name)) return; // idempotent: a retried chunk adds nothing twice
  const patched = await engine.gateway.update('person', personId, {
    custom_fields: { [field.key]: [...names, name].join('\n') },
  });
  // Ferry's own change: move the update time Ferry knows, or rollback would take it for a person's edit.
  if (patched.ok) {
    await deps.pool.query(
      `UPDATE records SET pd_update_time = $4 WHERE project_id = $1 AND object = 'person' AND pipedrive_id = $2
         AND state IN ('created', 'linked') AND pd_update_time IS NOT DISTINCT FROM $3`,
      [run.project, personId, person.update_time ?? null, patched.data.update_time ?? null],
    );
  }
}

async function skip(deps: EngineDeps, run: Run, record: BuiltRecord, reason: string): Promise<void> {
  await withTransaction(deps.pool, (tx) =>
    completeRecord(
      tx,
      { project: run.project, object: record.object, sourceKey: record.sourceKey },
      {
        state: 'skipped',
        runId: run.id,
        reason,
        contentHash: record.contentHash,
        snapshotId: run.snapshotId,
      },
    ),
  );
}

/** Duplicate patients become the person of their first record: linked, no call to Pipedrive. */
async function linkDuplicates(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  keys: readonly string[],
): Promise<ChunkCounts> {
  const counts = emptyCounts();
  const patients = engine.files.find((f) => f.entity === 'patients');
  if (patients === undefined) return counts;
  const primaries = await duplicatePrimaries(deps.pool, patients.fileId);
  const primaryKeys = keys.map((key) => sourceKeyOf('patients', primaries.get(key) ?? key));
  const ids = await resolvedIds(deps.pool, run.project, primaryKeys);
  for (const [i, key] of keys.entries()) {
    const id = ids.get(primaryKeys[i]!);
    const sourceKey = sourceKeyOf('patients', key);
    await completeRecord(
      deps.pool,
      { project: run.project, object: 'person', sourceKey },
      id === undefined
        ? {
            state: 'skipped',
            runId: run.id,
            reason: `duplicate_patient: the first record (${primaryKeys[i]}) did not migrate`,
          }
        : {
            state: 'linked',
            runId: run.id,
            pipedriveId: id,
            reason: `duplicate of ${primaryKeys[i]}`,
            snapshotId: run.snapshotId,
          },
    );
    counts[id === undefined ? 'skipped' : 'linked']++;
  }
  return counts;
}

export async function loadChunk(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  phase: string,
  keys: readonly string[],
): Promise<ChunkCounts> {
  const { object, source, duplicates } = parsePhase(phase);
  if (duplicates) return linkDuplicates(deps, engine, run, keys);
  const objectMap = engine.map.objects.find((o) => o.source === source && o.target === object);
  const counts = emptyCounts();
  if (objectMap === undefined) return counts;
  const records = await chunkRecords(deps, engine, objectMap, keys);
  const resolver = await makeResolver(deps, run, records);
  const matchFields = matchFieldsOf(
    objectMap,
    engine.files.find((f) => f.entity === source),
    resolver.field,
  );
  const existing = await getRecords(
    deps.pool,
    run.project,
    object,
    records.map((r) => r.sourceKey),
  );
  const ctx = {
    pool: deps.pool,
    gateway: engine.gateway,
    project: run.project,
    runId: run.id,
    snapshotId: run.snapshotId,
    log: deps.log,
    sourceIdKey: resolver.sourceIdField,
  };
  for (const record of records) {
    const before = existing.get(record.sourceKey);
    const written = before?.pipedriveId != null && ['created', 'linked', 'conflict'].includes(before.state);
    if (written && (run.kind !== 'delta' || before.contentHash === record.contentHash || before.state === 'conflict')) {
      counts.already++;
      continue;
    }
    const defect = blockingDefect(record);
    if (written && (defect !== undefined || buildPayload(record, resolver).unresolved.length > 0)) {
      // The newer export broke a record Ferry already wrote: leave it as it is in Pipedrive (and in the id
      // map, so rollback still finds it); the new export's defect report says what to fix.
      counts.skipped++;
      continue;
    }
    if (defect !== undefined) {
      await skip(deps, run, record, `${defect.code}: ${defect.message}`);
      counts.skipped++;
      continue;
    }
    const payload = buildPayload(record, resolver);
    if (payload.unresolved.length > 0) {
      await skip(deps, run, record, `reference_missing: ${payload.unresolved.join(', ')} did not migrate`);
      counts.skipped++;
      continue;
    }
    if (written) {
      const outcome = await updateChanged(deps, engine, run, record, payload.body, before);
      counts[outcome === 'unchanged' ? 'already' : outcome]++;
      continue;
    }
    const documentProblem = object === 'file' ? await checkDocument(engine, payload.body, deps.maxDocumentBytes) : null;
    if (documentProblem !== null) {
      if (documentProblem.startsWith('document_too_large'))
        await keepDocumentName(deps, run, engine, resolver, payload.body);
      await skip(deps, run, record, documentProblem);
      counts.skipped++;
      continue;
    }
    const linked = await linkExisting(deps, engine, run, record, payload.body, objectMap.match, matchFields);
    if (linked !== null) {
      counts[linked]++;
      continue;
    }
    const result = await writeRecord(
      ctx,
      { object, sourceKey: record.sourceKey, contentHash: record.contentHash, body: payload.body },
      before,
    );
    counts[result.state]++;
  }
  return counts;
}
