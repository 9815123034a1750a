/**
 * Organizations (v2). The spec's request body says `required: [title]` although organizations have
 * no `title` (a spec bug: the migration guide documents `name` as the only required field); the
 * sandbox requires `name`.
 */
import { z } from 'zod';
import { applyCustomFields } from '../custom-values.js';
import { badRequest } from '../errors.js';
import type { OrganizationRecord } from '../records.js';
import { toRfc3339 } from '../time.js';
import { addressInput, intId, parseInput, rfc3339, toAddress } from '../validation.js';
import {
  allOf,
  checkVisibleTo,
  customValueContext,
  DEFAULT_VISIBLE_TO,
  type EntityDefinition,
  ownerFilter,
  renderedCustomFields,
  requireUser,
  type WriteEnv,
} from './common.js';

const organizationBody = z.object({
  name: z.string().optional(),
  owner_id: intId.optional(),
  add_time: rfc3339.optional(),
  visible_to: z.number().int().optional(),
  label_ids: z.array(z.number().int()).optional(),
  address: addressInput.optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

type OrganizationBody = z.infer<typeof organizationBody>;

function apply(
  body: OrganizationBody,
  env: WriteEnv,
  current: OrganizationRecord | undefined,
): Omit<OrganizationRecord, 'id' | 'add_time'> {
  const name = body.name !== undefined ? body.name.trim() : current?.name;
  if (name === undefined || name === '') throw badRequest('Validation failed: name is required');
  let address = current?.address ?? null;
  if (body.address !== undefined) address = body.address === null ? null : toAddress(body.address);
  return {
    name,
    owner_id: requireUser(env, body.owner_id ?? current?.owner_id ?? env.store.company.owner_user_id),
    update_time: toRfc3339(env.now),
    is_deleted: false,
    visible_to: checkVisibleTo(env, body.visible_to, current?.visible_to ?? DEFAULT_VISIBLE_TO),
    address,
    label_ids: body.label_ids ?? current?.label_ids ?? [],
    custom_fields: applyCustomFields(
      current?.custom_fields ?? {},
      body.custom_fields,
      customValueContext(env, 'organization'),
    ),
  };
}

export const organizationDefinition: EntityDefinition<'organization'> = {
  type: 'organization',
  label: 'Organization',
  sortFields: ['id', 'update_time', 'add_time'],

  create(input, env, id) {
    const body = parseInput(organizationBody, input);
    const fields = apply(body, env, undefined);
    return { id, ...fields, add_time: body.add_time ? toRfc3339(new Date(body.add_time)) : fields.update_time };
  },

  update(record, input, env) {
    return { ...record, ...apply(parseInput(organizationBody, input), env, record) };
  },

  listFilter(query) {
    return allOf<OrganizationRecord>([ownerFilter(query)]);
  },

  render(record, store, options) {
    return {
      ...structuredClone(record),
      custom_fields: renderedCustomFields(store, 'organization', record.custom_fields, options),
    };
  },
};
