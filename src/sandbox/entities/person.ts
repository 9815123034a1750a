/**
 * Persons (v2) [SPEC2, MIG]: `name` is required, or `first_name`/`last_name` (the spec omits both
 * from the body schema; the migration guide documents them). Emails and phones are
 * `{ value, label, primary }` arrays. `add_time` may be given on create (honoured: our assumption).
 */
import { z } from 'zod';
import { applyCustomFields } from '../custom-values.js';
import { badRequest } from '../errors.js';
import type { PersonRecord } from '../records.js';
import { toRfc3339 } from '../time.js';
import { contactItems, intId, nullableIntId, parseInput, rfc3339, toContactItems } from '../validation.js';
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

const personBody = z.object({
  name: z.string().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  owner_id: intId.optional(),
  org_id: nullableIntId.optional(),
  add_time: rfc3339.optional(),
  emails: contactItems.optional(),
  phones: contactItems.optional(),
  visible_to: z.number().int().optional(),
  label_ids: z.array(z.number().int()).optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

type PersonBody = z.infer<typeof personBody>;

/** Name and its parts: an explicit name wins; otherwise first + last; parts split from a name. */
function resolveName(
  body: PersonBody,
  current?: PersonRecord,
): Pick<PersonRecord, 'name' | 'first_name' | 'last_name'> {
  const first = body.first_name !== undefined ? body.first_name : (current?.first_name ?? null);
  const last = body.last_name !== undefined ? body.last_name : (current?.last_name ?? null);
  if (body.name !== undefined) {
    const name = body.name.trim();
    if (name === '') throw badRequest('Validation failed: name must not be empty');
    if (body.first_name !== undefined || body.last_name !== undefined)
      return { name, first_name: first, last_name: last };
    const space = name.indexOf(' ');
    return space < 0
      ? { name, first_name: name, last_name: null }
      : { name, first_name: name.slice(0, space), last_name: name.slice(space + 1) };
  }
  if (body.first_name !== undefined || body.last_name !== undefined || !current) {
    const name = [first, last].filter((part) => part && part.trim() !== '').join(' ');
    if (name === '') throw badRequest('Validation failed: name is required (or first_name and last_name)');
    return { name, first_name: first, last_name: last };
  }
  return { name: current.name, first_name: current.first_name, last_name: current.last_name };
}

function apply(
  body: PersonBody,
  env: WriteEnv,
  current: PersonRecord | undefined,
): Omit<PersonRecord, 'id' | 'add_time'> {
  const time = toRfc3339(env.now);
  return {
    ...resolveName(body, current),
    owner_id: requireUser(env, body.owner_id ?? current?.owner_id ?? env.store.company.owner_user_id),
    org_id:
      body.org_id !== undefined ? requireLinked(env, 'organization', body.org_id, 'org_id') : (current?.org_id ?? null),
    update_time: time,
    emails: body.emails ? toContactItems('emails', body.emails) : (current?.emails ?? []),
    phones: body.phones ? toContactItems('phones', body.phones) : (current?.phones ?? []),
    is_deleted: false,
    visible_to: checkVisibleTo(env, body.visible_to, current?.visible_to ?? DEFAULT_VISIBLE_TO),
    label_ids: body.label_ids ?? current?.label_ids ?? [],
    picture_id: current?.picture_id ?? null,
    custom_fields: applyCustomFields(
      current?.custom_fields ?? {},
      body.custom_fields,
      customValueContext(env, 'person'),
    ),
  };
}

export const personDefinition: EntityDefinition<'person'> = {
  type: 'person',
  label: 'Person',
  sortFields: ['id', 'update_time', 'add_time'],

  create(input, env, id) {
    const body = parseInput(personBody, input);
    const fields = apply(body, env, undefined);
    return { id, ...fields, add_time: body.add_time ? toRfc3339(new Date(body.add_time)) : fields.update_time };
  },

  update(record, input, env) {
    const body = parseInput(personBody, input);
    return { ...record, ...apply(body, env, record) };
  },

  listFilter(query, store) {
    const orgId = idQuery(query, 'org_id');
    const dealId = idQuery(query, 'deal_id');
    const dealPerson = dealId === undefined ? undefined : (store.live('deal', dealId)?.person_id ?? null);
    return allOf<PersonRecord>([
      ownerFilter(query),
      orgId === undefined ? undefined : (person) => person.org_id === orgId,
      dealId === undefined ? undefined : (person) => person.id === dealPerson,
    ]);
  },

  render(record, store, options) {
    return {
      ...structuredClone(record),
      custom_fields: renderedCustomFields(store, 'person', record.custom_fields, options),
    };
  },
};
