/**
 * Rollback: Pipedrive back as it was before Ferry. In reverse dependency order, records Ferry created are
 * deleted, pre-existing records Ferry changed get their before-image back, and custom fields Ferry created
 * are deleted once no record uses them. Rolling back one delta run also puts back the fields it PATCHed in
 * records an earlier run had written (their before-images are kept per run, src/store/record-updates.ts).
 * A record a person edited after Ferry wrote it is a conflict: listed and kept, unless forced. Resumable and
 * idempotent: every undone record is marked, and is never undone twice.
 */
import { appendApiWriteTx } from '../store/audit.js';
import { withTransaction } from '../store/db.js';
import { pendingRecordUpdates, type RecordUpdate, undoRecordUpdate } from '../store/record-updates.js';
import { listRecords, type RecordRow } from '../store/records.js';
import type { LoadObject } from './build-record.js';
import type { Engine, EngineDeps } from './engine-context.js';
import type { RemoteRecord } from './gateway.js';
import type { Run } from './runs.js';

const REVERSE_ORDER: readonly LoadObject[] = ['file', 'note', 'activity', 'deal', 'person', 'organization'];

export type RollbackAction = 'delete' | 'restore' | 'forget' | 'conflict' | 'gone';

export interface RollbackItem {
  record: RecordRow;
  action: RollbackAction;
  remote?: RemoteRecord;
  /** Set when the item undoes a delta run's PATCH of a record an earlier run wrote ('restore' puts it back). */
  update?: RecordUpdate;
}

export interface RollbackSummary {
  deleted: number;
  restored: number;
  conflicts: { object: string; source: string; pipedriveId: number | null }[];
  alreadyGone: number;
  fieldsDeleted: number;
}

/** Records a rollback acts on: those of one run (by the run that created them), or of every run. */
async function targets(deps: EngineDeps, run: Run): Promise<RecordRow[]> {
  const all = await listRecords(deps.pool, run.project, { states: ['created', 'linked', 'conflict'] });
  return run.targetRunId === null ? all : all.filter((r) => r.originRunId === run.targetRunId);
}

/** Someone changed the record after Ferry's last write when its update time moved on. */
function changedSinceFerry(record: RecordRow, remote: RemoteRecord): boolean {
  return record.pdUpdateTime !== null && remote.update_time != null && remote.update_time !== record.pdUpdateTime;
}

/** The record a delta run PATCHed, seen as the rollback sees the records it undoes. */
function updatedRecord(update: RecordUpdate): RecordRow {
  return {
    object: update.object,
    sourceKey: update.sourceKey,
    state: 'created',
    pipedriveId: update.pipedriveId,
    originRunId: update.runId,
    runId: update.runId,
    contentHash: null,
    payload: null,
    beforeImage: update.beforeImage,
    pdUpdateTime: update.pdUpdateTime,
    attemptStartedAt: null,
    attempts: 0,
    reason: null,
  };
}

/** The PATCHes of the run being rolled back (one delta run) to put back: a person's later edit is a conflict. */
async function planReverts(deps: EngineDeps, engine: Engine, run: Run, force: boolean): Promise<RollbackItem[]> {
  if (run.targetRunId === null) return []; // a whole rollback deletes these records anyway
  const updates = await pendingRecordUpdates(deps.pool, run.project, run.targetRunId);
  const items: RollbackItem[] = [];
  for (const object of REVERSE_ORDER) {
    const mine = updates.filter((u) => u.object === object);
    const remote = new Map(
      (
        await engine.gateway.getMany(
          object,
          mine.map((u) => u.pipedriveId),
        )
      ).map((r) => [r.id, r]),
    );
    for (const update of mine) {
      const record = updatedRecord(update);
      const current = remote.get(update.pipedriveId);
      if (current === undefined) items.push({ record, action: 'gone', update });
      else if (!force && changedSinceFerry(record, current))
        items.push({ record, action: 'conflict', remote: current, update });
      else items.push({ record, action: 'restore', remote: current, update });
    }
  }
  return items;
}

