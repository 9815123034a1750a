/**
 * A built record's fields → the body Pipedrive expects for that object (v2 for persons, organizations,
 * deals and activities; v1 for notes and files). References to other records become Pipedrive ids, custom
 * fields their 40-character keys, option labels their option ids. Pure: lookups come in through a resolver.
 */
import type { JsonValue } from '../mapping/document.js';
import type { BuiltRecord, LoadObject } from './build-record.js';

export interface RegisteredField {
  key: string;
  type: string;
  options: readonly { id: number; label: string }[];
}

export interface Resolver {
  /** The Pipedrive id Ferry created or linked for this source record, if any. */
  record(entity: string, key: string): number | undefined;
  /** The Pipedrive user for a provider code (with the project's fallback owner applied). */
  user(providerCode: string): number | undefined;
  field(object: LoadObject, label: string): RegisteredField | undefined;
  /** Key of the "Ferry source id" custom field (persons, organizations, deals only). */
  sourceIdField(object: LoadObject): string | undefined;
}

export interface Payload {
  /** The request body; for files, `file` is the document's relative path (the uploader reads it). */
  body: Record<string, unknown>;
  /** Required references that do not resolve (e.g. the note's patient was not migrated): the record waits or is skipped. */
  unresolved: string[];
}

const CUSTOM_PREFIX = '.custom:';
/** References a record cannot be written without. */
const REQUIRED_REFS: Partial<Record<string, true>> = {
  'note.person_id': true,
  'note.deal_id': true,
  'file.person_id': true,
  'deal.person_id': true,
  'activity.participants': true,
};

interface Ref {
  ref: string;
  key: string;
  union?: string;
}

function isRef(value: JsonValue): value is JsonValue & Ref {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.ref === 'string';
}

function resolveRef(value: Ref, resolver: Resolver): number | undefined {
  if (value.ref === 'users') return resolver.user(value.key);
  const found = resolver.record(value.ref, value.key);
  // A local fund (131) the insurers file lacks still belongs to its union's organization (100).
  if (found === undefined && value.union !== undefined) return resolver.record(value.ref, value.union);
  return found;
}

function asContactList(values: JsonValue): { value: string; label: string; primary: boolean }[] {
  const list = Array.isArray(values) ? values : [values];
  const seen = new Set<string>();
  const out: { value: string; label: string; primary: boolean }[] = [];
  for (const item of list) {
    const value =
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null && !Array.isArray(item)
          ? item.value
          : null;
    const label = typeof item === 'object' && item !== null && !Array.isArray(item) ? item.label : undefined;
    if (typeof value !== 'string' || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, label: typeof label === 'string' ? label : 'home', primary: out.length === 0 });
  }
  return out;
}

/** RFC 3339 with whole seconds, as v2 wants (`2024-01-15T15:02:00Z`). */
export function rfc3339(instant: string): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** v1's `YYYY-MM-DD HH:MM:SS` in UTC (notes). */
export function v1Time(instant: string): string {
  return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
}

function customValue(field: RegisteredField, value: JsonValue): unknown {
  switch (field.type) {
    case 'double':
      return typeof value === 'number' ? value : Number(value);
    case 'monetary':
      return { value: typeof value === 'number' ? value : Number(value), currency: 'EUR' };
    case 'date':
      return String(value).slice(0, 10);
    case 'enum': {
      const label = typeof value === 'boolean' ? field.options[value ? 0 : 1]?.label : String(value);
      return field.options.find((option) => option.label === label)?.id ?? null;
    }
    case 'address':
      return typeof value === 'object' && value !== null ? value : { value: String(value) };
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Pipedrive's note fields are HTML: plain text is escaped and its line breaks kept. */
export function plainToHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

const HTML_FIELDS = new Set(['note.content', 'activity.note']);

function setStandard(object: LoadObject, body: Record<string, unknown>, field: string, value: unknown): void {
  if (HTML_FIELDS.has(`${object}.${field}`) && typeof value === 'string') body[field] = plainToHtml(value);
  else if ((field === 'add_time' && object !== 'note') || field === 'update_time') body[field] = rfc3339(String(value));
  else if (field === 'add_time') body[field] = v1Time(String(value));
  else if (field === 'location') body[field] = typeof value === 'string' ? { value } : value;
  else if (field === 'file') body[field] = (value as { path?: string }).path ?? String(value);
  else body[field] = value;
}

/** Builds the request body of a record; unresolved required references are listed, never guessed. */
export function buildPayload(record: BuiltRecord, resolver: Resolver): Payload {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const unresolved: string[] = [];
  for (const [target, raw] of Object.entries(record.fields)) {
    const customAt = target.indexOf(CUSTOM_PREFIX);
    if (customAt > 0) {
      const field = resolver.field(record.object, target.slice(customAt + CUSTOM_PREFIX.length));
      if (field !== undefined) custom[field.key] = customValue(field, raw);
      continue;
    }
    const field = target.slice(target.indexOf('.') + 1);
    if (field === 'emails' || field === 'phones') {
      body[field] = asContactList(raw);
    } else if (field === 'participants') {
      const ids = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (isRef(v) ? [resolveRef(v, resolver)] : []));
      const people = ids.filter((id): id is number => id !== undefined);
      if (people.length === 0) unresolved.push(target);
      else body.participants = people.map((person_id, i) => ({ person_id, primary: i === 0 }));
    } else if (isRef(raw)) {
      const id = resolveRef(raw, resolver);
      if (id !== undefined) body[field] = id;
      else if (REQUIRED_REFS[target]) unresolved.push(target);
    } else {
      setStandard(record.object, body, field, raw);
    }
  }
  const sourceIdKey = resolver.sourceIdField(record.object);
  if (sourceIdKey !== undefined) custom[sourceIdKey] = record.sourceKey;
  if (Object.keys(custom).length > 0) body.custom_fields = custom;
  return { body, unresolved };
}
