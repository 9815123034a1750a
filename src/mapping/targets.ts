/**
 * The destination side of the map: Pipedrive's standard fields per object (static, from the API reference
 * §2.6–2.11) plus the account's own custom fields (live, from the Fields API when a field list is given).
 *
 * A target is written `object.field` (`person.phones`) or `object.custom:<Label>` (`person.custom:Geboortedatum`);
 * the field registry of the engine later turns a custom label into Pipedrive's 40-character key.
 */
import { CUSTOM_FIELD_TYPES, type CustomFieldType, TARGET_OBJECTS, type TargetObject } from './document.js';

/** What a field stores; custom field types plus the shapes of standard fields that have no custom equivalent. */
export type FieldType =
  | CustomFieldType
  | 'html'
  | 'datetime'
  | 'duration'
  | 'boolean'
  | 'email'
  | 'currency'
  | 'status'
  | 'activity_type'
  | 'person'
  | 'deal'
  | 'file'
  | 'occurrences';

export interface TargetField {
  object: TargetObject;
  /** Pipedrive's key for a standard field (`phones`); `custom:<Label>` for a custom field. */
  key: string;
  label: string;
  type: FieldType;
  custom: boolean;
  /** Pipedrive refuses a record without it. */
  required?: boolean;
  /** A list field (`phones`, `emails`, `participants`): several rules may feed it. */
  multi?: boolean;
  /** Option labels of an enum/set field. */
  options?: string[];
  /** Not a Pipedrive field: an instruction to the engine (see document.ts). */
  pseudo?: boolean;
}

/** A field as Pipedrive's v2 Fields API returns it (`GET /api/v2/personFields`, reference §3.3). */
export interface PipedriveFieldLike {
  field_code: string;
  field_name: string;
  field_type: string;
  options?: readonly { id: number; label: string }[] | null;
  is_custom_field: boolean;
}

/** Live field lists per object; objects without custom fields (notes, files) are never listed. */
export type LiveFieldLists = Partial<
  Record<'person' | 'organization' | 'deal' | 'activity', readonly PipedriveFieldLike[]>
>;

const f = (object: TargetObject, key: string, type: FieldType, extra: Partial<TargetField> = {}): TargetField => ({
  object,
  key,
  label: key,
  type,
  custom: false,
  ...extra,
});

/** Standard fields a migration may write; read-only and plan-dependent fields are left out on purpose. */
export const STANDARD_FIELDS: readonly TargetField[] = [
  f('person', 'name', 'varchar', { required: true }),
  f('person', 'first_name', 'varchar'),
  f('person', 'last_name', 'varchar'),
  f('person', 'emails', 'email', { multi: true }),
  f('person', 'phones', 'phone', { multi: true }),
  f('person', 'org_id', 'org'),
  f('person', 'owner_id', 'user'),
  f('person', 'add_time', 'datetime'),
  f('person', 'label_ids', 'set'),
  f('organization', 'name', 'varchar', { required: true }),
  f('organization', 'address', 'address'),
  f('organization', 'owner_id', 'user'),
  f('organization', 'add_time', 'datetime'),
  f('deal', 'title', 'varchar', { required: true }),
  f('deal', 'value', 'double'),
  f('deal', 'currency', 'currency'),
  f('deal', 'status', 'status', { options: ['open', 'won', 'lost'] }),
  f('deal', 'person_id', 'person'),
  f('deal', 'org_id', 'org'),
  f('deal', 'owner_id', 'user'),
  f('deal', 'expected_close_date', 'date'),
  f('deal', 'won_time', 'datetime'),
  f('deal', 'lost_time', 'datetime'),
  f('deal', 'lost_reason', 'varchar'),
  f('deal', 'probability', 'double'),
  f('activity', 'subject', 'varchar'),
  f('activity', 'type', 'activity_type'),
  f('activity', 'due_date', 'date'),
  f('activity', 'due_time', 'time'),
  f('activity', 'duration', 'duration'),
  f('activity', 'owner_id', 'user'),
  f('activity', 'participants', 'person', { multi: true }),
  f('activity', 'deal_id', 'deal'),
  f('activity', 'org_id', 'org'),
  f('activity', 'location', 'address'),
  f('activity', 'note', 'html'),
  f('activity', 'public_description', 'text'),
  f('activity', 'done', 'boolean'),
  f('activity', 'busy', 'boolean'),
  f('activity', 'recurrence', 'occurrences', { pseudo: true }),
  f('note', 'content', 'html', { required: true }),
  f('note', 'person_id', 'person'),
  f('note', 'deal_id', 'deal'),
  f('note', 'org_id', 'org'),
  f('note', 'add_time', 'datetime'),
  f('note', 'user_id', 'user'),
  f('file', 'file', 'file', { required: true }),
  f('file', 'person_id', 'person'),
  f('file', 'deal_id', 'deal'),
  f('file', 'org_id', 'org'),
  f('user', 'email', 'email', { pseudo: true }),
];

