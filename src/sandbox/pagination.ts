/**
 * The two pagination styles.
 *
 * v2 cursor pagination [SPEC2, CORE pagination]: `limit` (default 100, max 500) and an opaque
 * `cursor`; `additional_data.next_cursor` is null at the end. Our cursors are keyset cursors shaped
 * like the ones in Pipedrive's examples (base64url of `{"field":"id","fieldValue":7,
 * "sortDirection":"asc","id":7}`), so paging stays stable while records are added.
 *
 * v1 offset pagination: `start`, `limit` → `additional_data.pagination.{start, limit,
 * more_items_in_collection, next_start}`.
 */
import { badRequest } from './errors.js';

export type SortDirection = 'asc' | 'desc';
type SortValue = string | number | null;

interface KeysetCursor {
  field: string;
  fieldValue: SortValue;
  sortDirection: SortDirection;
  id: number;
}

export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor is not valid');
  }
}

function decodeKeyset(cursor: string): KeysetCursor {
  const value = decodeJson(cursor) as Partial<KeysetCursor> | null;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    typeof value.field === 'string' &&
    (value.sortDirection === 'asc' || value.sortDirection === 'desc') &&
    typeof value.id === 'number' &&
    ['string', 'number', 'object'].includes(typeof value.fieldValue);
  if (!valid) throw badRequest('cursor is not valid');
  return value as KeysetCursor;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1; // nulls last
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export interface SortSpec {
  field: string;
  direction: SortDirection;
}

/** Reads `sort_by`/`sort_direction` (defaults: id, asc) against the fields an endpoint supports. */
export function parseSort(query: URLSearchParams, allowed: readonly string[]): SortSpec {
  const field = query.get('sort_by') || 'id';
  const direction = query.get('sort_direction') || 'asc';
  if (!allowed.includes(field)) throw badRequest(`sort_by must be one of ${allowed.join(', ')}`);
  if (direction !== 'asc' && direction !== 'desc') throw badRequest('sort_direction must be asc or desc');
  return { field, direction };
}

/**
 * One page of `items` sorted by `sort` (ties by id), starting after the cursor's position. The
 * cursor carries its own sort, which wins over the query's, as a continuation must.
 */
export function pageByKeyset<T extends { id: number }>(
  items: readonly T[],
  sort: SortSpec,
  limit: number,
  cursor: string | null,
): { page: T[]; nextCursor: string | null } {
  const after = cursor ? decodeKeyset(cursor) : undefined;
  const field = after?.field ?? sort.field;
  const direction = after?.sortDirection ?? sort.direction;
  const sign = direction === 'asc' ? 1 : -1;
  const sortValue = (item: T): SortValue => (item as unknown as Record<string, SortValue>)[field] ?? null;
  const compare = (av: SortValue, aid: number, bv: SortValue, bid: number): number =>
    sign * (compareValues(av, bv) || aid - bid);
  const sorted = [...items].sort((a, b) => compare(sortValue(a), a.id, sortValue(b), b.id));
  const rest = after
    ? sorted.filter((item) => compare(sortValue(item), item.id, after.fieldValue, after.id) > 0)
    : sorted;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rest.length > limit && last
      ? encodeCursor({ field, fieldValue: sortValue(last), sortDirection: direction, id: last.id })
      : null;
  return { page, nextCursor };
}

/** Cursor paging by position, for result lists without a stable key (search, field lists). */
export function pageByOffset<T>(
  items: readonly T[],
  limit: number,
  cursor: string | null,
): { page: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor) {
    const value = decodeJson(cursor) as { offset?: unknown } | null;
    if (typeof value?.offset !== 'number' || !Number.isInteger(value.offset) || value.offset < 0) {
      throw badRequest('cursor is not valid');
    }
    offset = value.offset;
  }
  const page = items.slice(offset, offset + limit);
  const nextCursor = offset + limit < items.length ? encodeCursor({ offset: offset + limit }) : null;
  return { page, nextCursor };
}

export interface V1Pagination {
  start: number;
  limit: number;
  more_items_in_collection: boolean;
  next_start?: number;
}

/** v1 `start`/`limit` paging; `maxLimit` is 500 for most lists and 100 for files. */
export function pageByStart<T>(
  items: readonly T[],
  query: URLSearchParams,
  maxLimit = 500,
): { page: T[]; pagination: V1Pagination } {
  const startText = query.get('start') ?? '0';
  const limitText = query.get('limit') ?? '100';
  if (!/^\d+$/.test(startText)) throw badRequest('start must be a non-negative integer');
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > maxLimit) {
    throw badRequest(`limit must be an integer between 1 and ${maxLimit}`);
  }
  const start = Number(startText);
  const limit = Number(limitText);
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    page,
    pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) },
  };
}
