/**
 * The field map: which column of which DentAdmin file goes to which Pipedrive field, and how its values are
 * converted. Proposed by history, rules and an LLM, edited in plain words, approved by a person, versioned.
 *
 * The document follows the shape of the example. Extensions, each optional so the example stays valid:
 * - `to` may be a list for a 1:N rule (one column, several fields): `Start` → `activity.due_date` + `due_time`.
 *   The transform then returns a list with one value per target, in the same order.
 * - `from: []` with transform `constant` writes a fixed value (`deal.currency` = `EUR`).
 * - `custom.options` lists the option labels of an `enum`/`set` field to create; for a yes/no column the
 *   first label is "yes" and the second "no".
 * - `fold` on an object: rows sharing these columns become one record (the lines of one care plan → one note).
 * - object `target: 'user'` with `policy: 'link'`: rows are matched to existing Pipedrive users, never created.
 * - pseudo-fields that are no Pipedrive field but tell the engine what to do: `user.email` (the match key of
 *   a provider) and `activity.recurrence` (one activity per occurrence of a recurrence rule).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const MAP_STATUSES = ['proposed', 'approved', 'superseded'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];

/** Who decided a rule: a remembered approved map, the rule proposer, the LLM, or a person's edit. */
export type RuleOrigin = 'remembered' | 'rule' | 'llm' | 'human';

export const TARGET_OBJECTS = ['person', 'organization', 'deal', 'activity', 'note', 'file', 'user'] as const;
export type TargetObject = (typeof TARGET_OBJECTS)[number];

/** Field types Pipedrive accepts when creating a custom field (pipedrive-api reference §3.2). */
export const CUSTOM_FIELD_TYPES = [
  'varchar',
  'varchar_auto',
  'text',
  'double',
  'monetary',
  'date',
  'daterange',
  'time',
  'timerange',
  'set',
  'enum',
  'phone',
  'address',
  'user',
  'org',
  'people',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface TransformRef {
  /** A name from the transform registry (`src/mapping/transforms`). */
  name: string;
  args?: Record<string, JsonValue>;
}

export interface CustomFieldSpec {
  type: CustomFieldType;
  options?: string[];
}

export interface MapRule {
  /** Source headers exactly as the file has them (trimmed); `[]` only for a constant. */
  from: string[];
  /** `object.field`, `object.custom:<Label>`, a list of those for a 1:N rule, or null: deliberately left behind. */
  to: string | string[] | null;
  transform?: TransformRef;
  /** Present when `to` is a custom field that does not exist yet and must be created with this type. */
  custom?: CustomFieldSpec;
  confidence?: number;
  origin?: RuleOrigin;
  /** Why this rule: shown to the approver, and required when `to` is null. */
  why?: string;
}

/**
 * Match keys a record can be matched on. Names compare word by word, accents and order aside; `name+birthdate`
 * and `insz` read the fields the map writes the birth date and national number to.
 */
export const MATCH_KINDS = ['email', 'name+birthdate', 'insz', 'name'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** How an incoming record finds an existing Pipedrive record before anything is created. */
export interface MatchSpec {
  /** Match keys tried in order. */
  by: MatchKind[];
  /** On a match: `link` to it, `skip` the record, or `create` a new one anyway. */
  policy: 'link' | 'skip' | 'create';
}

export interface ObjectMap {
  /** Ingest entity name (`patients`, `treatments`, …). */
  source: string;
  /** The Pipedrive object each row becomes, or null when the whole file stays behind. */
  target: TargetObject | null;
  match?: MatchSpec;
  fold?: { by: string[] };
  rules: MapRule[];
}

/** What the hash covers: the decisions, not who approved them or when. */
export interface MapContent {
  objects: ObjectMap[];
}

export interface MapDocument extends MapContent {
  project: string;
  version: number;
  /** `sha256:<hex>` of the canonical JSON of the content ({@link hashMapContent}). */
  hash: string;
  status: MapStatus;
  approved_by: string | null;
  approved_at: string | null;
}

/** `sha256:<hex>` over the canonical JSON of `{ objects }`: equal decisions give equal hashes. */
export function hashMapContent(content: MapContent): string {
  const text = canonicalJson({ objects: content.objects });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The content part of a document, deep-copied so edits never touch the original. */
export function contentOf(document: MapContent): MapContent {
  return { objects: structuredClone(document.objects) };
}

/** The list of targets a rule writes (empty when it leaves its columns behind). */
export function targetsOf(rule: MapRule): string[] {
  if (rule.to === null) return [];
  return typeof rule.to === 'string' ? [rule.to] : rule.to;
}

/** Every source column the map mentions, per source, in rule order without duplicates. */
export function columnsOf(object: ObjectMap): string[] {
  const seen = new Set<string>();
  for (const rule of object.rules) for (const column of rule.from) seen.add(column);
  return [...seen];
}
