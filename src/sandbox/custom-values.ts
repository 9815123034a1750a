/**
 * Custom-field values in record bodies (`custom_fields: { <40-hex key>: value }`), checked loosely
 * against the field's type, in v2's value shapes [MIG, SPEC2]:
 * text types take a string, `double` a number, `monetary` `{ value, currency }` (a bare number is
 * accepted), `enum` one option id, `set` a non-empty array of option ids (`[]` is rejected, `null`
 * clears), `date` `YYYY-MM-DD`, `daterange` `{ value, until }`, `time`/`timerange` `{ value, … }`,
 * `address` an address object, `user`/`org`/`people` an id. `null` clears any field.
 *
 * Keys that name no live field of the entity are silently ignored, as Pipedrive documents for
 * deleted fields ("All POST requests mentioning a custom field will ignore it"). Integrators also
 * report v2 rejecting such a request with ERR_SCHEMA_VALIDATION_FAILED; `strictCustomFields`
 * switches the sandbox to that behaviour so clients can be rehearsed against both.
 */
import { badRequest } from './errors.js';
import type { CustomFieldRecord, CustomFieldValues } from './records.js';
import { isDateOnly } from './time.js';
import { toAddress } from './validation.js';

export interface CustomValueContext {
  /** Live custom fields of the entity, by field_code. */
  fields: ReadonlyMap<string, CustomFieldRecord>;
  strict: boolean;
  defaultCurrency: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(field: CustomFieldRecord, expected: string): never {
  throw badRequest(`Validation failed: custom_fields.${field.field_code} (${field.field_type}) must be ${expected}`);
}

function optionIds(field: CustomFieldRecord): Set<number> {
  return new Set((field.options ?? []).map((option) => option.id));
}

function normalizeObjectValue(field: CustomFieldRecord, value: unknown, ctx: CustomValueContext): unknown {
  switch (field.field_type) {
    case 'monetary':
      if (typeof value === 'number') return { value, currency: ctx.defaultCurrency };
      if (isRecord(value) && typeof value.value === 'number') {
        return {
          value: value.value,
          currency: typeof value.currency === 'string' ? value.currency : ctx.defaultCurrency,
        };
      }
      return fail(field, 'a number or { value, currency }');
    case 'daterange':
      if (isRecord(value) && typeof value.value === 'string' && typeof value.until === 'string') {
        if (isDateOnly(value.value) && isDateOnly(value.until)) return { value: value.value, until: value.until };
      }
      return fail(field, '{ value, until } with YYYY-MM-DD dates');
    case 'time':
    case 'timerange':
      if (typeof value === 'string') return { value, timezone_name: null };
      if (isRecord(value) && typeof value.value === 'string') return { ...value };
      return fail(field, '{ value: "HH:MM:SS", … }');
    case 'address':
      if (typeof value === 'string') return toAddress({ value });
      if (isRecord(value) && typeof value.value === 'string') return toAddress({ ...value, value: value.value });
      return fail(field, 'an address object with a value');
    default:
      return fail(field, 'a supported value');
  }
}

/** The value to store for one field, or a 400. */
export function normalizeCustomValue(field: CustomFieldRecord, value: unknown, ctx: CustomValueContext): unknown {
  switch (field.field_type) {
    case 'varchar':
    case 'varchar_auto':
    case 'phone':
    case 'text':
      return typeof value === 'string' ? value : fail(field, 'a string');
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail(field, 'a number');
    case 'date':
      return typeof value === 'string' && isDateOnly(value) ? value : fail(field, 'a date YYYY-MM-DD');
    case 'user':
    case 'org':
    case 'people':
      return Number.isInteger(value) && (value as number) > 0 ? value : fail(field, 'an id');
    case 'enum':
      if (Number.isInteger(value) && optionIds(field).has(value as number)) return value;
      return fail(field, 'the id of one of its options');
    case 'set': {
      const ids = optionIds(field);
      if (Array.isArray(value) && value.length > 0 && value.every((id) => Number.isInteger(id) && ids.has(id))) {
        return [...new Set(value as number[])];
      }
      return fail(field, 'a non-empty array of option ids (null clears it)');
    }
    default:
      return normalizeObjectValue(field, value, ctx);
  }
}

/**
 * Applies a `custom_fields` input to the current values: returns the new values. Unknown keys are
 * ignored (or rejected when strict); `null` removes a value.
 */
export function applyCustomFields(
  current: CustomFieldValues,
  input: Record<string, unknown> | undefined,
  ctx: CustomValueContext,
): CustomFieldValues {
  if (input === undefined) return current;
  const next: CustomFieldValues = { ...current };
  for (const [key, value] of Object.entries(input)) {
    const field = ctx.fields.get(key);
    if (!field) {
      if (ctx.strict) throw badRequest(`Validation failed: custom_fields.${key} is not a field of this entity`);
      continue;
    }
    if (value === null) delete next[key];
    else next[key] = normalizeCustomValue(field, value, ctx);
  }
  return next;
}

/**
 * Values as responses show them: every live field of the entity, `null` when unset; limited to
 * `only` when the request named fields (`custom_fields=` query parameter).
 */
export function renderCustomFields(
  values: CustomFieldValues,
  fields: Iterable<CustomFieldRecord>,
  only?: ReadonlySet<string>,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  for (const field of fields) {
    if (only && !only.has(field.field_code)) continue;
    rendered[field.field_code] = values[field.field_code] ?? null;
  }
  return rendered;
}

/** A value as search and the changelog see it: plain text. */
export function customValueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value) && (typeof value.value === 'string' || typeof value.value === 'number'))
    return String(value.value);
  return JSON.stringify(value);
}
