/**
 * The Fields API: standard fields (listed with `is_custom_field: false`) and custom fields, with
 * their random 40-hex `field_code`, per-plan cap and deletion (which removes the values).
 *
 * Documented: field types creatable in v2; the custom-field caps per company (Lite 30, Growth 100,
 * Premium 300, Ultimate 500, all entities together); a 403 with a `code` when a cap is reached.
 * Our assumption: the code is `feature_capping_custom_fields_limit` (Pipedrive documents only
 * `feature_capping_deals_limit` by name) and the message follows the documented deals one.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiError, badRequest } from './errors.js';
import { CUSTOM_FIELD_CAP, type Plan } from './plans.js';
import type { CustomFieldRecord, EntityType, FieldEntity } from './records.js';
import { STANDARD_FIELDS } from './standard-fields.js';
import type { Store } from './store.js';
import { toRfc3339, toV1DateTime } from './time.js';
import { parseInput } from './validation.js';

export const CUSTOM_FIELD_LIMIT_CODE = 'feature_capping_custom_fields_limit';

/** Field types `POST /api/v2/{entity}Fields` accepts [SPEC2]. */
export const CREATABLE_FIELD_TYPES = [
  'varchar',
  'text',
  'double',
  'phone',
  'date',
  'daterange',
  'time',
  'timerange',
  'set',
  'enum',
  'varchar_auto',
  'address',
  'monetary',
  'org',
  'people',
  'user',
] as const;

/** Custom field types that search can read [SPEC2 `fields` parameter of the search endpoints]. */
export const SEARCHABLE_FIELD_TYPES: ReadonlySet<string> = new Set([
  'address',
  'varchar',
  'text',
  'varchar_auto',
  'double',
  'monetary',
  'phone',
]);

/** Custom fields get v1 numeric ids above the standard ones. */
const CUSTOM_FIELD_ID_BASE = 12_000;

const createFieldBody = z.object({
  field_name: z.string().trim().min(1).max(255),
  description: z.string().nullable().optional(),
  field_type: z.enum(CREATABLE_FIELD_TYPES),
  options: z.array(z.object({ label: z.string().min(1).max(255) })).optional(),
  ui_visibility: z
    .object({ add_visible_flag: z.boolean().optional(), details_visible_flag: z.boolean().optional() })
    .optional(),
  important_fields: z.object({ enabled: z.boolean().optional() }).optional(),
  required_fields: z.object({ enabled: z.boolean().optional() }).optional(),
});

const updateFieldBody = createFieldBody.omit({ field_type: true, options: true }).partial();

export function customFieldsOf(store: Store, entity: EntityType): Map<string, CustomFieldRecord> {
  const fields = new Map<string, CustomFieldRecord>();
  for (const field of store.fields.values()) if (field.entity === entity) fields.set(field.field_code, field);
  return fields;
}

function newFieldCode(store: Store): string {
  for (;;) {
    const code = randomBytes(20).toString('hex');
    if (!store.fields.has(code)) return code;
  }
}

export function createCustomField(
  store: Store,
  entity: FieldEntity,
  input: unknown,
  plan: Plan,
  now: Date,
): CustomFieldRecord {
  const body = parseInput(createFieldBody, input);
  const cap = CUSTOM_FIELD_CAP[plan];
  if (store.fields.size >= cap) {
    throw new ApiError(403, `Couldn't add the custom field. Custom fields limit (${cap}) reached.`, {
      code: CUSTOM_FIELD_LIMIT_CODE,
    });
  }
  const hasOptions = body.field_type === 'enum' || body.field_type === 'set';
  if (hasOptions && (body.options ?? []).length === 0) {
    throw badRequest(`Validation failed: options are required for a field of type ${body.field_type}`);
  }
  const time = toRfc3339(now);
  const field: CustomFieldRecord = {
    id: CUSTOM_FIELD_ID_BASE + store.nextId('field'),
    entity,
    field_code: newFieldCode(store),
    field_name: body.field_name,
    description: body.description ?? null,
    field_type: body.field_type,
    options: hasOptions
      ? (body.options ?? []).map((option) => ({
          id: store.nextId('option'),
          label: option.label,
          color: null,
          add_time: time,
          update_time: time,
        }))
      : null,
    add_time: time,
    update_time: time,
    add_visible_flag: body.ui_visibility?.add_visible_flag ?? false,
    details_visible_flag: body.ui_visibility?.details_visible_flag ?? true,
    important_enabled: body.important_fields?.enabled ?? false,
    required_enabled: body.required_fields?.enabled ?? false,
  };
  store.fields.set(field.field_code, field);
  return field;
}

