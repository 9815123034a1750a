/**
 * Fields API: v2 `/{person,organization,deal}Fields` (list, create, get, update, delete),
 * `/activityFields` (read-only), and the v1 lists (`GET /v1/personFields`, …).
 * Deleting a custom field removes its values from every record (documented as data loss).
 */
import type { SandboxCore } from '../core.js';
import { ApiError, notFound } from '../errors.js';
import {
  createCustomField,
  deleteCustomField,
  type ListedField,
  listedFields,
  renderFieldV1,
  renderFieldV2,
  updateCustomField,
} from '../fields.js';
import type { Route } from '../http/routing.js';
import { pageByOffset, pageByStart } from '../pagination.js';
import type { EntityType, FieldEntity } from '../records.js';
import { parseLimit } from '../validation.js';

const FIELD_PATHS: Readonly<Record<EntityType, string>> = {
  person: '/personFields',
  organization: '/organizationFields',
  deal: '/dealFields',
  activity: '/activityFields',
};

function includeSet(query: URLSearchParams): Set<string> {
  return new Set((query.get('include_fields') ?? '').split(',').map((item) => item.trim()));
}

function findField(core: SandboxCore, entity: EntityType, code: string | undefined): ListedField {
  const field = listedFields(core.store, entity).find((candidate) => candidate.code === code);
  if (!field) throw notFound('Field');
  return field;
}

function readRoutes(core: SandboxCore, entity: EntityType): Route[] {
  const path = FIELD_PATHS[entity];
  return [
    {
      version: 'v2',
      method: 'GET',
      path,
      handler: (ctx) => {
        const include = includeSet(ctx.query);
        const fields = listedFields(core.store, entity).map((field) => renderFieldV2(field, include));
        const { page, nextCursor } = pageByOffset(fields, parseLimit(ctx.query), ctx.query.get('cursor'));
        return { data: page, additionalData: { next_cursor: nextCursor } };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: `${path}/{field_code}`,
      handler: (ctx) => ({
        data: renderFieldV2(findField(core, entity, ctx.params.field_code), includeSet(ctx.query)),
      }),
    },
    {
      version: 'v1',
      method: 'GET',
      path,
      handler: (ctx) => {
        const owner = core.store.company.owner_user_id;
        const fields = listedFields(core.store, entity).map((field, index) => renderFieldV1(field, index + 1, owner));
        const { page, pagination } = pageByStart(fields, ctx.query);
        return { data: page, additionalData: { pagination } };
      },
    },
  ];
}

function writeRoutes(core: SandboxCore, entity: FieldEntity): Route[] {
  const path = FIELD_PATHS[entity];
  const customField = (code: string | undefined) => {
    const field = findField(core, entity, code);
    if (!field.custom) throw new ApiError(400, `${field.code} is a system field and cannot be changed or deleted`);
    return field.custom;
  };
  const listed = (code: string) => findField(core, entity, code);
  return [
    {
      version: 'v2',
      method: 'POST',
      path,
      handler: (ctx) => {
        const field = createCustomField(core.store, entity, ctx.body, core.config.plan, core.now());
        return {
          data: renderFieldV2(
            listed(field.field_code),
            new Set(['ui_visibility', 'important_fields', 'required_fields']),
          ),
        };
      },
    },
    {
      version: 'v2',
      method: 'PATCH',
      path: `${path}/{field_code}`,
      handler: (ctx) => {
        const field = updateCustomField(customField(ctx.params.field_code), ctx.body, core.now());
        return {
          data: renderFieldV2(
            listed(field.field_code),
            new Set(['ui_visibility', 'important_fields', 'required_fields']),
          ),
        };
      },
    },
    {
      version: 'v2',
      method: 'DELETE',
      path: `${path}/{field_code}`,
      handler: (ctx) => {
        const field = customField(ctx.params.field_code);
        const rendered = renderFieldV2(listed(field.field_code), new Set());
        deleteCustomField(core.store, field);
        return { data: { ...rendered, options: field.options ? field.options.map((o) => ({ ...o })) : null } };
      },
    },
  ];
}

export function fieldRouteList(core: SandboxCore): Route[] {
  return [
    ...(['person', 'organization', 'deal', 'activity'] as const).flatMap((entity) => readRoutes(core, entity)),
    ...(['person', 'organization', 'deal'] as const).flatMap((entity) => writeRoutes(core, entity)),
  ];
}
