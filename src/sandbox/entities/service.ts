/**
 * Create, update, soft-delete, get and list for the four v2 entities, independent of HTTP: used by
 * the routes and by the sandbox's own helpers (`editAsUser`, `createAsUser`).
 *
 * Documented semantics [SPEC2, MIG]: DELETE marks the record `is_deleted: true`; a deleted record is
 * gone from lists and from GET (404) and cannot be updated. Lists filter by `ids` (≤ 100, missing
 * ids are skipped), `updated_since` (≥) / `updated_until` (<) in RFC 3339, and sort by `sort_by`.
 */
import { type Actor, recordChanges } from '../changelog.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import { pageByKeyset, parseSort } from '../pagination.js';
import type { Plan } from '../plans.js';
import type { EntityRecords, EntityType } from '../records.js';
import type { Store } from '../store.js';
import { parseRfc3339 } from '../time.js';
import { parseLimit } from '../validation.js';
import { activityDefinition } from './activity.js';
import type { EntityDefinition, RenderOptions, WriteEnv } from './common.js';
import { dealDefinition } from './deal.js';
import { organizationDefinition } from './organization.js';
import { personDefinition } from './person.js';

export const DEFINITIONS: { readonly [E in EntityType]: EntityDefinition<E> } = {
  person: personDefinition,
  organization: organizationDefinition,
  deal: dealDefinition,
  activity: activityDefinition,
};

export interface ServiceSettings {
  plan: Plan;
  strictCustomFields: boolean;
  now: () => Date;
}

const MAX_IDS = 100;
const MAX_CUSTOM_FIELD_KEYS = 15;

function parseIds(query: URLSearchParams): Set<number> | undefined {
  const value = query.get('ids');
  if (value === null || value === '') return undefined;
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length > MAX_IDS) throw badRequest(`ids: at most ${MAX_IDS} ids per request`);
  if (!parts.every((part) => /^\d+$/.test(part))) throw badRequest('ids must be a comma-separated list of integers');
  return new Set(parts.map(Number));
}

function parseTimeBound(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const date = parseRfc3339(value);
  if (!date)
    throw badRequest(`${name} is not a valid datetime (RFC 3339 with whole seconds, e.g. 2025-01-01T10:20:00Z)`);
  return date.getTime();
}

/** `custom_fields=` query parameter (at most 15 keys [SPEC2]). */
export function renderOptionsFrom(query: URLSearchParams | undefined): RenderOptions {
  const value = query?.get('custom_fields');
  if (value === null || value === undefined || value === '') return {};
  const keys = value.split(',').map((key) => key.trim());
  if (keys.length > MAX_CUSTOM_FIELD_KEYS) throw badRequest(`custom_fields: at most ${MAX_CUSTOM_FIELD_KEYS} keys`);
  return { customFieldKeys: new Set(keys) };
}

export class EntityService {
  constructor(
    private readonly store: Store,
    private readonly settings: ServiceSettings,
  ) {}

  private env(actor: Actor): WriteEnv {
    return {
      store: this.store,
      now: this.settings.now(),
      plan: this.settings.plan,
      strictCustomFields: this.settings.strictCustomFields,
      actorUserId: actor.userId,
    };
  }

  create<E extends EntityType>(type: E, input: unknown, actor: Actor): EntityRecords[E] {
    const definition = DEFINITIONS[type] as EntityDefinition<E>;
    const env = this.env(actor);
    // Validate before taking an id, so that refused requests leave no gap in the sequence.
    definition.create(input, env, 0);
    const record = definition.create(input, env, this.store.nextId(type));
    this.store.records(type).set(record.id, record);
    return record;
  }

  getLive<E extends EntityType>(type: E, id: number): EntityRecords[E] {
    const record = this.store.live(type, id);
    if (!record) throw notFound(DEFINITIONS[type].label);
    return record;
  }

  update<E extends EntityType>(type: E, id: number, input: unknown, actor: Actor): EntityRecords[E] {
    const definition = DEFINITIONS[type] as EntityDefinition<E>;
    const before = this.getLive(type, id);
    const env = this.env(actor);
    const after = definition.update(before, input, env);
    this.store.records(type).set(id, after);
    if (type !== 'activity')
      recordChanges(this.store, type as Exclude<EntityType, 'activity'>, before, after, actor, env.now);
    return after;
  }

  /** Soft delete: the record stays, marked `is_deleted`, invisible to the API. */
  remove(type: EntityType, id: number): void {
    const record = this.getLive(type, id);
    this.store.records(type).set(id, { ...record, is_deleted: true });
  }

  list<E extends EntityType>(
    type: E,
    query: URLSearchParams,
  ): { records: EntityRecords[E][]; nextCursor: string | null } {
    const definition = DEFINITIONS[type] as EntityDefinition<E>;
    if (query.get('filter_id')) throw new ApiError(400, 'filter_id is not supported by the Ferry sandbox');
    const ids = parseIds(query);
    const since = parseTimeBound(query, 'updated_since');
    const until = parseTimeBound(query, 'updated_until');
    const sort = parseSort(query, definition.sortFields);
    const limit = parseLimit(query);
    const entityFilter = definition.listFilter(query, this.store);
    const matches = [...this.store.records(type).values()].filter((record) => {
      if (record.is_deleted && !definition.listsDeleted) return false;
      if (ids && !ids.has(record.id)) return false;
      const updated = Date.parse(record.update_time);
      if (since !== undefined && updated < since) return false;
      if (until !== undefined && updated >= until) return false;
      return entityFilter(record);
    });
    const { page, nextCursor } = pageByKeyset(matches, sort, limit, query.get('cursor'));
    return { records: page, nextCursor };
  }

  render<E extends EntityType>(type: E, record: EntityRecords[E], query?: URLSearchParams): object {
    const definition = DEFINITIONS[type] as EntityDefinition<E>;
    return definition.render(record, this.store, renderOptionsFrom(query));
  }
}
