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

/** Attempts to create a field whose answer was lost before Ferry gives up (the run's job is retried then). */
const FIELD_CREATE_ATTEMPTS = 4;

function sameField<F extends { is_custom_field: boolean; field_name: string; field_type: string }>(
  fields: readonly F[],
  need: NeededField,
): F | undefined {
  return fields.find((f) => f.is_custom_field && f.field_name === need.label && f.field_type === need.type);
}

async function fieldIntents(db: Queryable, project: string): Promise<Set<string>> {
  const { rows } = await db.query<{ object: string; label: string }>(
    'SELECT object, label FROM field_intents WHERE project_id = $1',
    [project],
  );
  return new Set(rows.map((r) => registryKey(r.object, r.label)));
}

/**
 * Creates a field. Pipedrive has no idempotency keys, so an answer lost after the request was sent is resolved
 * by listing the fields again: the field is there (Ferry's), or the create is tried again.
 */
async function createField(client: PipedriveClient, need: NeededField) {
  const resource = client[RESOURCE[need.object]];
  const input = {
    field_name: need.label,
    field_type: need.type,
    ...(need.options.length > 0 ? { options: need.options.map((label) => ({ label })) } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const outcome = await resource.create(input);
    if (outcome.ok) return outcome.data;
    if (outcome.kind === 'uncertain') {
      const found = sameField(await resource.list(), need);
      if (found !== undefined) return found;
      if (attempt < FIELD_CREATE_ATTEMPTS) continue;
    }
    throw new AppError(
      'pipedrive_record_rejected',
      `Pipedrive refused to create the field "${need.label}": ${outcome.error.message}`,
      { cause: outcome.error },
    );
  }
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
  const intended = await fieldIntents(pool, project);
  for (const object of FIELD_OBJECTS) {
    const todo = missing.filter((need) => need.object === object);
    if (todo.length === 0) continue;
    const existing = await client[RESOURCE[object]].list();
    for (const need of todo) {
      const same = sameField(existing, need);
      if (same !== undefined) {
        // Found: the practice's own field, or Ferry's from an attempt whose answer or worker was lost.
        await register(pool, project, runId, need, same, intended.has(registryKey(need.object, need.label)));
        continue;
      }
      await pool.query(
        `INSERT INTO field_intents (project_id, object, label, run_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [project, need.object, need.label, runId],
      );
      await register(pool, project, runId, need, await createField(client, need), true);
    }
  }
  return loadRegistry(pool, project);
}
