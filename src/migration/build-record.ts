/**
 * Turns staged rows into the records Ferry will write: the map's rules applied to a row's cells.
 * Pure: the same rows, map and context give the same records. Folding (care plan lines → one note per plan)
 * and recurrence expansion (one activity per occurrence) happen here, so every later step sees plain records.
 */
import type { JsonValue, MapRule, ObjectMap, TargetObject } from '../mapping/document.js';
import { STANDARD_FIELDS } from '../mapping/targets.js';
import { applyRule, type TransformContext, type TransformDefect } from '../mapping/transforms/index.js';

/** One staged row: its cells by header (as the file has them), where it came from, and its hash. */
export interface SourceRow {
  entity: string;
  key: string;
  line: number;
  contentHash: string;
  cells: ReadonlyMap<string, string | null>;
}

export type LoadObject = Exclude<TargetObject, 'user'>;

/** Each object's plural, in load (dependency) order: how counts and phases are shown to people. */
export const OBJECT_PLURALS = {
  organization: 'organizations',
  person: 'persons',
  deal: 'deals',
  activity: 'activities',
  note: 'notes',
  file: 'files',
} as const satisfies Record<LoadObject, string>;

export interface BuiltRecord {
  /** `<entity>:<key>`, with `#<n>` for the n-th occurrence of a recurring appointment. */
  sourceKey: string;
  entity: string;
  key: string;
  object: LoadObject;
  line: number;
  contentHash: string;
  /** Target (`person.name`, `person.custom:Adres`, …) → converted value; null values are left out. */
  fields: Record<string, JsonValue>;
  /** Problems the transforms found; any `error` means the record is skipped with these reasons. */
  defects: TransformDefect[];
}

/** Targets that collect one value per rule (Telefoon and GSM both feed `person.phones`). */
const LIST_TARGETS = new Set(['person.phones', 'person.emails', 'activity.participants']);
const RECURRENCE = 'activity.recurrence';

export function sourceKeyOf(entity: string, key: string): string {
  return `${entity}:${key}`;
}

function targetList(rule: MapRule): string[] {
  if (rule.to === null) return [];
  return typeof rule.to === 'string' ? [rule.to] : rule.to;
}

function setField(fields: Record<string, JsonValue>, target: string, value: JsonValue): void {
  if (value === null) return;
  if (LIST_TARGETS.has(target)) {
    const list = (fields[target] as JsonValue[] | undefined) ?? [];
    list.push(...(Array.isArray(value) ? value : [value]));
    fields[target] = list;
  } else if (!(target in fields)) {
    fields[target] = value;
  }
}

/** Fields Pipedrive refuses a record without (`person.name`, `deal.title`, …). */
const REQUIRED_TARGETS: readonly string[] = STANDARD_FIELDS.filter((f) => f.required).map(
  (f) => `${f.object}.${f.key}`,
);

/**
 * A record without a value Pipedrive requires is skipped with the reason rather than sent to be refused (a
 * patient with neither name would cost a request and come back as Pipedrive's 400). Only when nothing else
 * blocks it already: the first error is the reason given.
 */
function checkRequired(object: LoadObject, fields: Record<string, JsonValue>, defects: TransformDefect[]): void {
  if (defects.some((d) => d.severity === 'error')) return;
  for (const target of REQUIRED_TARGETS) {
    if (!target.startsWith(`${object}.`)) continue;
    const value = fields[target];
    if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) continue;
    const field = target.slice(object.length + 1);
    defects.push(
      field === 'name'
        ? { code: 'name_missing', severity: 'error', message: `This ${object} has no name, which Pipedrive requires.` }
        : {
            code: 'value_missing',
            severity: 'error',
            message: `This ${object} has no ${field}, which Pipedrive requires.`,
          },
    );
    return;
  }
}

