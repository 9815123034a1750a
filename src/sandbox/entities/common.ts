/**
 * What the four v2 entities share: the environment a write runs in, reference checks (owner, linked
 * records), `visible_to` per plan, and the definition each entity module provides.
 */
import { type CustomValueContext, renderCustomFields } from '../custom-values.js';
import { ApiError, badRequest } from '../errors.js';
import { customFieldsOf } from '../fields.js';
import { type Plan, VISIBILITY_VALUES } from '../plans.js';
import type { CustomFieldValues, EntityRecords, EntityType } from '../records.js';
import type { Store } from '../store.js';

export interface WriteEnv {
  readonly store: Store;
  readonly now: Date;
  readonly plan: Plan;
  readonly strictCustomFields: boolean;
  /** The user a write is attributed to (owner by default, creator). */
  readonly actorUserId: number;
}

export interface RenderOptions {
  /** `custom_fields=` query parameter: only these keys. */
  readonly customFieldKeys?: ReadonlySet<string>;
}

/** The rules of one entity. Records are never mutated in place: `update` returns a new record. */
export interface EntityDefinition<E extends EntityType> {
  readonly type: E;
  /** Singular, capitalised, for messages: `Person not found`. */
  readonly label: string;
  /** `sort_by` values the list accepts [SPEC2]. */
  readonly sortFields: readonly string[];
  /** Whether `listFilter` decides about deleted records itself (deals: `status=deleted`). */
  readonly listsDeleted?: boolean;
  create(input: unknown, env: WriteEnv, id: number): EntityRecords[E];
  update(record: EntityRecords[E], input: unknown, env: WriteEnv): EntityRecords[E];
  /** Builds the entity-specific list filter from the query (400 on bad values). */
  listFilter(query: URLSearchParams, store: Store): (record: EntityRecords[E]) => boolean;
  render(record: EntityRecords[E], store: Store, options: RenderOptions): object;
}

export function requireUser(env: WriteEnv, id: number, field = 'owner_id'): number {
  if (!env.store.users.has(id)) throw badRequest(`${field}: user ${id} does not exist`);
  return id;
}

/** A linked record must exist and not be deleted (400 otherwise, as the brief's Pipedrive does). */
export function requireLinked(env: WriteEnv, entity: EntityType, id: number | null, field: string): number | null {
  if (id === null) return null;
  if (!env.store.live(entity, id)) throw badRequest(`${field}: ${entity} ${id} does not exist`);
  return id;
}

/** Documented: a `visible_to` the plan does not know is refused with 403. */
export function checkVisibleTo(env: WriteEnv, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!VISIBILITY_VALUES[env.plan].includes(value)) {
    throw new ApiError(403, `visible_to ${value} is not available on this plan`);
  }
  return value;
}

/** Default visibility for new records: 3 (entire company on Lite/Growth; owner's group above). */
export const DEFAULT_VISIBLE_TO = 3;

export function customValueContext(env: WriteEnv, entity: EntityType): CustomValueContext {
  return {
    fields: customFieldsOf(env.store, entity),
    strict: env.strictCustomFields,
    defaultCurrency: env.store.company.default_currency,
  };
}

export function renderedCustomFields(
  store: Store,
  entity: EntityType,
  values: CustomFieldValues,
  options: RenderOptions,
): Record<string, unknown> {
  return renderCustomFields(values, customFieldsOf(store, entity).values(), options.customFieldKeys);
}

/** Filters every entity list shares: owner_id. */
export function ownerFilter(query: URLSearchParams): ((record: { owner_id: number }) => boolean) | undefined {
  const value = query.get('owner_id');
  if (value === null || value === '') return undefined;
  const ownerId = Number(value);
  if (!Number.isInteger(ownerId) || ownerId <= 0) throw badRequest('owner_id must be a positive integer');
  return (record) => record.owner_id === ownerId;
}

/** Combines optional predicates into one. */
export function allOf<T>(predicates: readonly (((item: T) => boolean) | undefined)[]): (item: T) => boolean {
  const active = predicates.filter((predicate): predicate is (item: T) => boolean => predicate !== undefined);
  return (item) => active.every((predicate) => predicate(item));
}

/** Reads an optional positive-integer query parameter. */
export function idQuery(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw badRequest(`${name} must be a positive integer`);
  return id;
}
