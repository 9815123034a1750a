/**
 * Request and response shapes of the API v2 calls Ferry makes (persons, organizations, deals,
 * activities, their field definitions, search), after Pipedrive's OpenAPI file. Responses list what Ferry
 * reads; Pipedrive sends more. Values Pipedrive leaves empty come back as null, though the spec rarely
 * says so, hence the `| null` on optional references.
 */

/** A custom field's 40-character key (v1 `key`, v2 `field_code`), e.g. `dcf558aac1ae4e8c4f849ba5e668430d8df9be12`. */
export type CustomFieldKey = string;

const CUSTOM_FIELD_KEY = /^[0-9a-f]{40}$/;

/** Whether a key is a custom field's hash (Pipedrive silently ignores writes to unknown keys, so we check). */
export function isCustomFieldKey(key: string): key is CustomFieldKey {
  return CUSTOM_FIELD_KEY.test(key);
}

/**
 * A custom field value in v2's shape (reference §2.5): text and phone as strings, numbers, an option id
 * (enum), option ids (set), a user/person/org id, or an object for monetary, ranges, time and address.
 * `null` clears a value.
 */
export type CustomFieldValue =
  | string
  | number
  | readonly number[]
  | null
  | { readonly value: string | number; readonly [part: string]: string | number | null | undefined };

export type CustomFields = Readonly<Record<CustomFieldKey, CustomFieldValue>>;

export interface ContactPoint {
  value: string;
  primary?: boolean;
  label?: string;
}

/** Visibility: 1 owner (& followers), 3 company or owner's group, 5 group and sub-groups, 7 company. */
export type Visibility = 1 | 3 | 5 | 7;

export interface Address {
  value: string;
  country?: string;
  admin_area_level_1?: string;
  admin_area_level_2?: string;
  locality?: string;
  sublocality?: string;
  route?: string;
  street_number?: string;
  subpremise?: string;
  postal_code?: string;
}

interface Ownable {
  owner_id?: number;
  visible_to?: Visibility;
  label_ids?: number[];
}

export interface PersonInput extends Ownable {
  name: string;
  org_id?: number | null;
  emails?: ContactPoint[];
  phones?: ContactPoint[];
  /** RFC 3339, UTC: the original creation time. */
  add_time?: string;
  custom_fields?: CustomFields;
}

export interface OrganizationInput extends Ownable {
  name: string;
  address?: Address;
  add_time?: string;
  custom_fields?: CustomFields;
}

export type DealStatus = 'open' | 'won' | 'lost';

export interface DealInput extends Ownable {
  title: string;
  person_id?: number | null;
  org_id?: number | null;
  pipeline_id?: number;
  stage_id?: number;
  value?: number;
  /** ISO 4217, e.g. `EUR`. */
  currency?: string;
  status?: DealStatus;
  probability?: number | null;
  lost_reason?: string | null;
  close_time?: string | null;
  won_time?: string;
  lost_time?: string;
  /** YYYY-MM-DD. */
  expected_close_date?: string;
  custom_fields?: CustomFields;
}

export interface Participant {
  person_id: number;
  primary: boolean;
}

export interface ActivityInput {
  subject: string;
  /** An activity type's `key_string` (GET /v1/activityTypes). */
  type: string;
  owner_id?: number;
  deal_id?: number | null;
  lead_id?: string | null;
  org_id?: number | null;
  project_id?: number | null;
  /** The primary participant becomes the activity's person (v2 has no writable person_id). */
  participants?: Participant[];
  /** YYYY-MM-DD. */
  due_date?: string;
  /** HH:MM in UTC. */
  due_time?: string;
  /** HH:MM. */
  duration?: string;
  busy?: boolean;
  done?: boolean;
  location?: Address;
  public_description?: string;
  priority?: number;
  /** HTML, at most 100 KB. */
  note?: string;
}

interface Stamped {
  id: number;
  add_time?: string;
  update_time?: string | null;
  is_deleted?: boolean;
}

export interface Person extends Stamped, Omit<PersonInput, 'custom_fields'> {
  first_name?: string | null;
  last_name?: string | null;
  custom_fields?: Record<CustomFieldKey, unknown>;
}

export interface Organization extends Stamped, Omit<OrganizationInput, 'custom_fields'> {
  custom_fields?: Record<CustomFieldKey, unknown>;
}

export interface Deal extends Stamped, Omit<DealInput, 'custom_fields'> {
  custom_fields?: Record<CustomFieldKey, unknown>;
}

export interface Activity extends Stamped, ActivityInput {
  /** The primary participant (read-only in v2). */
  person_id?: number | null;
  creator_user_id?: number;
  marked_as_done_time?: string | null;
}

/** Field types a custom field can be created with (v2). */
export type CreatableFieldType =
  | 'varchar'
  | 'varchar_auto'
  | 'text'
  | 'double'
  | 'monetary'
  | 'date'
  | 'daterange'
  | 'time'
  | 'timerange'
  | 'set'
  | 'enum'
  | 'phone'
  | 'address'
  | 'user'
  | 'org'
  | 'people';

export interface FieldOption {
  id: number;
  label: string;
}

export interface FieldInput {
  field_name: string;
  field_type: CreatableFieldType;
  /** For enum and set: the option labels (1–255 characters each). */
  options?: { label: string }[];
  ui_visibility?: { add_visible_flag?: boolean; details_visible_flag?: boolean };
}

export interface Field {
  field_code: string;
  field_name: string;
  field_type: string;
  options?: FieldOption[] | null;
  subfields?: { field_code: string; field_name: string; field_type: string }[] | null;
  is_custom_field: boolean;
  is_optional_response_field?: boolean;
}

/** A hit of `GET /api/v2/persons/search`. */
export interface PersonSearchHit {
  result_score: number;
  item: {
    id: number;
    type?: string;
    name?: string;
    phones?: string[];
    emails?: string[];
    visible_to?: number;
    owner?: { id: number } | null;
    organization?: { id: number; name?: string } | null;
    custom_fields?: string[];
    notes?: string[];
  };
}

export type ItemSearchEntity = 'deal' | 'lead' | 'person' | 'organization' | 'product' | 'project';

/** A record found by `GET /api/v2/itemSearch/field`. */
export interface ItemSearchFieldHit {
  id: number;
  name?: string;
}

export type EntityName = 'persons' | 'organizations' | 'deals' | 'activities';

export interface EntityTypes {
  persons: { input: PersonInput; record: Person };
  organizations: { input: OrganizationInput; record: Organization };
  deals: { input: DealInput; record: Deal };
  activities: { input: ActivityInput; record: Activity };
}
