/**
 * Persons, organizations, deals and activities over API v2: create, read (one, many by `ids=`, all by
 * cursor), update (PATCH) and delete, plus the searches Ferry uses to find a record it may already have
 * created.
 */
import {
  chunk,
  cursorPages,
  hasNumericId,
  IDS_BATCH,
  read,
  readOrNull,
  rejectLocally,
  type WriteOutcome,
  write,
} from './calls.js';
import type { CallSpec, QueryValue, Transport } from './http.js';
import {
  type CustomFields,
  type EntityName,
  type EntityTypes,
  type ItemSearchEntity,
  type ItemSearchFieldHit,
  isCustomFieldKey,
  type PersonSearchHit,
} from './wire-types.js';

/** Filters of the v2 list endpoints (each entity accepts its own subset; see the OpenAPI file). */
export interface ListFilter {
  owner_id?: number;
  org_id?: number;
  person_id?: number;
  deal_id?: number;
  /** RFC 3339 with whole seconds. */
  updated_since?: string;
  updated_until?: string;
  sort_by?: 'id' | 'update_time' | 'add_time';
  sort_direction?: 'asc' | 'desc';
  /** Comma-separated custom field keys to return (at most 15). */
  custom_fields?: string;
}

export interface EntityResource<I, R> {
  create(input: I): Promise<WriteOutcome<R>>;
  /** Null when Pipedrive has no such record (404/410). */
  get(id: number): Promise<R | null>;
  /** Every record matching the filter, one page (≤ 500) at a time. */
  list(filter?: ListFilter): AsyncGenerator<R[]>;
  /** The records among `ids` that exist, read 100 per request; missing ones are left out. */
  getMany(ids: readonly number[]): Promise<R[]>;
  update(id: number, patch: Partial<I>): Promise<WriteOutcome<R>>;
  remove(id: number): Promise<WriteOutcome<{ id: number }>>;
}

function badCustomFieldKeys(input: unknown): string[] {
  const fields = (input as { custom_fields?: CustomFields } | undefined)?.custom_fields;
  return fields === undefined ? [] : Object.keys(fields).filter((key) => !isCustomFieldKey(key));
}

/** Writes with a custom field key that is not a 40-character hash are refused before sending. */
async function checkedWrite<R>(transport: Transport, spec: CallSpec, isComplete?: (data: unknown) => boolean) {
  const bad = badCustomFieldKeys(spec.body);
  if (bad.length > 0) {
    return rejectLocally<R>(
      spec,
      `Custom field key "${bad[0]}" is not a Pipedrive field key (40 hexadecimal characters).`,
    );
  }
  return write<R>(transport, spec, isComplete);
}

export function entityResource<E extends EntityName>(
  transport: Transport,
  entity: E,
): EntityResource<EntityTypes[E]['input'], EntityTypes[E]['record']> {
  type R = EntityTypes[E]['record'];
  const base = `/${entity}`;
  return {
    create: (input) => checkedWrite<R>(transport, { method: 'POST', api: 'v2', path: base, body: input }, hasNumericId),
    get: (id) => readOrNull<R>(transport, { method: 'GET', api: 'v2', path: `${base}/${id}` }),
    list: (filter = {}) => cursorPages<R>(transport, { method: 'GET', api: 'v2', path: base, query: { ...filter } }),
    async getMany(ids) {
      const found: R[] = [];
      for (const batch of chunk([...new Set(ids)], IDS_BATCH)) {
        const query = { ids: batch.join(','), limit: batch.length };
        found.push(...(await read<R[]>(transport, { method: 'GET', api: 'v2', path: base, query })));
      }
      return found;
    },
    update: (id, patch) =>
      checkedWrite<R>(transport, { method: 'PATCH', api: 'v2', path: `${base}/${id}`, body: patch }),
    async remove(id) {
      const outcome = await write<unknown>(transport, { method: 'DELETE', api: 'v2', path: `${base}/${id}` });
      return outcome.ok ? { ok: true, data: { id } } : outcome;
    },
  };
}

export interface PersonSearch {
  term: string;
  fields?: 'name' | 'email' | 'phone' | 'notes' | 'custom_fields';
  exact_match?: boolean;
  organization_id?: number;
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** `GET /api/v2/persons/search` (20 tokens, search burst limit): every hit. */
export function searchPersons(transport: Transport, search: PersonSearch): Promise<PersonSearchHit[]> {
  return collect(searchPages<PersonSearchHit>(transport, '/persons/search', { ...search }));
}

/** Search answers wrap their hits in `data.items`; the spec's itemSearch/field example returns a bare array. */
function searchPages<T>(transport: Transport, path: string, query: Record<string, QueryValue>) {
  const itemsOf = (data: unknown): unknown[] =>
    Array.isArray(data) ? data : ((data as { items?: unknown[] } | null)?.items ?? []);
  return cursorPages<T>(transport, { method: 'GET', api: 'v2', path, query }, itemsOf);
}

export interface FieldSearch {
  entity_type: ItemSearchEntity;
  /** The custom field's key. */
  field: string;
  term: string;
  /** Default exact (case-sensitive). */
  match?: 'exact' | 'beginning' | 'middle';
}

/**
 * `GET /api/v2/itemSearch/field` (20 tokens): the records whose field holds `term`, e.g. the one carrying
 * a given "Ferry source id". The spec's schema wraps hits as `{ result_score, item }` while its example
 * returns `{ id, name }`; both are read.
 */
export async function searchByField(transport: Transport, search: FieldSearch): Promise<ItemSearchFieldHit[]> {
  const query = { ...search, match: search.match ?? 'exact' };
  const hits = await collect(searchPages<unknown>(transport, '/itemSearch/field', query));
  return hits.flatMap((hit) => {
    const record = hit as { id?: unknown; name?: unknown; item?: { id?: unknown; name?: unknown } };
    const source = typeof record.item?.id === 'number' ? record.item : record;
    if (typeof source.id !== 'number') return [];
    return [typeof source.name === 'string' ? { id: source.id, name: source.name } : { id: source.id }];
  });
}
