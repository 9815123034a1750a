/**
 * Field-level comparison of what Ferry sent with what Pipedrive holds (sample diff, reconcile).
 * Pure. Values are normalised first, so the same value written two ways compares equal
 * (`09:30` and `09:30:00`, an address object and its formatted text, a monetary object and its amount).
 */
import { canonicalJson } from '../domain/canonical-json.js';

export type FieldStatus = 'match' | 'mismatch' | 'dropped by Pipedrive' | 'transform failed';

export interface FieldComparison {
  field: string;
  expected: unknown;
  actual: unknown;
  status: FieldStatus;
}

function normalise(field: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (field === 'emails' || field === 'phones') {
    return (value as { value: string }[]).map((item) => String(item.value)).sort();
  }
  if (field === 'participants') {
    const list = value as { person_id: number; primary?: boolean }[];
    return (list.find((p) => p.primary) ?? list[0])?.person_id ?? null;
  }
  if (field === 'due_time' || field === 'duration') return String(value).slice(0, 5);
  if (field === 'add_time') return new Date(`${String(value).replace(' ', 'T').replace(/Z?$/, 'Z')}`).toISOString();
  if (field === 'location' || field === 'address')
    return typeof value === 'object' ? ((value as { value?: unknown }).value ?? null) : value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (
      'value' in object &&
      ('currency' in object || 'formatted_address' in object || 'route' in object || Object.keys(object).length === 1)
    ) {
      return normalise(field, object.value);
    }
    if ('id' in object && Object.keys(object).length <= 3) return object.id;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && field !== 'name' && field !== 'title')
    return Number(value);
  return value;
}

/** Equal content, whatever the key order (what Ferry sent is read back from a jsonb column, which reorders keys). */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Compares every field Ferry sent (custom fields one by one) with the record Pipedrive returned. */
export function compareFields(expected: Record<string, unknown>, actual: Record<string, unknown>): FieldComparison[] {
  const out: FieldComparison[] = [];
  const add = (field: string, exp: unknown, act: unknown) => {
    const e = normalise(field, exp);
    const a = normalise(field, act);
    const status: FieldStatus = same(e, a) ? 'match' : a === null ? 'dropped by Pipedrive' : 'mismatch';
    out.push({ field, expected: e, actual: a, status });
  };
  for (const [field, value] of Object.entries(expected)) {
    if (field === 'custom_fields') {
      const actualCustom = (actual.custom_fields as Record<string, unknown> | undefined) ?? {};
      for (const [key, customValue] of Object.entries(value as Record<string, unknown>)) {
        add(`custom_fields.${key}`, customValue, actualCustom[key]);
      }
    } else if (field === 'file') {
      add('file', String(value).split('/').pop(), actual.name);
    } else {
      add(field, value, actual[field]);
    }
  }
  return out;
}
