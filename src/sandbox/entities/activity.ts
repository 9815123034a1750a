/**
 * Activities (v2) [SPEC2, MIG]. `type` must be the `key_string` of an active activity type (400
 * otherwise). `person_id` is read-only in v2 (derived from the primary participant), although the
 * spec lists it in the request body: the sandbox ignores it there. No `custom_fields`, no
 * `add_time`. `due_time` and `duration` are returned as `HH:MM:SS`, as in the v2 examples.
 * `note` is limited to 100 KB (documented for v1 in 2025; assumed for v2).
 */
import { z } from 'zod';
import { badRequest } from '../errors.js';
import type { ActivityRecord, Participant } from '../records.js';
import { toRfc3339 } from '../time.js';
import { addressInput, clockTime, dateOnly, intId, nullableIntId, parseInput, toAddress } from '../validation.js';
import {
  allOf,
  type EntityDefinition,
  idQuery,
  ownerFilter,
  requireLinked,
  requireUser,
  type WriteEnv,
} from './common.js';

const NOTE_MAX_BYTES = 100 * 1024;

const activityBody = z.object({
  subject: z.string().optional(),
  type: z.string().optional(),
  owner_id: intId.optional(),
  deal_id: nullableIntId.optional(),
  lead_id: z.string().nullable().optional(),
  org_id: nullableIntId.optional(),
  project_id: nullableIntId.optional(),
  due_date: dateOnly.nullable().optional(),
  due_time: clockTime.nullable().optional(),
  duration: clockTime.nullable().optional(),
  busy: z.boolean().optional(),
  done: z.boolean().optional(),
  location: addressInput.optional(),
  participants: z.array(z.object({ person_id: intId, primary: z.boolean().optional() })).optional(),
  attendees: z.array(z.record(z.string(), z.unknown())).optional(),
  public_description: z.string().nullable().optional(),
  priority: z.number().int().nullable().optional(),
  note: z.string().nullable().optional(),
});

type ActivityBody = z.infer<typeof activityBody>;

function withSeconds(time: string | null): string | null {
  return time === null || time.length === 8 ? time : `${time}:00`;
}

function resolveType(env: WriteEnv, key: string | undefined): { key: string; name: string } {
  const types = [...env.store.activityTypes.values()].filter((type) => type.active_flag);
  types.sort((a, b) => a.order_nr - b.order_nr);
  const type = key === undefined ? types[0] : types.find((candidate) => candidate.key_string === key);
  if (!type) throw badRequest(`type: activity type ${key ?? '(default)'} does not exist or is not active`);
  return { key: type.key_string, name: type.name };
}

function resolveParticipants(
  env: WriteEnv,
  input: ActivityBody['participants'],
  current: Participant[],
): Participant[] {
  if (input === undefined) return current;
  if (input.filter((participant) => participant.primary === true).length > 1) {
    throw badRequest('participants: only one participant can be primary');
  }
  const hasPrimary = input.some((participant) => participant.primary === true);
  return input.map((participant, index) => ({
    person_id: requireLinked(env, 'person', participant.person_id, `participants[${index}].person_id`) as number,
    primary: participant.primary === true || (!hasPrimary && index === 0),
  }));
}

function apply(
  body: ActivityBody,
  env: WriteEnv,
  current: ActivityRecord | undefined,
): Omit<ActivityRecord, 'id' | 'add_time'> {
  const type = body.type !== undefined || !current ? resolveType(env, body.type) : { key: current.type, name: '' };
  const note = body.note !== undefined ? body.note : (current?.note ?? null);
  if (note !== null && Buffer.byteLength(note) > NOTE_MAX_BYTES) throw badRequest('note is larger than 100 KB');
  const participants = resolveParticipants(env, body.participants, current?.participants ?? []);
  const done = body.done ?? current?.done ?? false;
  const time = toRfc3339(env.now);
  let location = current?.location ?? null;
  if (body.location !== undefined) location = body.location === null ? null : toAddress(body.location);
  return {
    subject: body.subject ?? current?.subject ?? type.name,
    type: type.key,
    owner_id: requireUser(env, body.owner_id ?? current?.owner_id ?? env.store.company.owner_user_id),
    creator_user_id: current?.creator_user_id ?? env.actorUserId,
    is_deleted: false,
    update_time: time,
    deal_id:
      body.deal_id !== undefined ? requireLinked(env, 'deal', body.deal_id, 'deal_id') : (current?.deal_id ?? null),
    lead_id: body.lead_id !== undefined ? body.lead_id : (current?.lead_id ?? null),
    person_id: participants.find((participant) => participant.primary)?.person_id ?? null,
    org_id:
      body.org_id !== undefined ? requireLinked(env, 'organization', body.org_id, 'org_id') : (current?.org_id ?? null),
    project_id: body.project_id !== undefined ? body.project_id : (current?.project_id ?? null),
    due_date: body.due_date !== undefined ? body.due_date : (current?.due_date ?? null),
    due_time: body.due_time !== undefined ? withSeconds(body.due_time) : (current?.due_time ?? null),
    duration: body.duration !== undefined ? withSeconds(body.duration) : (current?.duration ?? null),
    busy: body.busy ?? current?.busy ?? false,
    done,
    marked_as_done_time: done ? (current?.done ? current.marked_as_done_time : time) : null,
    location,
    participants,
    attendees: body.attendees ?? current?.attendees ?? [],
    conference_meeting_client: current?.conference_meeting_client ?? null,
    conference_meeting_url: current?.conference_meeting_url ?? null,
    conference_meeting_id: current?.conference_meeting_id ?? null,
    public_description:
      body.public_description !== undefined ? body.public_description : (current?.public_description ?? null),
    priority: body.priority !== undefined ? body.priority : (current?.priority ?? null),
    note,
  };
}

export const activityDefinition: EntityDefinition<'activity'> = {
  type: 'activity',
  label: 'Activity',
  sortFields: ['id', 'update_time', 'add_time', 'due_date'],

  create(input, env, id) {
    const fields = apply(parseInput(activityBody, input), env, undefined);
    return { id, ...fields, add_time: fields.update_time };
  },

  update(record, input, env) {
    return { ...record, ...apply(parseInput(activityBody, input), env, record) };
  },

  listFilter(query) {
    const dealId = idQuery(query, 'deal_id');
    const personId = idQuery(query, 'person_id');
    const orgId = idQuery(query, 'org_id');
    const leadId = query.get('lead_id');
    const done = query.get('done');
    if (done !== null && done !== 'true' && done !== 'false') throw badRequest('done must be true or false');
    return allOf<ActivityRecord>([
      ownerFilter(query),
      dealId === undefined ? undefined : (activity) => activity.deal_id === dealId,
      personId === undefined ? undefined : (activity) => activity.person_id === personId,
      orgId === undefined ? undefined : (activity) => activity.org_id === orgId,
      leadId === null || leadId === '' ? undefined : (activity) => activity.lead_id === leadId,
      done === null ? undefined : (activity) => activity.done === (done === 'true'),
    ]);
  },

  render(record) {
    return structuredClone(record);
  },
};
