/**
 * The sample: a small, representative slice loaded first and compared field by field with what the map
 * says should arrive. Records are chosen greedily so every mapped column that has a value somewhere and
 * every kind of defect the export shows appears at least once; the rest is filled in file order.
 */
import { stringify } from 'csv-stringify/sync';
import type { ObjectMap } from '../mapping/document.js';
import type { Queryable } from '../store/db.js';
import { listRecords } from '../store/records.js';
import { type StagedFile, stagedRows } from '../store/staged.js';
import type { LoadObject } from './build-record.js';
import { compareFields, type FieldStatus } from './compare.js';
import type { Engine, EngineDeps } from './engine-context.js';
import type { Run } from './runs.js';

export const SAMPLE_SIZES: Readonly<Record<string, number>> = {
  patients: 50,
  appointments: 20,
  treatments: 10,
  notes: 5,
};

interface Candidate {
  key: string;
  columns: Set<string>;
  defects: Set<string>;
  patient: string | null;
}

/** Greedy cover: first the rows that add an uncovered column or defect kind, then rows in file order. */
export function chooseCovering(candidates: readonly Candidate[], size: number): string[] {
  const chosen: string[] = [];
  const columns = new Set<string>();
  const defects = new Set<string>();
  for (const c of candidates) {
    if (chosen.length >= size) break;
    const adds = [...c.columns].some((x) => !columns.has(x)) || [...c.defects].some((x) => !defects.has(x));
    if (!adds) continue;
    chosen.push(c.key);
    for (const x of c.columns) columns.add(x);
    for (const x of c.defects) defects.add(x);
  }
  for (const c of candidates) {
    if (chosen.length >= size) break;
    if (!chosen.includes(c.key)) chosen.push(c.key);
  }
  return chosen;
}

async function candidatesOf(deps: EngineDeps, file: StagedFile, objectMap: ObjectMap): Promise<Candidate[]> {
  const mapped = new Set(objectMap.rules.filter((r) => r.to !== null).flatMap((r) => r.from));
  const patientHeader = objectMap.rules.find(
    (r) => r.transform?.name === 'ref' && r.transform.args?.entity === 'patients',
  )?.from[0];
  const { rows: defectRows } = await deps.pool.query<{ record_key: string; code: string }>(
    'SELECT record_key, code FROM defects WHERE file_id = $1 AND record_key IS NOT NULL',
    [file.fileId],
  );
  const defectsByKey = new Map<string, Set<string>>();
  for (const d of defectRows)
    (defectsByKey.get(d.record_key) ?? defectsByKey.set(d.record_key, new Set()).get(d.record_key)!).add(d.code);
  return (await stagedRows(deps.pool, file)).map((row) => ({
    key: row.key,
    columns: new Set([...row.cells].filter(([h, v]) => mapped.has(h) && v !== null && v.trim() !== '').map(([h]) => h)),
    defects: defectsByKey.get(row.key) ?? new Set(),
    patient: patientHeader === undefined ? null : row.cells.get(patientHeader)?.trim() || null,
  }));
}

/** Keys per source entity: the sample sizes, plus the patients the chosen records belong to, plus all funds. */
export async function chooseSample(deps: EngineDeps, engine: Engine): Promise<Map<string, string[]>> {
  const scope = new Map<string, string[]>();
  const extraPatients = new Set<string>();
  for (const entity of ['appointments', 'treatments', 'notes']) {
    const file = engine.files.find((f) => f.entity === entity);
    const objectMap = engine.map.objects.find((o) => o.source === entity && o.target !== null);
    if (file === undefined || objectMap === undefined) continue;
    const candidates = (await candidatesOf(deps, file, objectMap)).filter(
      (c) => c.patient !== null || entity === 'appointments',
    );
    const chosen = chooseCovering(candidates, SAMPLE_SIZES[entity] ?? 0);
    scope.set(entity, chosen);
    for (const c of candidates) if (chosen.includes(c.key) && c.patient !== null) extraPatients.add(c.patient);
  }
  const patients = engine.files.find((f) => f.entity === 'patients');
  const patientMap = engine.map.objects.find((o) => o.source === 'patients');
  if (patients !== undefined && patientMap !== undefined) {
    const chosen = chooseCovering(await candidatesOf(deps, patients, patientMap), SAMPLE_SIZES.patients ?? 50);
    scope.set('patients', [...new Set([...chosen, ...extraPatients])]);
  }
  const insurers = engine.files.find((f) => f.entity === 'insurers');
  if (insurers !== undefined)
    scope.set(
      'insurers',
      (await stagedRows(deps.pool, insurers)).map((r) => r.key),
    );
  return scope;
}

