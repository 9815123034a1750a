/**
 * Records that must not be created: a patient or fund that already exists in Pipedrive (matched by e-mail or
 * name, per the map's match policy), and duplicate patients of the export, which become the same person.
 * A linked pre-existing record gets only Ferry's custom fields; their old values are kept as a before-image
 * so rollback can put them back.
 */

import { appendAuditTx } from '../store/audit.js';
import type { PoolClient, Queryable } from '../store/db.js';
import { withTransaction } from '../store/db.js';
import { completeRecord } from '../store/records.js';
import type { BuiltRecord, LoadObject } from './build-record.js';
import type { Engine, EngineDeps } from './engine-context.js';
import type { RemoteRecord } from './gateway.js';
import type { Run } from './runs.js';

/** Keys a record can be matched on: e-mails for persons, the name for organizations. */
export function matchKeys(object: LoadObject, body: Record<string, unknown>): string[] {
  if (object === 'person') {
    const emails = (body.emails as { value: string }[] | undefined) ?? [];
    return emails.map((e) => `email:${e.value.toLowerCase()}`);
  }
  if (object === 'organization' && typeof body.name === 'string') return [`name:${body.name.trim().toLowerCase()}`];
  return [];
}

function remoteKeys(object: LoadObject, remote: RemoteRecord): string[] {
  if (object === 'person') {
    const emails = (remote.emails as { value: string }[] | undefined) ?? [];
    return emails.map((e) => `email:${String(e.value).toLowerCase()}`);
  }
  return typeof remote.name === 'string' ? [`name:${remote.name.trim().toLowerCase()}`] : [];
}

/**
 * Indexes the records that existed in Pipedrive before Ferry (no Ferry source id) so the load can link to
 * them. Built once per run and phase object; cheap: one list call per 500 records.
 */
export async function buildRemoteIndex(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  object: LoadObject,
  sourceIdKey: string | undefined,
) {
  const done = await deps.pool.query('SELECT 1 FROM remote_index WHERE run_id = $1 AND object = $2 LIMIT 1', [
    run.id,
    object,
  ]);
  if ((done.rowCount ?? 0) > 0) return;
  const rows: [string, number][] = [];
  for await (const page of engine.gateway.listAll(object)) {
    for (const remote of page) {
      const custom = remote.custom_fields as Record<string, unknown> | undefined;
      if (sourceIdKey !== undefined && custom?.[sourceIdKey]) continue;
      for (const key of remoteKeys(object, remote)) rows.push([key, remote.id]);
    }
  }
  // A marker row keeps an empty index from being rebuilt by every chunk.
  rows.push(['~indexed', 0]);
  await deps.pool.query(
    `INSERT INTO remote_index (run_id, object, match_key, pipedrive_id)
     SELECT $1, $2, k, id FROM unnest($3::text[], $4::bigint[]) AS t(k, id) ON CONFLICT DO NOTHING`,
    [run.id, object, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}

async function findMatch(db: Queryable, run: Run, object: LoadObject, keys: string[]): Promise<number | undefined> {
  if (keys.length === 0) return undefined;
  const { rows } = await db.query<{ pipedrive_id: number }>(
    'SELECT pipedrive_id FROM remote_index WHERE run_id = $1 AND object = $2 AND match_key = ANY($3) ORDER BY pipedrive_id LIMIT 1',
    [run.id, object, keys],
  );
  return rows[0]?.pipedrive_id;
}

async function audit(tx: PoolClient, run: Run, record: BuiltRecord, id: number, status: string, tokens: number) {
  await appendAuditTx(tx, {
    project: run.project,
    actor: 'worker',
    kind: 'api.write',
    detail: {
      run: run.id,
      method: 'PATCH',
      object: record.object,
      source: record.sourceKey,
      pipedriveId: id,
      status,
      tokens,
    },
  });
}

/** Links (or skips, per policy) a record that matches an existing Pipedrive record; null when none matches. */
export async function linkExisting(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  record: BuiltRecord,
  body: Record<string, unknown>,
  policy: 'link' | 'skip' | undefined,
): Promise<'linked' | 'skipped' | null> {
  if (policy === undefined) return null;
  const id = await findMatch(deps.pool, run, record.object, matchKeys(record.object, body));
  if (id === undefined) return null;
  const key = { project: run.project, object: record.object, sourceKey: record.sourceKey };
  if (policy === 'skip') {
    await completeRecord(deps.pool, key, {
      state: 'skipped',
      runId: run.id,
      reason: `already in Pipedrive (id ${id}); the map says skip`,
    });
    return 'skipped';
  }
  const [remote] = await engine.gateway.getMany(record.object, [id]);
  const custom = (body.custom_fields as Record<string, unknown> | undefined) ?? {};
  const remoteCustom = (remote?.custom_fields as Record<string, unknown> | undefined) ?? {};
  const beforeImage = {
    custom_fields: Object.fromEntries(Object.keys(custom).map((k) => [k, remoteCustom[k] ?? null])),
  };
  const patched = await engine.gateway.update(record.object, id, { custom_fields: custom });
  const updateTime = patched.ok ? (patched.data.update_time ?? null) : null;
  await withTransaction(deps.pool, async (tx) => {
    await completeRecord(tx, key, {
      state: 'linked',
      runId: run.id,
      pipedriveId: id,
      pdUpdateTime: updateTime,
      payload: { custom_fields: custom },
      beforeImage,
      contentHash: record.contentHash,
      snapshotId: run.snapshotId,
      reason: patched.ok ? null : `linked, but its fields were not updated: ${patched.error.message}`,
    });
    await audit(tx, run, record, id, patched.ok ? 'linked' : 'link-update-failed', 5);
  });
  return 'linked';
}

/** Duplicate patients of the export (same INSZ, or same name and birth date) → the first one's record key. */
export async function duplicatePrimaries(db: Queryable, patientsFileId: number): Promise<Map<string, string>> {
  const { rows } = await db.query<{ record_key: string; primary_key: string }>(
    `WITH keyed AS (
       SELECT record_key, line, coalesce('insz:' || (refs->>'insz'), 'nb:' || (refs->>'nameBirth')) AS dedupe_key
       FROM staged_rows WHERE file_id = $1 AND record_key IS NOT NULL
     ), ranked AS (
       SELECT record_key, first_value(record_key) OVER (PARTITION BY dedupe_key ORDER BY line) AS primary_key
       FROM keyed WHERE dedupe_key IS NOT NULL
     )
     SELECT record_key, primary_key FROM ranked WHERE record_key <> primary_key`,
    [patientsFileId],
  );
  return new Map(rows.map((r) => [r.record_key, r.primary_key]));
}
