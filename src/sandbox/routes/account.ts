/**
 * The company's users (`GET /v1/users`, `/v1/users/me`, `/v1/users/{id}`), activity types
 * (`GET/POST /v1/activityTypes`) and the default pipeline (`GET /api/v2/pipelines`, `/stages`).
 * `POST /v1/activityTypes` derives `key_string` from the name (documented: "generated from the
 * name"; the exact rule — lower case, non-alphanumerics to `_`, a numeric suffix on collision — is ours).
 */
import { z } from 'zod';
import type { SandboxCore } from '../core.js';
import { ApiError, notFound } from '../errors.js';
import type { Route } from '../http/routing.js';
import { pageByKeyset, parseSort } from '../pagination.js';
import { PIPELINES, STAGES } from '../pipelines.js';
import type { ActivityTypeRecord, UserRecord } from '../records.js';
import { toRfc3339, toV1DateTime } from '../time.js';
import { optionalIntQuery, parseIdParam, parseLimit } from '../validation.js';

const ICON_KEYS = [
  'task',
  'email',
  'meeting',
  'deadline',
  'call',
  'lunch',
  'calendar',
  'downarrow',
  'document',
  'smartphone',
  'camera',
  'scissors',
  'cogs',
  'bubble',
  'uparrow',
  'checkbox',
  'signpost',
  'shuffle',
  'addressbook',
  'linegraph',
  'picture',
  'car',
  'world',
  'search',
  'clip',
  'sound',
  'brush',
  'key',
  'padlock',
  'pricetag',
  'suitcase',
  'finish',
  'plane',
  'loop',
  'wifi',
  'truck',
  'cart',
  'bulb',
  'bell',
  'presentation',
] as const;

const activityTypeBody = z.object({
  name: z.string().trim().min(1),
  icon_key: z.enum(ICON_KEYS),
  color: z
    .string()
    .regex(/^[0-9a-fA-F]{6}$/)
    .optional(),
});

function renderUser(core: SandboxCore, user: UserRecord): Record<string, unknown> {
  const isMe = user.id === core.store.company.owner_user_id;
  return {
    id: user.id,
    name: user.name,
    default_currency: core.store.company.default_currency,
    locale: 'nl_BE',
    lang: 1,
    email: user.email,
    phone: null,
    activated: user.active_flag,
    last_login: user.created,
    created: user.created,
    modified: user.created,
    has_created_company: isMe,
    access: [
      { app: 'global', admin: user.is_admin, permission_set_id: user.is_admin ? 'global-admin' : 'global-regular' },
    ],
    active_flag: user.active_flag,
    timezone_name: 'Europe/Brussels',
    timezone_offset: '+01:00',
    role_id: 1,
    icon_url: null,
    is_you: isMe,
    is_deleted: false,
  };
}

export function keyStringFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'activity';
  let key = base;
  for (let suffix = 2; taken.has(key); suffix += 1) key = `${base}_${suffix}`;
  return key;
}

function createActivityType(core: SandboxCore, input: unknown): ActivityTypeRecord {
  const parsed = activityTypeBody.safeParse(input);
  if (!parsed.success)
    throw new ApiError(400, `Validation failed: ${parsed.error.issues[0]?.path.join('.')} is invalid`);
  const types = [...core.store.activityTypes.values()];
  const now = toV1DateTime(core.now());
  const type: ActivityTypeRecord = {
    id: core.store.nextId('activityType'),
    name: parsed.data.name,
    icon_key: parsed.data.icon_key,
    color: parsed.data.color ?? null,
    order_nr: types.length + 1,
    key_string: keyStringFor(parsed.data.name, new Set(types.map((existing) => existing.key_string))),
    active_flag: true,
    is_custom_flag: true,
    add_time: now,
    update_time: now,
  };
  core.store.activityTypes.set(type.id, type);
  return type;
}

const FIXED_TIME = toRfc3339(new Date('2024-01-01T00:00:00Z'));

export function accountRouteList(core: SandboxCore): Route[] {
  const me = () => renderUser(core, core.store.me());
  return [
    {
      version: 'v1',
      method: 'GET',
      path: '/users',
      handler: () => ({ data: [...core.store.users.values()].map((user) => renderUser(core, user)) }),
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/users/me',
      handler: () => ({
        data: {
          ...me(),
          company_id: core.store.company.id,
          company_name: core.store.company.name,
          company_domain: core.store.company.domain,
          company_country: 'BE',
          company_industry: 'Healthcare',
          language: { language_code: 'nl', country_code: 'BE' },
        },
      }),
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/users/{id}',
      handler: (ctx) => {
        const user = core.store.users.get(parseIdParam(ctx.params.id));
        if (!user) throw new ApiError(404, 'User not found or not accessible.');
        return { data: renderUser(core, user) };
      },
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/activityTypes',
      handler: () => ({ data: [...core.store.activityTypes.values()].map((type) => ({ ...type })) }),
    },
    {
      version: 'v1',
      method: 'POST',
      path: '/activityTypes',
      handler: (ctx) => ({ data: { ...createActivityType(core, ctx.body) } }),
    },
    {
      version: 'v2',
      method: 'GET',
      path: '/pipelines',
      handler: (ctx) => {
        const pipelines = PIPELINES.map((pipeline) => ({ ...pipeline, add_time: FIXED_TIME, update_time: FIXED_TIME }));
        const { page, nextCursor } = pageByKeyset(
          pipelines,
          parseSort(ctx.query, ['id', 'update_time', 'add_time']),
          parseLimit(ctx.query),
          ctx.query.get('cursor'),
        );
        return { data: page, additionalData: { next_cursor: nextCursor } };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: '/stages',
      handler: (ctx) => {
        const pipelineId = optionalIntQuery(ctx.query, 'pipeline_id');
        const stages = STAGES.filter((stage) => pipelineId === undefined || stage.pipeline_id === pipelineId).map(
          (stage) => ({
            ...stage,
            add_time: FIXED_TIME,
            update_time: FIXED_TIME,
          }),
        );
        const sort = parseSort(ctx.query, ['id', 'update_time', 'add_time', 'order_nr']);
        const { page, nextCursor } = pageByKeyset(stages, sort, parseLimit(ctx.query), ctx.query.get('cursor'));
        return { data: page, additionalData: { next_cursor: nextCursor } };
      },
    },
    {
      version: 'v2',
      method: 'GET',
      path: '/stages/{id}',
      handler: (ctx) => {
        const stage = STAGES.find((candidate) => candidate.id === parseIdParam(ctx.params.id));
        if (!stage) throw notFound('Stage');
        return { data: { ...stage, add_time: FIXED_TIME, update_time: FIXED_TIME } };
      },
    },
  ];
}
