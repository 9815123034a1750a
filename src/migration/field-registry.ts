/**
 * The field registry: the custom fields a map needs, created in Pipedrive once (an existing field with the
 * same label and type is reused), and their 40-character keys kept per project. Persons, organizations and
 * deals also get "Ferry source id", so every migrated record can be found again without Ferry's database.
 */
import { AppError } from '../domain/errors.js';
import type { MapDocument } from '../mapping/document.js';
import type { PipedriveClient } from '../pipedrive/client.js';
import type { CreatableFieldType } from '../pipedrive/wire-types.js';
import { appendApiWriteTx } from '../store/audit.js';
import { type Pool, type Queryable, withTransaction } from '../store/db.js';
import type { LoadObject } from './build-record.js';
import type { RegisteredField } from './payload.js';

export const SOURCE_ID_LABEL = 'Ferry source id';
/** Names of a patient's documents too large to upload, one per line (the document itself stays in DentAdmin). */
export const DOCUMENTS_NOT_UPLOADED_LABEL = 'Ferry documents not uploaded';
export const FIELD_OBJECTS = ['person', 'organization', 'deal'] as const;
export type FieldObject = (typeof FIELD_OBJECTS)[number];

const RESOURCE = { person: 'personFields', organization: 'organizationFields', deal: 'dealFields' } as const;

export interface NeededField {
  object: FieldObject;
  label: string;
  type: CreatableFieldType;
  options: string[];
}

function isFieldObject(object: string): object is FieldObject {
  return (FIELD_OBJECTS as readonly string[]).includes(object);
}

/** Every custom field the map writes to, plus the source-id field of each object the map loads. */
export function neededFields(map: Pick<MapDocument, 'objects'>): NeededField[] {
  const needed = new Map<string, NeededField>();
  if (map.objects.some((o) => o.target === 'file')) {
    needed.set(`person:${DOCUMENTS_NOT_UPLOADED_LABEL}`, {
      object: 'person',
      label: DOCUMENTS_NOT_UPLOADED_LABEL,
      type: 'text',
      options: [],
    });
  }
  for (const object of map.objects) {
    if (object.target !== null && isFieldObject(object.target)) {
      needed.set(`${object.target}:${SOURCE_ID_LABEL}`, {
        object: object.target,
        label: SOURCE_ID_LABEL,
        type: 'varchar',
        options: [],
      });
    }
    for (const rule of object.rules) {
      const targets = rule.to === null ? [] : typeof rule.to === 'string' ? [rule.to] : rule.to;
      for (const target of targets) {
        const match = /^(person|organization|deal)\.custom:(.+)$/.exec(target);
        if (match === null) continue;
        const fieldObject = match[1] as FieldObject;
        const label = match[2]!;
        const type = (rule.custom?.type ?? 'varchar') as CreatableFieldType;
        needed.set(`${fieldObject}:${label}`, {
          object: fieldObject,
          label,
          type,
          options: rule.custom?.options ?? [],
        });
      }
    }
  }
  return [...needed.values()];
}

export type Registry = Map<string, RegisteredField>;

const registryKey = (object: string, label: string) => `${object}:${label}`;

export async function loadRegistry(db: Queryable, project: string): Promise<Registry> {
  const { rows } = await db.query<{
    object: string;
    label: string;
    field_code: string;
    field_type: string;
    options: { id: number; label: string }[];
  }>(
    'SELECT object, label, field_code, field_type, options FROM field_registry WHERE project_id = $1 AND deleted_at IS NULL',
    [project],
  );
  return new Map(
    rows.map((r) => [registryKey(r.object, r.label), { key: r.field_code, type: r.field_type, options: r.options }]),
  );
}

export function registryField(registry: Registry, object: LoadObject, label: string): RegisteredField | undefined {
  return registry.get(registryKey(object, label));
}

async function register(
  pool: Pool,
  project: string,
  runId: number,
  need: NeededField,
  field: { field_code: string; field_type: string; options?: { id: number; label: string }[] | null },
  created: boolean,
) {
  await withTransaction(pool, async (tx) => {
    await tx.query(
      `INSERT INTO field_registry (project_id, object, label, field_code, field_type, options, created_by_ferry, created_run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (project_id, object, label) DO UPDATE SET field_code = $4, field_type = $5, options = $6,
         created_by_ferry = field_registry.created_by_ferry OR $7, deleted_at = NULL`,
      [
        project,
        need.object,
        need.label,
        field.field_code,
        field.field_type,
        JSON.stringify(field.options ?? []),
        created,
        created ? runId : null,
      ],
    );
    if (created) {
      await appendApiWriteTx(tx, project, {
        run: runId,
        method: 'POST',
        path: `/api/v2/${RESOURCE[need.object]}`,
        object: `${need.object}Field`,
        pipedriveId: field.field_code,
        status: 'created',
        tokens: 5,
      });
    }
  });
}

/**
 * Makes sure every needed field exists and is registered. Idempotent: a field already registered is left
 * alone; one that exists in Pipedrive under the same label and type is reused; only the rest are created.
 */
export async function ensureFields(
  pool: Pool,
  client: PipedriveClient,
  project: string,
  runId: number,
  needed: readonly NeededField[],
): Promise<Registry> {
  const registry = await loadRegistry(pool, project);
  const missing = needed.filter((need) => !registry.has(registryKey(need.object, need.label)));
  for (const object of FIELD_OBJECTS) {
    const todo = missing.filter((need) => need.object === object);
    if (todo.length === 0) continue;
    const existing = await client[RESOURCE[object]].list();
    for (const need of todo) {
      const same = existing.find((f) => f.is_custom_field && f.field_name === need.label && f.field_type === need.type);
      if (same !== undefined) {
        await register(pool, project, runId, need, same, false);
        continue;
      }
      const input = {
        field_name: need.label,
        field_type: need.type,
        ...(need.options.length > 0 ? { options: need.options.map((label) => ({ label })) } : {}),
      };
      const outcome = await client[RESOURCE[object]].create(input);
      if (!outcome.ok) {
        throw new AppError(
          'pipedrive_record_rejected',
          `Pipedrive refused to create the field "${need.label}": ${outcome.error.message}`,
          { cause: outcome.error },
        );
      }
      await register(pool, project, runId, need, outcome.data, true);
    }
  }
  return loadRegistry(pool, project);
}