/** Objects whose records may carry custom fields; Pipedrive has no API to create activity custom fields. */
export const CUSTOM_FIELD_OBJECTS: readonly TargetObject[] = ['person', 'organization', 'deal'];

export type ParsedTarget =
  | { object: TargetObject; field: string; custom: false }
  | { object: TargetObject; label: string; custom: true };

/** Splits `person.phones` / `person.custom:Label`; null when the object is unknown or the shape is wrong. */
export function parseTarget(target: string): ParsedTarget | null {
  const dot = target.indexOf('.');
  if (dot <= 0) return null;
  const object = target.slice(0, dot);
  const rest = target.slice(dot + 1).trim();
  if (!(TARGET_OBJECTS as readonly string[]).includes(object) || rest === '') return null;
  const o = object as TargetObject;
  if (rest.startsWith('custom:')) {
    const label = rest.slice('custom:'.length).trim();
    return label === '' ? null : { object: o, label, custom: true };
  }
  return { object: o, field: rest, custom: false };
}

export function customTarget(object: TargetObject, label: string): string {
  return `${object}.custom:${label}`;
}

/** Labels compare case- and accent-insensitively, as a person reading Pipedrive's field list would. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

export function isCustomFieldType(value: string): value is CustomFieldType {
  return (CUSTOM_FIELD_TYPES as readonly string[]).includes(value);
}

/** The standard fields plus the live custom fields, looked up by target string. */
export class TargetCatalogue {
  readonly fields: readonly TargetField[];
  private readonly standard = new Map<string, TargetField>();
  private readonly customByLabel = new Map<string, TargetField>();

  constructor(live: LiveFieldLists = {}) {
    const custom: TargetField[] = [];
    for (const object of CUSTOM_FIELD_OBJECTS) {
      const list = live[object as keyof LiveFieldLists] ?? [];
      for (const field of list) {
        if (!field.is_custom_field) continue;
        const type: FieldType = isCustomFieldType(field.field_type) ? field.field_type : 'varchar';
        const entry: TargetField = {
          object,
          key: `custom:${field.field_name}`,
          label: field.field_name,
          type,
          custom: true,
        };
        if (field.options && field.options.length > 0) entry.options = field.options.map((o) => o.label);
        custom.push(entry);
        this.customByLabel.set(`${object}:${normaliseLabel(field.field_name)}`, entry);
      }
    }
    for (const field of STANDARD_FIELDS) this.standard.set(`${field.object}.${field.key}`, field);
    this.fields = [...STANDARD_FIELDS, ...custom];
  }

  /** The field a target names: a standard field, an existing custom field (matched by label), or undefined. */
  find(target: string): TargetField | undefined {
    const parsed = parseTarget(target);
    if (!parsed) return undefined;
    if (!parsed.custom) return this.standard.get(`${parsed.object}.${parsed.field}`);
    return this.customByLabel.get(`${parsed.object}:${normaliseLabel(parsed.label)}`);
  }

  /** Fields of one object, standard first; the candidate list for the LLM and for error messages. */
  fieldsOf(object: TargetObject): TargetField[] {
    return this.fields.filter((field) => field.object === object);
  }

  /** Number of custom fields the account already has (they count against the plan's cap too). */
  get existingCustomCount(): number {
    return this.customByLabel.size;
  }

  /** The target string of a field, as rules write it. */
  static targetOf(field: TargetField): string {
    return `${field.object}.${field.key}`;
  }
}