/** Decides what to do with each record, reading Pipedrive (100 per request) but writing nothing. */
export async function planRollback(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  force: boolean,
): Promise<RollbackItem[]> {
  const records = await targets(deps, run);
  const items: RollbackItem[] = [];
  for (const object of REVERSE_ORDER) {
    const mine = records.filter((r) => r.object === object);
    const ids = mine
      .filter((r) => r.pipedriveId !== null && !(r.state === 'linked' && r.beforeImage === null))
      .map((r) => r.pipedriveId!);
    const remote = new Map((await engine.gateway.getMany(object, ids)).map((r) => [r.id, r]));
    for (const record of mine) {
      // A duplicate patient linked to its first record's person: nothing of its own to undo.
      if (record.state === 'linked' && record.beforeImage === null) {
        items.push({ record, action: 'forget' });
        continue;
      }
      const current = record.pipedriveId === null ? undefined : remote.get(record.pipedriveId);
      if (current === undefined) items.push({ record, action: 'gone' });
      else if (!force && (record.state === 'conflict' || changedSinceFerry(record, current)))
        items.push({ record, action: 'conflict', remote: current });
      else items.push({ record, action: record.state === 'linked' ? 'restore' : 'delete', remote: current });
    }
  }
  return [...(await planReverts(deps, engine, run, force)), ...items];
}

/** Puts back what one delta run PATCHed; a conflict stays pending, so a forced rollback can still revert it. */
async function revert(deps: EngineDeps, engine: Engine, run: Run, item: RollbackItem, update: RecordUpdate) {
  if (item.action === 'conflict') return 'conflict';
  const outcome =
    item.action === 'gone'
      ? null
      : await engine.gateway.update(update.object as LoadObject, update.pipedriveId, update.beforeImage);
  if (
    outcome !== null &&
    !outcome.ok &&
    !(outcome.kind === 'rejected' && [404, 410].includes(outcome.error.details.status as number))
  ) {
    throw outcome.error;
  }
  const updateTime = outcome?.ok ? (outcome.data.update_time ?? null) : null;
  await withTransaction(deps.pool, async (tx) => {
    await undoRecordUpdate(tx, update, updateTime);
    await appendApiWriteTx(tx, run.project, {
      run: run.id,
      method: 'PATCH',
      object: update.object,
      source: update.sourceKey,
      pipedriveId: update.pipedriveId,
      status: outcome?.ok ? 'reverted' : 'already-gone',
      tokens: outcome === null ? 0 : 5,
    });
  });
  return outcome?.ok ? 'restore' : 'gone';
}

async function mark(
  deps: EngineDeps,
  run: Run,
  item: RollbackItem,
  state: 'deleted' | 'conflict',
  status: string,
  tokens: number,
) {
  await withTransaction(deps.pool, async (tx) => {
    await tx.query(
      `UPDATE records SET state = $4, run_id = $5, reason = $6, updated_at = now()
       WHERE project_id = $1 AND object = $2 AND source_key = $3`,
      [
        run.project,
        item.record.object,
        item.record.sourceKey,
        state,
        run.id,
        state === 'conflict' ? 'changed in Pipedrive after Ferry wrote it; kept' : null,
      ],
    );
    if (tokens > 0 || status !== 'forgotten') {
      await appendApiWriteTx(tx, run.project, {
        run: run.id,
        method: status === 'restored' ? 'PATCH' : 'DELETE',
        object: item.record.object,
        source: item.record.sourceKey,
        pipedriveId: item.record.pipedriveId,
        status,
        tokens,
      });
    }
  });
}