export function updateCustomField(field: CustomFieldRecord, input: unknown, now: Date): CustomFieldRecord {
  const body = parseInput(updateFieldBody, input);
  if (body.field_name !== undefined) field.field_name = body.field_name;
  if (body.description !== undefined) field.description = body.description;
  if (body.ui_visibility?.add_visible_flag !== undefined) field.add_visible_flag = body.ui_visibility.add_visible_flag;
  if (body.ui_visibility?.details_visible_flag !== undefined) {
    field.details_visible_flag = body.ui_visibility.details_visible_flag;
  }
  if (body.important_fields?.enabled !== undefined) field.important_enabled = body.important_fields.enabled;
  if (body.required_fields?.enabled !== undefined) field.required_enabled = body.required_fields.enabled;
  field.update_time = toRfc3339(now);
  return field;
}

/** Deletes a custom field and its values on every record of the entity (deleted ones included). */
export function deleteCustomField(store: Store, field: CustomFieldRecord): void {
  store.fields.delete(field.field_code);
  for (const record of store.records(field.entity).values()) delete record.custom_fields[field.field_code];
}

/** The fields an entity lists: standard first, then custom, in creation order. */
export interface ListedField {
  id: number;
  code: string;
  name: string;
  type: string;
  custom: CustomFieldRecord | undefined;
}

export function listedFields(store: Store, entity: EntityType): ListedField[] {
  const standard = STANDARD_FIELDS[entity].map(([code, name, type], index) => ({
    id: index + 1,
    code,
    name,
    type,
    custom: undefined,
  }));
  const custom = [...customFieldsOf(store, entity).values()].map((field) => ({
    id: field.id,
    code: field.field_code,
    name: field.field_name,
    type: field.field_type,
    custom: field,
  }));
  return [...standard, ...custom];
}

const ADDRESS_SUBFIELDS = ['value', 'street_number', 'route', 'subpremise', 'locality', 'admin_area_level_1'] as const;

/** A field in v2's shape; `include` names the optional namespaces (`include_fields=`). */
export function renderFieldV2(field: ListedField, include: ReadonlySet<string>): Record<string, unknown> {
  const custom = field.custom;
  const rendered: Record<string, unknown> = {
    field_name: field.name,
    field_code: field.code,
    description: custom?.description ?? null,
    field_type: field.type,
    options: custom?.options ? custom.options.map((option) => ({ ...option })) : null,
    subfields:
      field.type === 'address'
        ? ADDRESS_SUBFIELDS.map((part) => ({
            field_code: part,
            field_name: `${part} of ${field.name}`,
            field_type: 'varchar',
          }))
        : null,
    is_custom_field: custom !== undefined,
    is_optional_response_field: false,
  };
  if (include.has('ui_visibility')) {
    rendered.ui_visibility = {
      add_visible_flag: custom?.add_visible_flag ?? true,
      details_visible_flag: custom?.details_visible_flag ?? true,
    };
  }
  if (include.has('important_fields'))
    rendered.important_fields = { enabled: custom?.important_enabled ?? false, stage_ids: [] };
  if (include.has('required_fields')) rendered.required_fields = { enabled: custom?.required_enabled ?? false };
  return rendered;
}

/** A field in v1's shape (`GET /v1/personFields`). */
export function renderFieldV1(field: ListedField, order: number, ownerId: number): Record<string, unknown> {
  const custom = field.custom;
  const time = custom ? toV1DateTime(new Date(custom.add_time)) : null;
  return {
    id: field.id,
    key: field.code,
    name: field.name,
    order_nr: order,
    field_type: field.type,
    add_time: time,
    update_time: custom ? toV1DateTime(new Date(custom.update_time)) : null,
    last_updated_by_user_id: custom ? ownerId : null,
    created_by_user_id: custom ? ownerId : null,
    active_flag: true,
    edit_flag: custom !== undefined,
    index_visible_flag: true,
    details_visible_flag: custom?.details_visible_flag ?? true,
    add_visible_flag: custom?.add_visible_flag ?? true,
    important_flag: custom?.important_enabled ?? false,
    bulk_edit_allowed: true,
    searchable_flag: custom ? false : field.code === 'name',
    filtering_allowed: true,
    sortable_flag: true,
    mandatory_flag: custom?.required_enabled ?? false,
    options: custom?.options ? custom.options.map((option) => ({ id: option.id, label: option.label })) : null,
  };
}