/** Applies every rule of the object to one row's cells. */
function applyRules(map: ObjectMap, row: SourceRow, context: TransformContext) {
  const fields: Record<string, JsonValue> = {};
  const defects: TransformDefect[] = [];
  for (const rule of map.rules) {
    const targets = targetList(rule);
    if (targets.length === 0) continue;
    const values = rule.from.map((header) => row.cells.get(header) ?? null);
    const result = applyRule(rule.transform, values, context);
    if (!result.ok) {
      defects.push(result.defect);
      continue;
    }
    defects.push(...(result.warnings ?? []));
    if (targets.length === 1) {
      setField(fields, targets[0]!, result.value);
    } else {
      const list = Array.isArray(result.value) ? result.value : [];
      for (const [i, target] of targets.entries()) setField(fields, target, list[i] ?? null);
    }
  }
  return { fields, defects };
}

/** One activity per occurrence: the first keeps the row's own key, the others get `#2`, `#3`, … */
function expandOccurrences(record: BuiltRecord): BuiltRecord[] {
  const occurrences = record.fields[RECURRENCE];
  const { [RECURRENCE]: _rule, ...fields } = record.fields;
  if (!Array.isArray(occurrences) || occurrences.length === 0) return [{ ...record, fields }];
  return occurrences.map((instant, i) => {
    const iso = String(instant);
    const occurrenceFields: Record<string, JsonValue> = {
      ...fields,
      'activity.due_date': iso.slice(0, 10),
      'activity.due_time': iso.slice(11, 16),
    };
    return {
      ...record,
      sourceKey: i === 0 ? record.sourceKey : `${record.sourceKey}#${i + 1}`,
      fields: occurrenceFields,
    };
  });
}

/** Builds the records of one object map from its entity's rows (already in file order). */
export function buildRecords(map: ObjectMap, rows: readonly SourceRow[], context: TransformContext): BuiltRecord[] {
  if (map.target === null || map.target === 'user') return [];
  const object = map.target;
  if (map.fold !== undefined) return buildFolded(map, object, rows, context);
  return rows.flatMap((row) => {
    const { fields, defects } = applyRules(map, row, context);
    checkRequired(object, fields, defects);
    const record: BuiltRecord = {
      sourceKey: sourceKeyOf(row.entity, row.key),
      entity: row.entity,
      key: row.key,
      object,
      line: row.line,
      contentHash: row.contentHash,
      fields,
      defects,
    };
    return object === 'activity' ? expandOccurrences(record) : [record];
  });
}

/**
 * Rows that share the fold columns become one record: list-like text targets are joined line by line
 * (each plan line becomes a paragraph of the plan's note); other targets keep the first row's value.
 */
function buildFolded(
  map: ObjectMap,
  object: LoadObject,
  rows: readonly SourceRow[],
  context: TransformContext,
): BuiltRecord[] {
  const groups = new Map<string, SourceRow[]>();
  for (const row of rows) {
    const groupKey = (map.fold?.by ?? []).map((header) => row.cells.get(header) ?? '').join('|');
    const group = groups.get(groupKey);
    if (group) group.push(row);
    else groups.set(groupKey, [row]);
  }
  return [...groups.entries()].map(([groupKey, members]) => {
    const fields: Record<string, JsonValue> = {};
    const defects: TransformDefect[] = [];
    for (const row of members) {
      const built = applyRules(map, row, context);
      defects.push(...built.defects);
      for (const [target, value] of Object.entries(built.fields)) {
        const existing = fields[target];
        fields[target] =
          typeof existing === 'string' && typeof value === 'string' ? `${existing}\n\n${value}` : (existing ?? value);
      }
    }
    checkRequired(object, fields, defects);
    const first = members[0]!;
    return {
      sourceKey: sourceKeyOf(first.entity, groupKey),
      entity: first.entity,
      key: groupKey,
      object,
      line: first.line,
      contentHash: members.map((m) => m.contentHash).join(','),
      fields,
      defects,
    };
  });
}

/** The first error among a record's defects: the reason it cannot be written as it is. */
export function blockingDefect(record: Pick<BuiltRecord, 'defects'>): TransformDefect | undefined {
  return record.defects.find((defect) => defect.severity === 'error');
}
