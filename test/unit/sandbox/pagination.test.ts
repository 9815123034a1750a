import { describe, expect, it } from 'vitest';
import { pageByKeyset, pageByOffset, pageByStart } from '../../../src/sandbox/pagination.js';

const items = Array.from({ length: 7 }, (_, index) => ({ id: index + 1, update_time: `2026-01-0${(index % 3) + 1}` }));

describe('pageByKeyset', () => {
  it('walks all items in pages and ends with a null cursor', () => {
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: { page: { id: number }[]; nextCursor: string | null } = pageByKeyset(
        items,
        { field: 'id', direction: 'asc' },
        3,
        cursor,
      );
      ids.push(...result.page.map((item) => item.id));
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
  });

  it('encodes cursors like Pipedrive (base64url JSON), breaks ties by id and keeps the sort of the cursor', () => {
    const first = pageByKeyset(items, { field: 'update_time', direction: 'desc' }, 2, null);
    expect(JSON.parse(Buffer.from(first.nextCursor ?? '', 'base64url').toString())).toEqual({
      field: 'update_time',
      fieldValue: '2026-01-03',
      sortDirection: 'desc',
      id: 3,
    });
    const second = pageByKeyset(items, { field: 'id', direction: 'asc' }, 10, first.nextCursor);
    expect(second.page.map((item) => item.id)).toEqual([5, 2, 7, 4, 1]);
  });

  it('does not skip or repeat items when records are added between pages', () => {
    const first = pageByKeyset(items, { field: 'id', direction: 'asc' }, 4, null);
    const grown = [...items, { id: 8, update_time: '2026-01-09' }];
    const second = pageByKeyset(grown, { field: 'id', direction: 'asc' }, 10, first.nextCursor);
    expect(second.page.map((item) => item.id)).toEqual([5, 6, 7, 8]);
  });

  it('rejects a cursor it did not issue', () => {
    expect(() => pageByKeyset(items, { field: 'id', direction: 'asc' }, 3, 'bm9wZQ')).toThrow(/cursor/);
  });
});

describe('pageByOffset and pageByStart', () => {
  it('pages by position', () => {
    const first = pageByOffset([1, 2, 3], 2, null);
    expect(first.page).toEqual([1, 2]);
    expect(pageByOffset([1, 2, 3], 2, first.nextCursor)).toEqual({ page: [3], nextCursor: null });
  });

  it('reports v1 pagination with next_start only when there is more', () => {
    const query = new URLSearchParams({ start: '0', limit: '2' });
    expect(pageByStart([1, 2, 3], query).pagination).toEqual({
      start: 0,
      limit: 2,
      more_items_in_collection: true,
      next_start: 2,
    });
    expect(pageByStart([1, 2, 3], new URLSearchParams({ start: '2', limit: '2' })).pagination).toEqual({
      start: 2,
      limit: 2,
      more_items_in_collection: false,
    });
    expect(() => pageByStart([1], new URLSearchParams({ limit: '101' }), 100)).toThrow(/limit/);
  });
});