export interface DiffRow {
  object: LoadObject;
  source: string;
  pipedriveId: number | null;
  field: string;
  expected: unknown;
  actual: unknown;
  status: FieldStatus;
}

/** In the sample: a source key of a chosen record (or an occurrence of a chosen recurring appointment). */
export function inScope(scope: ReadonlyMap<string, readonly string[]>, sourceKey: string): boolean {
  const [entity, rest] = [sourceKey.slice(0, sourceKey.indexOf(':')), sourceKey.slice(sourceKey.indexOf(':') + 1)];
  return scope.get(entity)?.includes(rest.split('#')[0]!) ?? false;
}

/** Reads back every record of the sample (100 per request) and compares each field with what was sent. */
export async function diffRun(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  scope: ReadonlyMap<string, readonly string[]>,
): Promise<DiffRow[]> {
  const rows: DiffRow[] = [];
  const records = (await listRecords(deps.pool, run.project, { states: ['created', 'linked'] })).filter(
    (r) => r.runId === run.id || inScope(scope, r.sourceKey),
  );
  for (const object of ['organization', 'person', 'deal', 'activity', 'note', 'file'] as const) {
    const mine = records.filter((r) => r.object === object && r.pipedriveId !== null && r.payload !== null);
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
        rows.push({
          object,
          source: record.sourceKey,
          pipedriveId: record.pipedriveId,
          field: '(record)',
          expected: 'exists',
          actual: null,
          status: 'dropped by Pipedrive',
        });
        continue;
      }
      for (const c of compareFields(record.payload!, actual))
        rows.push({ object, source: record.sourceKey, pipedriveId: record.pipedriveId, ...c });
    }
  }
  return rows;
}

/** Transform failures of skipped sample records (the record did not go; the reason is the defect). */
export async function skippedInRun(db: Queryable, run: Run, scope: ReadonlyMap<string, readonly string[]>) {
  const { rows } = await db.query<{ source_key: string; object: string; reason: string }>(
    `SELECT source_key, object, reason FROM records WHERE project_id = $1 AND state IN ('skipped', 'failed') ORDER BY object, source_key`,
    [run.project],
  );
  return rows
    .filter((r) => inScope(scope, r.source_key))
    .map((r) => ({ source: r.source_key, object: r.object, reason: r.reason }));
}

export function diffCsv(
  rows: readonly DiffRow[],
  skipped: readonly { source: string; object: string; reason: string }[],
): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const neutral = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  const lines = [
    ...rows.map((r) => [r.object, r.source, r.pipedriveId ?? '', r.field, cell(r.expected), cell(r.actual), r.status]),
    ...skipped.map((s) => [s.object, s.source, '', '(record)', '', '', `transform failed: ${s.reason}`]),
  ].map((line) => line.map((v) => neutral(String(v))));
  return `\uFEFF${stringify([['object', 'source', 'pipedrive_id', 'field', 'expected', 'actual', 'status'], ...lines], { delimiter: ';' })}`;
}

export function summariseDiff(rows: readonly DiffRow[]): Record<FieldStatus, number> {
  const summary: Record<FieldStatus, number> = {
    match: 0,
    mismatch: 0,
    'dropped by Pipedrive': 0,
    'transform failed': 0,
  };
  for (const row of rows) summary[row.status]++;
  return summary;
}
