/**
 * Deals (v2) [SPEC2, MIG]: `title` required; `person_id`/`org_id` must name live records (400
 * otherwise); `status` open|won|lost sets `won_time`/`lost_time`/`close_time`; `lost_reason` only
 * when lost. No `add_time` in v2 (removed from the schema as "not supported"): ignored.
 * `GET /api/v2/deals` hides archived deals and, unless `status` includes `deleted`, deleted ones.
 */
import { z } from 'zod';
import { applyCustomFields } from '../custom-values.js';
import { badRequest } from '../errors.js';
import { DEFAULT_PIPELINE_ID, firstStageOf, STAGES } from '../pipelines.js';
import type { DealRecord } from '../records.js';
import { toRfc3339 } from '../time.js';
import { dateOnly, intId, nullableIntId, parseInput, rfc3339 } from '../validation.js';
import {
  allOf,
  checkVisibleTo,
  customValueContext,
  DEFAULT_VISIBLE_TO,
  type EntityDefinition,
  idQuery,
  ownerFilter,
  renderedCustomFields,
  requireLinked,
  requireUser,
  type WriteEnv,
} from './common.js';

const dealBody = z.object({
  title: z.string().optional(),
  owner_id: intId.optional(),
  person_id: nullableIntId.optional(),
  org_id: nullableIntId.optional(),
  pipeline_id: intId.optional(),
  stage_id: intId.optional(),
  value: z.number().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
    .optional(),
  status: z.enum(['open', 'won', 'lost']).optional(),
  probability: z.number().min(0).max(100).nullable().optional(),
  lost_reason: z.string().nullable().optional(),
  visible_to: z.number().int().optional(),
  close_time: rfc3339.nullable().optional(),
  won_time: rfc3339.optional(),
  lost_time: rfc3339.optional(),
  expected_close_date: dateOnly.nullable().optional(),
  label_ids: z.array(z.number().int()).optional(),
  is_archived: z.boolean().optional(),
  archive_time: z.string().optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

type DealBody = z.infer<typeof dealBody>;

function resolveStage(body: DealBody, current: DealRecord | undefined): { pipelineId: number; stageId: number } {
  const pipelineId = body.pipeline_id ?? current?.pipeline_id ?? DEFAULT_PIPELINE_ID;
  const stageId =
    body.stage_id ??
    (body.pipeline_id !== undefined && body.pipeline_id !== current?.pipeline_id ? undefined : current?.stage_id) ??
    firstStageOf(pipelineId)?.id;
  const stage = STAGES.find((candidate) => candidate.id === stageId);
  if (stageId === undefined || !stage) throw badRequest(`stage_id: stage ${stageId ?? '?'} does not exist`);
  if (stage.pipeline_id !== pipelineId) throw badRequest(`stage_id: stage ${stageId} is not in pipeline ${pipelineId}`);
  return { pipelineId, stageId };
}

/** Status timestamps: set when the status changes, cleared on reopening. */
function statusTimes(body: DealBody, current: DealRecord | undefined, time: string) {
  const status = body.status ?? current?.status ?? 'open';
  const changed = status !== (current?.status ?? 'open') || !current;
  const lostReason = body.lost_reason !== undefined ? body.lost_reason : (current?.lost_reason ?? null);
  if (lostReason !== null && status !== 'lost') throw badRequest('lost_reason can only be set if deal status is lost');
  if (status === 'open') return { status, lost_reason: null, close_time: null, won_time: null, lost_time: null };
  const close = body.close_time ?? (changed ? time : (current?.close_time ?? time));
  return {
    status,
    lost_reason: lostReason,
    close_time: close,
    won_time: status === 'won' ? (body.won_time ?? (changed ? close : current?.won_time) ?? close) : null,
    lost_time: status === 'lost' ? (body.lost_time ?? (changed ? close : current?.lost_time) ?? close) : null,
  };
}

function apply(body: DealBody, env: WriteEnv, current: DealRecord | undefined): Omit<DealRecord, 'id' | 'add_time'> {
  const title = body.title !== undefined ? body.title.trim() : current?.title;
  if (title === undefined || title === '') throw badRequest('Validation failed: title is required');
  const time = toRfc3339(env.now);
  const { pipelineId, stageId } = resolveStage(body, current);
  const isArchived = body.is_archived ?? current?.is_archived ?? false;
  return {
    title,
    creator_user_id: current?.creator_user_id ?? env.actorUserId,
    owner_id: requireUser(env, body.owner_id ?? current?.owner_id ?? env.store.company.owner_user_id),
    person_id:
      body.person_id !== undefined
        ? requireLinked(env, 'person', body.person_id, 'person_id')
        : (current?.person_id ?? null),
    org_id:
      body.org_id !== undefined ? requireLinked(env, 'organization', body.org_id, 'org_id') : (current?.org_id ?? null),
    pipeline_id: pipelineId,
    stage_id: stageId,
    value: body.value ?? current?.value ?? 0,
    currency: body.currency ?? current?.currency ?? env.store.company.default_currency,
    update_time: time,
    stage_change_time: current && current.stage_id !== stageId ? time : (current?.stage_change_time ?? null),
    is_deleted: false,
    is_archived: isArchived,
    archive_time: isArchived ? (body.archive_time ?? current?.archive_time ?? time) : null,
    ...statusTimes(body, current, time),
    probability: body.probability !== undefined ? body.probability : (current?.probability ?? null),
    visible_to: checkVisibleTo(env, body.visible_to, current?.visible_to ?? DEFAULT_VISIBLE_TO),
    expected_close_date:
      body.expected_close_date !== undefined ? body.expected_close_date : (current?.expected_close_date ?? null),
    label_ids: body.label_ids ?? current?.label_ids ?? [],
    origin: current?.origin ?? 'API',
    origin_id: null,
    channel: null,
    channel_id: null,
    source_lead_id: null,
    arr: null,
    mrr: null,
    acv: null,
    custom_fields: applyCustomFields(current?.custom_fields ?? {}, body.custom_fields, customValueContext(env, 'deal')),
  };
}

const DEAL_STATUSES = new Set(['open', 'won', 'lost', 'deleted']);

/** The `status` list filter; undefined when absent. */
export function dealStatusFilter(query: URLSearchParams): Set<string> | undefined {
  const value = query.get('status');
  if (value === null || value === '') return undefined;
  const statuses = new Set(value.split(',').map((status) => status.trim()));
  for (const status of statuses) if (!DEAL_STATUSES.has(status)) throw badRequest(`status: unknown value ${status}`);
  return statuses;
}

export const dealDefinition: EntityDefinition<'deal'> = {
  type: 'deal',
  label: 'Deal',
  sortFields: ['id', 'update_time', 'add_time'],
  listsDeleted: true,

  create(input, env, id) {
    const fields = apply(parseInput(dealBody, input), env, undefined);
    return { id, ...fields, add_time: fields.update_time };
  },

  update(record, input, env) {
    return { ...record, ...apply(parseInput(dealBody, input), env, record) };
  },

  listFilter(query) {
    const personId = idQuery(query, 'person_id');
    const orgId = idQuery(query, 'org_id');
    const pipelineId = idQuery(query, 'pipeline_id');
    const stageId = idQuery(query, 'stage_id');
    const statuses = dealStatusFilter(query);
    return allOf<DealRecord>([
      ownerFilter(query),
      personId === undefined ? undefined : (deal) => deal.person_id === personId,
      orgId === undefined ? undefined : (deal) => deal.org_id === orgId,
      pipelineId === undefined ? undefined : (deal) => deal.pipeline_id === pipelineId,
      stageId === undefined ? undefined : (deal) => deal.stage_id === stageId,
      (deal) => !deal.is_archived,
      (deal) =>
        deal.is_deleted ? statuses?.has('deleted') === true : statuses === undefined || statuses.has(deal.status),
    ]);
  },

  render(record, store, options) {
    return {
      ...structuredClone(record),
      custom_fields: renderedCustomFields(store, 'deal', record.custom_fields, options),
    };
  },
};
