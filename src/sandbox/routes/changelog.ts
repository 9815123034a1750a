/** `GET /v1/{persons,organizations,deals}/{id}/changelog` (cursor-paged, newest first). */
import { changelogOf, pageChangelog } from '../changelog.js';
import type { SandboxCore } from '../core.js';
import { notFound } from '../errors.js';
import type { Route } from '../http/routing.js';
import type { FieldEntity } from '../records.js';
import { parseIdParam, parseLimit } from '../validation.js';

const SEGMENTS: readonly [FieldEntity, string, string][] = [
  ['person', 'persons', 'Person'],
  ['organization', 'organizations', 'Organization'],
  ['deal', 'deals', 'Deal'],
];

export function changelogRouteList(core: SandboxCore): Route[] {
  return SEGMENTS.map(([entity, segment, label]) => ({
    version: 'v1',
    method: 'GET',
    path: `/${segment}/{id}/changelog`,
    handler: (ctx) => {
      const id = parseIdParam(ctx.params.id);
      // Our assumption: the history of a deleted record is still readable (it exists for 30 days).
      if (!core.store.records(entity).has(id)) throw notFound(label);
      const { page, nextCursor } = pageChangelog(
        changelogOf(core.store, entity, id),
        parseLimit(ctx.query),
        ctx.query.get('cursor'),
      );
      return { data: page, additionalData: { next_cursor: nextCursor } };
    },
  }));
}
