/**
 * The records the sandbox keeps, in the shape Pipedrive returns them (v2 shape for persons,
 * organizations, deals and activities; v1 shape for notes, files, users and activity types).
 * `custom_fields` holds only the values that are set; responses add `null` for the other fields.
 */

/** The entities with v2 endpoints, named as Pipedrive's `entity_type` parameter names them. */
export type EntityType = 'person' | 'organization' | 'deal' | 'activity';

/** Entities that carry custom fields and a changelog. */
export type FieldEntity = 'person' | 'organization' | 'deal';

export type CustomFieldValues = Record<string, unknown>;

export interface ContactItem {
  value: string;
  label: string;
  primary: boolean;
}

/** An address object: only `value` is required on input; omitted parts become null. */
export interface Address {
  value: string | null;
  country: string | null;
  admin_area_level_1: string | null;
  admin_area_level_2: string | null;
  locality: string | null;
  sublocality: string | null;
  route: string | null;
  street_number: string | null;
  subpremise: string | null;
  postal_code: string | null;
}

export interface PersonRecord {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number;
  org_id: number | null;
  add_time: string;
  update_time: string;
  emails: ContactItem[];
  phones: ContactItem[];
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  picture_id: number | null;
  custom_fields: CustomFieldValues;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  owner_id: number;
  add_time: string;
  update_time: string;
  is_deleted: boolean;
  visible_to: number;
  address: Address | null;
  label_ids: number[];
  custom_fields: CustomFieldValues;
}

export type DealStatus = 'open' | 'won' | 'lost';

export interface DealRecord {
  id: number;
  title: string;
  creator_user_id: number;
  owner_id: number;
  person_id: number | null;
  org_id: number | null;
  pipeline_id: number;
  stage_id: number;
  value: number;
  currency: string;
  add_time: string;
  update_time: string;
  stage_change_time: string | null;
  is_deleted: boolean;
  is_archived: boolean;
  archive_time: string | null;
  status: DealStatus;
  probability: number | null;
  lost_reason: string | null;
  visible_to: number;
  close_time: string | null;
  won_time: string | null;
  lost_time: string | null;
  expected_close_date: string | null;
  label_ids: number[];
  origin: string;
  origin_id: string | null;
  channel: number | null;
  channel_id: string | null;
  source_lead_id: string | null;
  arr: number | null;
  mrr: number | null;
  acv: number | null;
  custom_fields: CustomFieldValues;
}

export interface Participant {
  person_id: number;
  primary: boolean;
}

export interface ActivityRecord {
  id: number;
  subject: string;
  type: string;
  owner_id: number;
  creator_user_id: number;
  is_deleted: boolean;
  add_time: string;
  update_time: string;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  project_id: number | null;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  busy: boolean;
  done: boolean;
  marked_as_done_time: string | null;
  location: Address | null;
  participants: Participant[];
  attendees: Record<string, unknown>[];
  conference_meeting_client: string | null;
  conference_meeting_url: string | null;
  conference_meeting_id: string | null;
  public_description: string | null;
  priority: number | null;
  note: string | null;
}

export interface EntityRecords {
  person: PersonRecord;
  organization: OrganizationRecord;
  deal: DealRecord;
  activity: ActivityRecord;
}

export interface NoteRecord {
  id: number;
  content: string;
  user_id: number;
  last_update_user_id: number;
  deal_id: number | null;
  person_id: number | null;
  org_id: number | null;
  lead_id: string | null;
  project_id: number | null;
  task_id: number | null;
  add_time: string;
  update_time: string;
  active_flag: boolean;
  pinned_to_deal_flag: boolean;
  pinned_to_organization_flag: boolean;
  pinned_to_person_flag: boolean;
  pinned_to_lead_flag: boolean;
  pinned_to_project_flag: boolean;
  pinned_to_task_flag: boolean;
}

export interface FileRecord {
  id: number;
  user_id: number;
  deal_id: number | null;
  person_id: number | null;
  org_id: number | null;
  activity_id: number | null;
  add_time: string;
  update_time: string;
  /** The stored name (Pipedrive appends a hash); `name` is the name as uploaded. */
  file_name: string;
  file_type: string;
  file_size: number;
  mime_type: string;
  active_flag: boolean;
  name: string;
  description: string;
  sha256: string;
}

export interface CustomFieldOption {
  id: number;
  label: string;
  color: string | null;
  add_time: string;
  update_time: string;
}

export interface CustomFieldRecord {
  /** Numeric id (v1 `id`); the 40-hex `field_code` is what v2 and record bodies use. */
  id: number;
  entity: FieldEntity;
  field_code: string;
  field_name: string;
  /** Free text; the v2 spec accepts it on deal fields (and requires it in deal-field responses). */
  description: string | null;
  field_type: string;
  options: CustomFieldOption[] | null;
  add_time: string;
  update_time: string;
  add_visible_flag: boolean;
  details_visible_flag: boolean;
  important_enabled: boolean;
  required_enabled: boolean;
}

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  active_flag: boolean;
  is_admin: boolean;
  created: string;
}

export interface ActivityTypeRecord {
  id: number;
  name: string;
  icon_key: string;
  color: string | null;
  order_nr: number;
  key_string: string;
  active_flag: boolean;
  is_custom_flag: boolean;
  add_time: string;
  update_time: string;
}

export type ChangeSource = 'api' | 'app';

/** One field change, as `GET /v1/{persons,organizations,deals}/{id}/changelog` lists it. */
export interface ChangelogEntry {
  seq: number;
  entity: FieldEntity;
  item_id: number;
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number;
  time: string;
  change_source: ChangeSource;
  change_source_user_agent: string | null;
  is_bulk_update_flag: boolean;
}

export interface Company {
  id: number;
  name: string;
  domain: string;
  /** The user whose API token the sandbox accepts (`/v1/users/me`). */
  owner_user_id: number;
  default_currency: string;
}
