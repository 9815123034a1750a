/**
 * Value kinds on both sides of a rule, and which fit together.
 *
 * A column has a *profile kind* (what the ingest profiler saw in its cells); a transform turns the column into
 * a *value kind*; a target field accepts some value kinds. "Text into a date field" is a rule whose value kind
 * (`text`, from no transform or a text transform) is not among those the date field accepts.
 */
import type { FieldType } from './targets.js';

/** What the profiler infers for a column (`column_profiles.inferred_type`); unknown strings read as `text`. */
export type ProfileKind =
  | 'id'
  | 'text'
  | 'memo'
  | 'integer'
  | 'decimal'
  | 'amount'
  | 'percentage'
  | 'date'
  | 'timestamp'
  | 'email'
  | 'phone'
  | 'insz'
  | 'riziv'
  | 'boolean'
  | 'code'
  | 'empty';

const PROFILE_KINDS: ReadonlySet<string> = new Set<ProfileKind>([
  'id',
  'text',
  'memo',
  'integer',
  'decimal',
  'amount',
  'percentage',
  'date',
  'timestamp',
  'email',
  'phone',
  'insz',
  'riziv',
  'boolean',
  'code',
  'empty',
]);

/** Reads a profiler's type name; synonyms the profiler might use are folded onto ours. */
export function toProfileKind(inferred: string | null | undefined): ProfileKind {
  const value = (inferred ?? '').toLowerCase();
  if (PROFILE_KINDS.has(value)) return value as ProfileKind;
  if (value === 'datetime') return 'timestamp';
  if (value === 'number' || value === 'float' || value === 'money') return 'decimal';
  if (value === 'percent') return 'percentage';
  if (value === 'bool') return 'boolean';
  if (value === 'rich_text' || value === 'rtf' || value === 'html') return 'memo';
  return 'text';
}

/** What a transform produces (or `text`: the raw cell, trimmed). */
export type ValueKind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'time'
  | 'duration'
  | 'boolean'
  | 'email'
  | 'phone'
  | 'address'
  | 'person_ref'
  | 'deal_ref'
  | 'org_ref'
  | 'user_ref'
  | 'enum'
  | 'file'
  | 'occurrences';

const TEXTUAL: readonly ValueKind[] = [
  'text',
  'number',
  'date',
  'datetime',
  'time',
  'duration',
  'boolean',
  'email',
  'phone',
  'enum',
];

/** Value kinds each field type accepts. */
const ACCEPTS: Record<FieldType, readonly ValueKind[]> = {
  varchar: TEXTUAL,
  varchar_auto: TEXTUAL,
  text: TEXTUAL,
  html: TEXTUAL,
  double: ['number'],
  monetary: ['number'],
  date: ['date', 'datetime'],
  daterange: ['date'],
  datetime: ['datetime', 'date'],
  time: ['time'],
  timerange: ['time'],
  duration: ['duration'],
  boolean: ['boolean'],
  set: ['enum', 'text', 'boolean'],
  enum: ['enum', 'text', 'boolean'],
  status: ['enum'],
  activity_type: ['enum'],
  phone: ['phone'],
  email: ['email'],
  address: ['address', 'text'],
  user: ['user_ref'],
  org: ['org_ref'],
  people: ['person_ref'],
  person: ['person_ref'],
  deal: ['deal_ref'],
  currency: ['enum', 'text'],
  file: ['file'],
  occurrences: ['occurrences'],
};

export function accepts(type: FieldType, kind: ValueKind): boolean {
  return ACCEPTS[type].includes(kind);
}

/** Profile kinds whose cells are plain words a person typed: fine for text targets, nothing else. */
export const FREE_TEXT_KINDS: readonly ProfileKind[] = ['text', 'memo', 'code', 'id'];
