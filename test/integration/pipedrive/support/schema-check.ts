/**
 * A small validator for the OpenAPI 3.0 schema subset Pipedrive's files use (all inline, no $ref):
 * type, nullable, enum, properties, required, additionalProperties, items, allOf/oneOf/anyOf,
 * min/max(Length|Items|imum) and the formats date, date-time, uuid and binary.
 *
 * Requests are checked strictly (a property the schema does not list is an error: API v2 validates
 * strictly and ignores nothing); responses leniently (OpenAPI allows extra properties).
 */

export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Violation {
  /** JSON pointer-ish location: `/data/org_id`. */
  at: string;
  rule: 'type' | 'null' | 'enum' | 'required' | 'unknown-property' | 'format' | 'range' | 'one-of';
  message: string;
}

export interface CheckOptions {
  /** Flag properties the schema does not declare. */
  strict: boolean;
  /** Values arrive as text (query strings, form fields): read numbers and booleans from strings. */
  fromText?: boolean;
}

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fromText(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string') return value;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Property names a schema declares, through allOf members. */
function declaredProperties(schema: Schema): Set<string> {
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const member of schema.allOf ?? []) for (const name of declaredProperties(member)) names.add(name);
  return names;
}

function allowsExtra(schema: Schema): boolean {
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return true;
  return (schema.allOf ?? []).some(allowsExtra) || (schema.properties === undefined && schema.allOf === undefined);
}

function checkCombinators(schema: Schema, value: unknown, at: string, options: CheckOptions, out: Violation[]) {
  // A member of allOf sees only its own properties: unknown ones are judged against the whole union.
  const union = schema.allOf ? declaredProperties(schema) : undefined;
  const open = schema.allOf ? allowsExtra(schema) : false;
  for (const member of schema.allOf ?? [])
    check(member, value, at, options, out, { union: union as Set<string>, open });
  for (const [name, members] of [
    ['oneOf', schema.oneOf],
    ['anyOf', schema.anyOf],
  ] as const) {
    if (!members) continue;
    const passing = members.filter((member) => checkSchema(member, value, options, at).length === 0).length;
    if (passing === 0 || (name === 'oneOf' && passing > 1 && value !== null)) {
      out.push({ at, rule: 'one-of', message: `${passing} of the ${name} alternatives match` });
    }
  }
}

interface Siblings {
  union: Set<string>;
  open: boolean;
}

function checkObject(
  schema: Schema,
  value: Record<string, unknown>,
  at: string,
  options: CheckOptions,
  out: Violation[],
  siblings?: Siblings,
) {
  for (const name of schema.required ?? []) {
    if (!(name in value)) out.push({ at: `${at}/${name}`, rule: 'required', message: 'required property missing' });
  }
  const known = siblings?.union ?? declaredProperties(schema);
  const open = allowsExtra(schema) || (siblings?.open ?? false);
  for (const [name, item] of Object.entries(value)) {
    const property = schema.properties?.[name];
    if (property) check(property, item, `${at}/${name}`, options, out);
    else if (typeof schema.additionalProperties === 'object')
      check(schema.additionalProperties, item, `${at}/${name}`, options, out);
    else if (options.strict && !known.has(name) && !open) {
      out.push({ at: `${at}/${name}`, rule: 'unknown-property', message: 'property not in the schema' });
    }
  }
}

function check(
  schema: Schema,
  raw: unknown,
  at: string,
  options: CheckOptions,
  out: Violation[],
  siblings?: Siblings,
): void {
  const value = options.fromText ? fromText(raw, schema.type) : raw;
  if (value === null) {
    if (!schema.nullable && (schema.type !== undefined || schema.enum !== undefined)) {
      out.push({ at, rule: 'null', message: `null where the schema says ${schema.type ?? 'enum'} (not nullable)` });
    }
    return;
  }
  const actual = typeOf(value);
  const expected = schema.type;
  if (expected !== undefined && actual !== expected && !(expected === 'number' && actual === 'integer')) {
    if (!(expected === 'string' && schema.format === 'binary' && actual === 'object')) {
      out.push({ at, rule: 'type', message: `${actual} where the schema says ${expected}` });
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ at, rule: 'enum', message: `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}` });
  }
  if (typeof value === 'string') {
    const format = schema.format ? FORMATS[schema.format] : undefined;
    if (format && !format.test(value))
      out.push({ at, rule: 'format', message: `"${value}" is not a ${schema.format}` });
    if (
      (schema.minLength !== undefined && value.length < schema.minLength) ||
      (schema.maxLength !== undefined && value.length > schema.maxLength)
    ) {
      out.push({ at, rule: 'range', message: `length ${value.length} outside the schema's bounds` });
    }
  }
  if (
    typeof value === 'number' &&
    ((schema.minimum !== undefined && value < schema.minimum) ||
      (schema.maximum !== undefined && value > schema.maximum))
  ) {
    out.push({ at, rule: 'range', message: `${value} outside the schema's bounds` });
  }
  if (Array.isArray(value)) {
    if (
      (schema.minItems !== undefined && value.length < schema.minItems) ||
      (schema.maxItems !== undefined && value.length > schema.maxItems)
    ) {
      out.push({ at, rule: 'range', message: `${value.length} items outside the schema's bounds` });
    }
    const items = schema.items;
    if (items) {
      for (const [index, item] of value.entries()) check(items, item, `${at}/${index}`, options, out);
    }
  }
  if (
    actual === 'object' &&
    (schema.properties || schema.required || schema.additionalProperties !== undefined || schema.allOf)
  ) {
    // With allOf, the members judge unknown properties (against the union); the parent only recurses.
    checkObject(
      schema,
      value as Record<string, unknown>,
      at,
      schema.allOf ? { ...options, strict: false } : options,
      out,
      siblings,
    );
  }
  checkCombinators(schema, value, at, options, out);
}

/** All the ways `value` breaks `schema`. */
export function checkSchema(schema: Schema, value: unknown, options: CheckOptions, at = ''): Violation[] {
  const out: Violation[] = [];
  check(schema, value, at, options, out);
  return out;
}
