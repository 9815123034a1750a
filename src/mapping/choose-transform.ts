/**
 * The transform a rule gets when whoever wrote it (a person's `map` edit, the LLM) named only a target:
 * decided by the target field's type and the column's profile, so `map GSM to person.phones` just works.
 */
import type { TransformRef } from './document.js';
import type { ProfileKind } from './kinds.js';
import type { TargetField } from './targets.js';

/** The record a reference column points at, from its column key (`plan_id` → care plans). */
function refEntity(columnKey: string | null, field: TargetField): string {
  if (columnKey === 'plan_id') return 'care_plans';
  if (columnKey === 'treatment_id') return 'treatments';
  if (field.type === 'deal') return 'care_plans';
  return 'patients';
}

export function defaultTransform(
  field: TargetField,
  kind: ProfileKind,
  columnKey: string | null = null,
): TransformRef | undefined {
  switch (field.type) {
    case 'phone':
      return { name: 'phone' };
    case 'email':
      return { name: 'email' };
    case 'date':
    case 'daterange':
      return { name: 'date' };
    case 'datetime':
      return { name: 'timestamp' };
    case 'duration':
      return { name: 'duration_hhmm' };
    case 'double':
    case 'monetary':
      return { name: kind === 'percentage' ? 'percentage' : kind === 'integer' ? 'integer' : 'amount' };
    case 'boolean':
      return { name: 'yes_no' };
    case 'user':
      return { name: 'provider_owner' };
    case 'org':
      return { name: 'fund' };
    case 'person':
    case 'people':
    case 'deal':
      return { name: 'ref', args: { entity: refEntity(columnKey, field) } };
    case 'file':
      return { name: 'file_path' };
    case 'activity_type':
      return { name: 'map_values', args: { values: {}, default: 'meeting' } };
    case 'enum':
    case 'set':
      return kind === 'boolean' ? { name: 'yes_no' } : { name: 'trim' };
    case 'varchar':
    case 'varchar_auto':
    case 'text':
    case 'html':
      if (kind === 'insz') return { name: 'insz' };
      if (kind === 'memo') return { name: 'rich_text_to_plain' };
      return { name: 'trim' };
    default:
      return undefined;
  }
}

/** The custom field type that fits a column's values, for `new … field` without a type and for the LLM. */
export function customTypeFor(kind: ProfileKind): 'varchar' | 'text' | 'date' | 'double' | 'monetary' | 'enum' {
  switch (kind) {
    case 'date':
    case 'timestamp':
      return 'date';
    case 'decimal':
    case 'percentage':
    case 'integer':
      return 'double';
    case 'amount':
      return 'monetary';
    case 'boolean':
      return 'enum';
    case 'memo':
      return 'text';
    default:
      return 'varchar';
  }
}
