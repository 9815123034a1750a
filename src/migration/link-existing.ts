/**
 * Records that must not be created: a patient or fund that already exists in Pipedrive (matched by the keys
 * of the map's `match`, in its order: e-mail, name and birth date, INSZ, name), and duplicate patients of the
 * export, which become the same person.
 * A linked pre-existing record gets only Ferry's custom fields; their old values are kept as a before-image
 * so rollback can put them back.
 */

import { MATCH_KINDS, type MatchKind, type MatchSpec, type ObjectMap, targetsOf } from '../mapping/document.js';
import { parseTarget } from '../mapping/targets.js';
import { appendApiWriteTx } from '../store/audit.js';
import type { Queryable } from '../store/db.js';
import { withTransaction } from '../store/db.js';
import { completeRecord } from '../store/records.js';
import type { StagedFile } from '../store/staged.js';
import type { BuiltRecord, LoadObject } from './build-record.js';
import type { Engine, EngineDeps } from './engine-context.js';
import type { RemoteRecord } from './gateway.js';
import type { RegisteredField } from './payload.js';
import type { Run } from './runs.js';

/**
 * Where a person's birth date and national number sit in a request body (and in Pipedrive's answer, which has
 * the same shape): the field the map writes that column to, `custom_fields.<key>` or a standard field.
 */
export interface MatchFields {
  birthDate?: FieldPath;
  insz?: FieldPath;
}

export type FieldPath = { custom: true; key: string } | { custom: false; field: string };

function valueAt(body: Record<string, unknown>, path: FieldPath | undefined): unknown {
  if (path === undefined) return undefined;
  if (!path.custom) return body[path.field];
  return (body.custom_fields as Record<string, unknown> | undefined)?.[path.key];
}

/** `Jan Van den Broeck`, `van den broeck jan` and `Broeck, Jan van den` are one name: words sorted. */
export function nameWords(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .sort()
    .join(' ');
}

function keysOfKind(kind: MatchKind, body: Record<string, unknown>, fields: MatchFields): string[] {
  const name = typeof body.name === 'string' ? nameWords(body.name) : '';
  switch (kind) {
    case 'email': {
      const emails = (body.emails as { value: unknown }[] | undefined) ?? [];
      return emails.map((e) => String(e.value).trim().toLowerCase()).flatMap((e) => (e ? [`email:${e}`] : []));
    }
    case 'name':
      return name === '' ? [] : [`name:${name}`];
    case 'name+birthdate': {
      const birth = valueAt(body, fields.birthDate);
      const day = typeof birth === 'string' ? birth.slice(0, 10) : '';
      return name === '' || !/^\d{4}-\d{2}-\d{2}$/.test(day) ? [] : [`name+birthdate:${name}|${day}`];
    }
    case 'insz': {
      const digits = String(valueAt(body, fields.insz) ?? '').replace(/\D/g, '');
      return digits.length === 11 ? [`insz:${digits}`] : [];
    }
  }
}

/**
 * The keys a record can be matched on, in the order of the map's `match.by`: a record is linked to the
 * Pipedrive record that shares its first key that any pre-existing record has.
 */
export function matchKeys(by: readonly MatchKind[], body: Record<string, unknown>, fields: MatchFields): string[] {
  return by.flatMap((kind) => keysOfKind(kind, body, fields));
}

/** Every key a pre-existing Pipedrive record offers (its answer has the request body's shape). */
function remoteKeys(remote: RemoteRecord, fields: MatchFields): string[] {
  return matchKeys(MATCH_KINDS, remote, fields);
}

/**
 * Whether two names (as {@link nameWords}) can be one person: every word of the shorter name is in the longer
 * one, an initial standing for any word it starts. `Jan Peeters` and `J. Peeters` agree; `Lisa Peeters` does
 * not. A missing name contradicts nothing.
 */
export function namesAgree(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  const [short, long] = [a.split(' '), b.split(' ')].sort((x, y) => x.length - y.length) as [string[], string[]];
  const unused = [...long];
  return short.every((word) => {
    const at = unused.findIndex((other) =>
      word.length === 1 || other.length === 1 ? other.startsWith(word) || word.startsWith(other) : other === word,
    );
    if (at >= 0) unused.splice(at, 1);
    return at >= 0;
  });
}

/**
 * Finds the fields of the person's birth date and national number: the rule that maps the source column the
 * ingest recognised as `birth_date` (or `insz`), and the field the registry holds for its target.
 */
