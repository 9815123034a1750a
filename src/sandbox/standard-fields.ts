/**
 * The standard (non-custom) fields each entity lists in the Fields API, with `is_custom_field: false`:
 * a representative subset of Pipedrive's, by v2 `field_code`.
 */
import type { EntityType } from './records.js';

export type StandardField = readonly [code: string, name: string, type: string];

const COMMON_TAIL: readonly StandardField[] = [
  ['label_ids', 'Labels', 'set'],
  ['visible_to', 'Visible to', 'visible_to'],
  ['add_time', 'Created', 'date'],
  ['update_time', 'Updated', 'date'],
];

export const STANDARD_FIELDS: Readonly<Record<EntityType, readonly StandardField[]>> = {
  person: [
    ['id', 'ID', 'int'],
    ['name', 'Name', 'varchar'],
    ['first_name', 'First name', 'varchar'],
    ['last_name', 'Last name', 'varchar'],
    ['owner_id', 'Owner', 'user'],
    ['org_id', 'Organization', 'org'],
    ['email', 'Email', 'varchar'],
    ['phone', 'Phone', 'phone'],
    ...COMMON_TAIL,
  ],
  organization: [
    ['id', 'ID', 'int'],
    ['name', 'Name', 'varchar'],
    ['owner_id', 'Owner', 'user'],
    ['address', 'Address', 'address'],
    ...COMMON_TAIL,
  ],
  deal: [
    ['id', 'ID', 'int'],
    ['title', 'Title', 'varchar'],
    ['creator_user_id', 'Creator', 'user'],
    ['owner_id', 'Owner', 'user'],
    ['value', 'Value', 'monetary'],
    ['person_id', 'Contact person', 'people'],
    ['org_id', 'Organization', 'org'],
    ['pipeline_id', 'Pipeline', 'int'],
    ['stage_id', 'Stage', 'stage'],
    ['status', 'Status', 'status'],
    ['probability', 'Probability', 'double'],
    ['lost_reason', 'Lost reason', 'varchar'],
    ['expected_close_date', 'Expected close date', 'date'],
    ['close_time', 'Closed on', 'date'],
    ...COMMON_TAIL,
  ],
  activity: [
    ['subject', 'Subject', 'varchar'],
    ['type', 'Type', 'varchar'],
    ['owner_id', 'Assigned to user', 'user'],
    ['deal_id', 'Deal', 'deal'],
    ['person_id', 'Contact person', 'people'],
    ['org_id', 'Organization', 'org'],
    ['due_date', 'Due date', 'date'],
    ['due_time', 'Due time', 'time'],
    ['duration', 'Duration', 'time'],
    ['busy', 'Free/busy', 'boolean'],
    ['done', 'Done', 'boolean'],
    ['location', 'Location', 'address'],
    ['note', 'Note', 'text'],
    ['public_description', 'Public description', 'text'],
    ['add_time', 'Add time', 'date'],
    ['update_time', 'Update time', 'date'],
  ],
};
