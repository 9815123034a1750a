/**
 * Delta pickup for a record Ferry already wrote: PATCH only the fields whose new value differs from what
 * Ferry sent last time. When a person changed the record in Pipedrive since (its update time moved on),
 * it is a conflict: reported and left alone, unless the run says overwrite.
 */
import { canonicalJson } from '../domain/canonical-json.js';
import { appendApiWriteTx } from '../store/audit.js';
import { withTransaction } from '../store/db.js';
import { completeRecordUpdate, hasRecordUpdate, recordUpdateIntent } from '../store/record-updates.js';
import { completeRecord, type RecordRow } from '../store/records.js';
import type { BuiltRecord, LoadObject } from './build-record.js';
import { compareFields } from './compare.js';
import type { Engine, EngineDeps } from './engine-context.js';
import type { Run } from './runs.js';

/**
 * The fields of `next` that differ from `previous` (custom fields compared one by one). Compared as canonical
 * JSON: `previous` comes back from a jsonb column, which reorders object keys (`{ value, label, primary }` is
 * returned as `{ label, value, primary }`), so the same list of e-mails must not count as changed.
 */
export function changedFields(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (field === 'custom_fields') {
      const before = (previous.custom_fields as Record<string, unknown> | undefined) ?? {};
      const custom = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(
          ([k, v]) => canonicalJson(before[k]) !== canonicalJson(v),
        ),
      );
      if (Object.keys(custom).length > 0) changed.custom_fields = custom;
    } else if (canonicalJson(previous[field]) !== canonicalJson(value)) {
      changed[field] = value;
    }
  }
  return changed;
}

/** The patched fields as Pipedrive has them now (custom fields one by one): what rolling back the run restores. */
export function beforeImageOf(
  patch: Record<string, unknown>,
  remote: Record<string, unknown>,
): Record<string, unknown> {
  const image: Record<string, unknown> = {};
  for (const field of Object.keys(patch)) {
    if (field === 'custom_fields') {
      const current = (remote.custom_fields as Record<string, unknown> | undefined) ?? {};
      const keys = Object.keys(patch.custom_fields as Record<string, unknown>);
      image.custom_fields = Object.fromEntries(keys.map((k) => [k, current[k] ?? null]));
    } else {
      image[field] = remote[field] ?? null;
    }
  }
  return image;
}

export type DeltaOutcome = 'updated' | 'conflict' | 'unchanged';

export async function updateChanged(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  record: BuiltRecord,
  body: Record<string, unknown>,
  existing: RecordRow,
): Promise<DeltaOutcome> {
  const key = { project: run.project, object: record.object, sourceKey: record.sourceKey };
  const patch = existing.state === 'created' && existing.payload !== null ? changedFields(existing.payload, body) : {};
  if (record.object === 'file' || Object.keys(patch).length === 0) {
    await completeRecord(deps.pool, key, {
      state: existing.state,
      runId: run.id,
      contentHash: record.contentHash,
      snapshotId: run.snapshotId,
    });
    return 'unchanged';
  }
  const [remote] = await engine.gateway.getMany(record.object as LoadObject, [existing.pipedriveId!]);
  const retried = await hasRecordUpdate(deps.pool, run.id, key);
  if (remote === undefined) {
    // Deleted in Pipedrive during cutover: a person decided that; the new export does not bring it back.
    await completeRecord(deps.pool, key, {
      state: 'conflict',
      runId: run.id,
      reason: 'deleted in Pipedrive since Ferry wrote it and changed in the new export; not recreated',
    });
    return 'conflict';
  }
  // A retried chunk's own PATCH may have landed (its answer lost) and moved the update time: then the fields it
  // sent hold its values, and PATCHing them again is harmless. Otherwise a moved update time is a person's edit.
  const ownPatchLanded = retried && compareFields(patch, remote).every((f) => f.status === 'match');
  const touched = !ownPatchLanded && existing.pdUpdateTime !== null && remote.update_time !== existing.pdUpdateTime;
  if (touched && run.options.overwrite !== true) {
    await completeRecord(deps.pool, key, {
      state: 'conflict',
      runId: run.id,
      reason: 'changed in Pipedrive and in the new export; not overwritten',
    });
    return 'conflict';
  }
  if (!retried) {
    await recordUpdateIntent(deps.pool, run.id, key, existing.pipedriveId!, beforeImageOf(patch, remote));
  }
  const outcome = await engine.gateway.update(record.object as LoadObject, existing.pipedriveId!, patch);
  if (!outcome.ok) throw outcome.error;
  await withTransaction(deps.pool, async (tx) => {
    await completeRecordUpdate(tx, run.id, key, outcome.data.update_time ?? null);
    await completeRecord(tx, key, {
      state: 'created',
      runId: run.id,
      payload: { ...existing.payload, ...body },
      pdUpdateTime: outcome.data.update_time ?? null,
      contentHash: record.contentHash,
      snapshotId: run.snapshotId,
    });
    await appendApiWriteTx(tx, run.project, {
      run: run.id,
      method: 'PATCH',
      object: record.object,
      source: record.sourceKey,
      pipedriveId: existing.pipedriveId,
      status: 'updated',
      fields: Object.keys(patch),
      tokens: record.object === 'note' ? 10 : 5,
    });
  });
  return 'updated';
}
