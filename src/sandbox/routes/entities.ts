/** v2 CRUD for persons, organizations, deals and activities (`/api/v2/{persons,…}`). */
import type { SandboxCore } from '../core.js';
import type { Route } from '../http/routing.js';
import type { EntityType } from '../records.js';
import { parseIdParam } from '../validation.js';

/** The URL segment of each entity. */
export const ENTITY_PATHS: Readonly<Record<EntityType, string>> = {
  person: 'persons',
  organization: 'organizations',
  deal: 'deals',
  activity: 'activities',
};

function entityRoutes(core: SandboxCore, type: EntityType): Route[] {
  const base = `/${ENTITY_PATHS[type]}`;
  const service = core.entities;
  return [
    {
      version: 'v2',
      method: 'POST',
      path: base,
      handler: (ctx) => ({ data: service.render(type, service.create(type, ctx.body, ctx.actor)) }),
    },
    {
      version: 'v2',
      method: 'GET',
      path: base,
      handler: (ctx) => {
        const { records, nextCursor } = service.list(type, ctx.query);
        return {
          data: records.map((record) => service.render(type, record, ctx.query)),
          additionalData: { next_cursor: nextCursor },
        };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: `${base}/{id}`,
      handler: (ctx) => ({
        data: service.render(type, service.getLive(type, parseIdParam(ctx.params.id)), ctx.query),
      }),
    },
    {
      version: 'v2',
      method: 'PATCH',
      path: `${base}/{id}`,
      handler: (ctx) => ({
        data: service.render(type, service.update(type, parseIdParam(ctx.params.id), ctx.body, ctx.actor)),
      }),
    },
    {
      version: 'v2',
      method: 'DELETE',
      path: `${base}/{id}`,
      handler: (ctx) => {
        const id = parseIdParam(ctx.params.id);
        service.remove(type, id);
        return { data: { id } };
      },
    },
  ];
}

export function entityRouteList(core: SandboxCore): Route[] {
  return (['person', 'organization', 'deal', 'activity'] as const).flatMap((type) => entityRoutes(core, type));
}
