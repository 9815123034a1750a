/**
 * Reconcile: every record Ferry migrated checked against what it sent, with batched reads; plus a sweep of
 * Pipedrive for records carrying a Ferry source id (or Ferry's values) more than once — duplicates — or
 * that Ferry has no row for — extras.
 */
import { listRecords } from '../store/records.js';
import type { LoadObject } from './build-record.js';
import { compareFields } from './compare.js';
import type { Engine, EngineDeps } from './engine-context.js';
import { loadRegistry, registryField, SOURCE_ID_LABEL } from './field-registry.js';
import type { RemoteRecord } from './gateway.js';
import type { Run } from './runs.js';

const OBJECTS: readonly LoadObject[] = ['organization', 'person', 'deal', 'activity', 'note', 'file'];

export interface ObjectReconciliation {
  expected: number;
  present: number;
  missing: number;
  mismatched: number;
  duplicates: number;
  extra: number;
}

export interface Reconciliation {
  objects: Record<string, ObjectReconciliation>;
  missing: { object: string; source: string; pipedriveId: number | null }[];
  mismatched: { object: string; source: string; fields: string[] }[];
  ok: boolean;
}

/** What identifies a record Ferry wrote, when Pipedrive has no custom field for it. */
function signature(object: LoadObject, r: RemoteRecord | Record<string, unknown>): string {
  if (object === 'activity') {
    const participants = r.participants as { person_id: number }[] | undefined;
    const person = (r.person_id as number | undefined) ?? participants?.[0]?.person_id;
    return `${String(r.subject)}|${String(r.due_date)}|${String(r.due_time ?? '').slice(0, 5)}|${person}`;
  }
  if (object === 'note') return `${String(r.content)}|${r.person_id ?? ''}|${r.deal_id ?? ''}`;
  if (object === 'file')
    return `${String(
      r.name ??
        String(r.file ?? '')
          .split('/')
          .pop(),
    )}|${r.person_id ?? ''}`;
  return '';
}

export async function reconcile(deps: EngineDeps, engine: Engine, run: Run): Promise<Reconciliation> {
  const records = await listRecords(deps.pool, run.project, { states: ['created', 'linked', 'conflict'] });
  const registry = await loadRegistry(deps.pool, run.project);
  const result: Reconciliation = { objects: {}, missing: [], mismatched: [], ok: true };
  for (const object of OBJECTS) {
    const mine = records.filter((r) => r.object === object && r.pipedriveId !== null);
    const stats: ObjectReconciliation = {
      expected: mine.length,
      present: 0,
      missing: 0,
      mismatched: 0,
      duplicates: 0,
      extra: 0,
    };
    const remote = new Map(
      (
        await engine.gateway.getMany(
          object,
          mine.map((r) => r.pipedriveId!),
        )
      ).map((r) => [r.id, r]),
    );
    for (const record of mine) {
      const actual = remote.get(record.pipedriveId!);
      if (actual === undefined) {
        stats.missing++;
        result.missing.push({ object, source: record.sourceKey, pipedriveId: record.pipedriveId });
        continue;
      }
      stats.present++;
      // A linked duplicate patient compares against its first record's payload; a conflict is known to differ.
      if (record.payload === null || record.state === 'conflict') continue;
      const bad = compareFields(record.payload, actual).filter((c) => c.status !== 'match');
      if (bad.length > 0) {
        stats.mismatched++;
        result.mismatched.push({ object, source: record.sourceKey, fields: bad.map((c) => c.field) });
      }
    }
    const ours = new Set(mine.map((r) => r.pipedriveId));
    const sourceIdKey = registryField(registry, object, SOURCE_ID_LABEL)?.key;
    // How many remote records may carry each key: one per source id; per signature, as many as Ferry wrote
    // (a patient may really have two identical appointments).
    const allowed = new Map<string, number>();
    for (const r of mine) {
      if (r.payload === null || r.state !== 'created') continue;
      const key = sourceIdKey !== undefined ? r.sourceKey : signature(object, r.payload);
      allowed.set(key, (allowed.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    for await (const page of engine.gateway.listAll(object)) {
      for (const r of page) {
        const key =
          sourceIdKey !== undefined
            ? (r.custom_fields as Record<string, unknown> | undefined)?.[sourceIdKey]
            : signature(object, r);
        if (typeof key !== 'string' || key === '' || (sourceIdKey === undefined && !allowed.has(key))) continue;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (!ours.has(r.id)) stats.extra++;
      }
    }
    stats.duplicates = [...seen.entries()].reduce(
      (n, [key, count]) => n + Math.max(0, count - (allowed.get(key) ?? 1)),
      0,
    );
    result.objects[object] = stats;
    if (stats.missing + stats.mismatched + stats.duplicates + stats.extra > 0) result.ok = false;
  }
  return result;
}
