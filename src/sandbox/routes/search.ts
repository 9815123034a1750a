/** v2 search: `/persons/search`, `/organizations/search`, `/itemSearch/field` (Search API limits apply). */
import type { SandboxCore } from '../core.js';
import type { Route } from '../http/routing.js';
import { pageByOffset } from '../pagination.js';
import { parseSearchQuery, searchField, searchOrganizations, searchPersons } from '../search.js';
import { optionalIntQuery, parseLimit } from '../validation.js';

const PERSON_FIELDS = ['name', 'email', 'phone', 'notes', 'custom_fields'] as const;
const ORGANIZATION_FIELDS = ['name', 'address', 'notes', 'custom_fields'] as const;

export function searchRouteList(core: SandboxCore): Route[] {
  return [
    {
      version: 'v2',
      method: 'GET',
      path: '/persons/search',
      handler: (ctx) => {
        const query = parseSearchQuery(ctx.query, PERSON_FIELDS);
        const hits = searchPersons(core.store, query, optionalIntQuery(ctx.query, 'organization_id'));
        const { page, nextCursor } = pageByOffset(hits, parseLimit(ctx.query), ctx.query.get('cursor'));
        return { data: { items: page }, additionalData: { next_cursor: nextCursor } };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: '/organizations/search',
      handler: (ctx) => {
        const hits = searchOrganizations(core.store, parseSearchQuery(ctx.query, ORGANIZATION_FIELDS));
        const { page, nextCursor } = pageByOffset(hits, parseLimit(ctx.query), ctx.query.get('cursor'));
        return { data: { items: page }, additionalData: { next_cursor: nextCursor } };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: '/itemSearch/field',
      handler: (ctx) => {
        const found = searchField(core.store, ctx.query);
        const { page, nextCursor } = pageByOffset(found, parseLimit(ctx.query), ctx.query.get('cursor'));
        return { data: page, additionalData: { next_cursor: nextCursor } };
      },
    },
  ];
}