async function undo(deps: EngineDeps, engine: Engine, run: Run, item: RollbackItem): Promise<string> {
  const { record } = item;
  if (item.update !== undefined) return revert(deps, engine, run, item, item.update);
  if (item.action === 'forget' || item.action === 'gone') {
    await mark(deps, run, item, 'deleted', item.action === 'gone' ? 'already-gone' : 'forgotten', 0);
    return item.action;
  }
  if (item.action === 'conflict') {
    await mark(deps, run, item, 'conflict', 'conflict-kept', 0);
    return 'conflict';
  }
  const outcome =
    item.action === 'restore'
      ? await engine.gateway.update(record.object as LoadObject, record.pipedriveId!, record.beforeImage ?? {})
      : await engine.gateway.remove(record.object as LoadObject, record.pipedriveId!);
  if (
    !outcome.ok &&
    outcome.kind === 'rejected' &&
    outcome.error.details.status !== 404 &&
    outcome.error.details.status !== 410
  ) {
    throw outcome.error;
  }
  if (!outcome.ok && outcome.kind === 'uncertain') throw outcome.error; // retried by the job; delete is idempotent
  await mark(
    deps,
    run,
    item,
    'deleted',
    item.action === 'restore' ? 'restored' : 'deleted',
    item.action === 'restore' ? 5 : 3,
  );
  return item.action;
}

/** Deletes Ferry's custom fields that no record of the object still uses. */
async function deleteFerryFields(deps: EngineDeps, engine: Engine, run: Run): Promise<number> {
  const { rows } = await deps.pool.query<{ object: LoadObject; label: string; field_code: string }>(
    `SELECT object, label, field_code FROM field_registry
     WHERE project_id = $1 AND created_by_ferry AND deleted_at IS NULL`,
    [run.project],
  );
  const stillOurs = await listRecords(deps.pool, run.project, { states: ['created', 'linked', 'conflict'] });
  let deleted = 0;
  for (const field of rows) {
    if (stillOurs.some((r) => r.object === field.object)) continue; // conflicts kept (or another run) still use the fields
    let used = false;
    for await (const page of engine.gateway.listAll(field.object)) {
      if (page.some((r) => (r.custom_fields as Record<string, unknown> | undefined)?.[field.field_code] != null))
        used = true;
      if (used) break;
    }
    if (used) continue;
    const resource =
      field.object === 'person'
        ? 'personFields'
        : field.object === 'organization'
          ? 'organizationFields'
          : 'dealFields';
    const outcome = await engine.client[resource].remove(field.field_code);
    if (!outcome.ok && outcome.error.details.status !== 404) continue;
    await deps.pool.query(
      'UPDATE field_registry SET deleted_at = now() WHERE project_id = $1 AND object = $2 AND label = $3',
      [run.project, field.object, field.label],
    );
    deleted++;
  }
  return deleted;
}

export async function executeRollback(deps: EngineDeps, engine: Engine, run: Run): Promise<RollbackSummary> {
  const force = run.options.force === true;
  const items = await planRollback(deps, engine, run, force);
  const summary: RollbackSummary = { deleted: 0, restored: 0, conflicts: [], alreadyGone: 0, fieldsDeleted: 0 };
  for (const item of items) {
    const done = await undo(deps, engine, run, item);
    if (done === 'delete') summary.deleted++;
    else if (done === 'restore') summary.restored++;
    else if (done === 'gone') summary.alreadyGone++;
    else if (done === 'conflict')
      summary.conflicts.push({
        object: item.record.object,
        source: item.record.sourceKey,
        pipedriveId: item.record.pipedriveId,
      });
  }
  summary.fieldsDeleted = await deleteFerryFields(deps, engine, run);
  await deps.pool.query(
    `UPDATE runs SET status = 'rolled_back' WHERE project_id = $1 AND kind IN ('sample', 'full', 'delta') AND status = 'done'
       AND ($2::bigint IS NULL OR id = $2)`,
    [run.project, run.targetRunId],
  );
  return summary;
}

/** What a rollback would do, for the confirmation shown before it starts. */
export async function previewRollback(deps: EngineDeps, engine: Engine, run: Run, force = false) {
  const items = await planRollback(deps, engine, run, force);
  return {
    delete: items.filter((i) => i.action === 'delete').length,
    restore: items.filter((i) => i.action === 'restore').length,
    conflicts: items
      .filter((i) => i.action === 'conflict')
      .map((i) => ({ object: i.record.object, source: i.record.sourceKey, pipedriveId: i.record.pipedriveId })),
  };
}