export function matchFieldsOf(
  objectMap: ObjectMap,
  file: StagedFile | undefined,
  field: (object: LoadObject, label: string) => RegisteredField | undefined,
): MatchFields {
  const pathOf = (columnKey: string): FieldPath | undefined => {
    const header = file?.headers[file.columnKeys.indexOf(columnKey)];
    if (header === undefined || objectMap.target === null || objectMap.target === 'user') return undefined;
    const object = objectMap.target;
    const rule = objectMap.rules.find((r) => r.from.includes(header) && targetsOf(r).length === 1);
    const target = rule === undefined ? null : parseTarget(targetsOf(rule)[0]!);
    if (target === null || target.object !== object) return undefined;
    if (!target.custom) return { custom: false, field: target.field };
    const registered = field(object, target.label);
    return registered === undefined ? undefined : { custom: true, key: registered.key };
  };
  const fields: MatchFields = {};
  const birthDate = pathOf('birth_date');
  const insz = pathOf('insz');
  if (birthDate !== undefined) fields.birthDate = birthDate;
  if (insz !== undefined) fields.insz = insz;
  return fields;
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
  fields: MatchFields,
) {
  const done = await deps.pool.query('SELECT 1 FROM remote_index WHERE run_id = $1 AND object = $2 LIMIT 1', [
    run.id,
    object,
  ]);
  if ((done.rowCount ?? 0) > 0) return;
  const rows: [string, number, string][] = [];
  for await (const page of engine.gateway.listAll(object)) {
    for (const remote of page) {
      const custom = remote.custom_fields as Record<string, unknown> | undefined;
      if (sourceIdKey !== undefined && custom?.[sourceIdKey]) continue;
      const name = typeof remote.name === 'string' ? nameWords(remote.name) : '';
      for (const key of remoteKeys(remote, fields)) rows.push([key, remote.id, name]);
    }
  }
  // A marker row keeps an empty index from being rebuilt by every chunk.
  rows.push(['~indexed', 0, '']);
  await deps.pool.query(
    `INSERT INTO remote_index (run_id, object, match_key, pipedrive_id, name_words)
     SELECT $1, $2, k, id, n FROM unnest($3::text[], $4::bigint[], $5::text[]) AS t(k, id, n) ON CONFLICT DO NOTHING`,
    [run.id, object, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/**
 * Claims a pre-existing person for one patient, atomically: true when the claim is this patient's (new, or its
 * own from an earlier attempt), false when another patient holds it. A claim whose patient's link was rolled
 * back passes on.
 */
export async function claimRemote(
  db: Queryable,
  project: string,
  object: LoadObject,
  pipedriveId: number,
  sourceKey: string,
): Promise<boolean> {
  const { rows } = await db.query<{ source_key: string }>(
    `INSERT INTO link_claims AS c (project_id, object, pipedrive_id, source_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (project_id, object, pipedrive_id) DO UPDATE SET source_key = EXCLUDED.source_key, claimed_at = now()
       WHERE c.source_key = EXCLUDED.source_key OR EXISTS (
         SELECT 1 FROM records r WHERE r.project_id = c.project_id AND r.object = c.object
           AND r.source_key = c.source_key AND r.state = 'deleted')
     RETURNING source_key`,
    [project, object, pipedriveId, sourceKey],
  );
  return rows[0]?.source_key === sourceKey;
}

/**
 * The pre-existing record sharing the earliest of the record's keys. An e-mail match counts only when the names
 * agree, and a person is linked to one patient only (see {@link claimRemote}): two patients sharing a family
 * e-mail address are two people.
 */
async function findMatch(
  db: Queryable,
  run: Run,
  record: BuiltRecord,
  body: Record<string, unknown>,
  keys: string[],
  claim: boolean,
): Promise<number | undefined> {
  if (keys.length === 0) return undefined;
  const { rows } = await db.query<{ pipedrive_id: number; match_key: string; name_words: string }>(
    `SELECT pipedrive_id, match_key, name_words FROM remote_index
     WHERE run_id = $1 AND object = $2 AND match_key = ANY($3)
     ORDER BY array_position($3, match_key), pipedrive_id`,
    [run.id, record.object, keys],
  );
  const name = typeof body.name === 'string' ? nameWords(body.name) : '';
  for (const row of rows) {
    if (row.match_key.startsWith('email:') && !namesAgree(name, row.name_words)) continue;
    if (!claim || (await claimRemote(db, run.project, record.object, row.pipedrive_id, record.sourceKey))) {
      return row.pipedrive_id;
    }
  }
  return undefined;
}

/** Links (or skips, per policy) a record that matches an existing Pipedrive record; null when none matches. */
export async function linkExisting(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  record: BuiltRecord,
  body: Record<string, unknown>,
  match: MatchSpec | undefined,
  fields: MatchFields,
): Promise<'linked' | 'skipped' | null> {
  if (match === undefined || match.policy === 'create') return null;
  const policy = match.policy;
  // Funds may share one organization by design; a person belongs to one patient.
  const claim = policy === 'link' && record.object === 'person';
  const id = await findMatch(deps.pool, run, record, body, matchKeys(match.by, body, fields), claim);
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
    await appendApiWriteTx(tx, run.project, {
      run: run.id,
      method: 'PATCH',
      object: record.object,
      source: record.sourceKey,
      pipedriveId: id,
      status: patched.ok ? 'linked' : 'link-update-failed',
      tokens: 5,
    });
  });
  return 'linked';
}

/** Duplicate patients of the export (same INSZ, or same name and birth date) → the first one's record key. */
export async function duplicatePrimaries(db: Queryable, patientsFileId: number): Promise<Map<string, string>> {
  const { rows } = await db.query<{ record_key: string; primary_key: string }>(
    `WITH keyed AS (
       SELECT record_key, line, coalesce('insz:' || (refs::json->>'insz'), 'nb:' || (refs::json->>'nameBirth')) AS dedupe_key
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
