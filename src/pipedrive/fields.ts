/**
 * Custom field definitions over API v2 (`personFields`, `organizationFields`, `dealFields`; activity
 * fields are read-only). A field is known by its 40-character `field_code`.
 */
import { cursorPages, type WriteOutcome, write } from './calls.js';
import type { Transport } from './http.js';
import type { Field, FieldInput } from './wire-types.js';

export type FieldEntity = 'personFields' | 'organizationFields' | 'dealFields' | 'activityFields';

export interface ReadOnlyFieldResource {
  /** Every field, standard and custom. */
  list(): Promise<Field[]>;
}

export interface FieldResource extends ReadOnlyFieldResource {
  create(input: FieldInput): Promise<WriteOutcome<Field>>;
  /** Deletes the field and, in Pipedrive, every value it held. */
  remove(fieldCode: string): Promise<WriteOutcome<{ field_code: string }>>;
}

const hasFieldCode = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && typeof (data as { field_code?: unknown }).field_code === 'string';

export function readOnlyFieldResource(transport: Transport, entity: FieldEntity): ReadOnlyFieldResource {
  return {
    async list() {
      const fields: Field[] = [];
      for await (const page of cursorPages<Field>(transport, { method: 'GET', api: 'v2', path: `/${entity}` })) {
        fields.push(...page);
      }
      return fields;
    },
  };
}

export function fieldResource(transport: Transport, entity: Exclude<FieldEntity, 'activityFields'>): FieldResource {
  return {
    ...readOnlyFieldResource(transport, entity),
    create: (input) =>
      write<Field>(transport, { method: 'POST', api: 'v2', path: `/${entity}`, body: input }, hasFieldCode),
    async remove(fieldCode) {
      const path = `/${entity}/${encodeURIComponent(fieldCode)}`;
      const outcome = await write<unknown>(transport, { method: 'DELETE', api: 'v2', path });
      return outcome.ok ? { ok: true, data: { field_code: fieldCode } } : outcome;
    },
  };
}
