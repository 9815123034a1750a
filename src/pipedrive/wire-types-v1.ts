/**
 * Request and response shapes of the API v1 calls Ferry makes, where no v2 endpoint exists: notes,
 * files, users, activity types, changelog and recents (after Pipedrive's OpenAPI file). v1 timestamps
 * are `YYYY-MM-DD HH:MM:SS` in UTC.
 */

export interface NoteInput {
  /** HTML; Pipedrive sanitises it. At most about 100 KB. */
  content: string;
  person_id?: number;
  org_id?: number;
  deal_id?: number;
  lead_id?: string;
  /** The author; only an admin may set another user. */
  user_id?: number;
  /** `YYYY-MM-DD HH:MM:SS` UTC; may be in the past. */
  add_time?: string;
  pinned_to_person_flag?: 0 | 1;
  pinned_to_organization_flag?: 0 | 1;
  pinned_to_deal_flag?: 0 | 1;
}

export type NoteUpdate = Partial<NoteInput>;

export interface Note {
  id: number;
  content: string;
  person_id?: number | null;
  org_id?: number | null;
  deal_id?: number | null;
  lead_id?: string | null;
  user_id?: number;
  add_time?: string;
  update_time?: string | null;
  active_flag?: boolean;
}

export interface NoteListFilter {
  person_id?: number;
  org_id?: number;
  deal_id?: number;
  /** RFC 3339. */
  updated_since?: string;
}

/** One file to attach to exactly one record. */
export interface FileUpload {
  fileName: string;
  content: Uint8Array | Blob;
  /** MIME type; default application/octet-stream. */
  contentType?: string;
  person_id?: number;
  org_id?: number;
  deal_id?: number;
  activity_id?: number;
}

export interface PipedriveFile {
  id: number;
  name?: string;
  file_name?: string;
  file_size?: number;
  person_id?: number | null;
  org_id?: number | null;
  deal_id?: number | null;
  activity_id?: number | null;
  add_time?: string;
  update_time?: string | null;
  active_flag?: boolean;
}

export interface UserAccess {
  app: string;
  admin: boolean;
  permission_set_id?: string;
}

export interface User {
  id: number;
  name: string;
  email: string;
  active_flag: boolean;
  is_deleted?: boolean;
  role_id?: number;
  timezone_name?: string;
  access?: UserAccess[];
}

/** `GET /v1/users/me`: the token's user and its company. */
export interface CurrentUser extends User {
  company_id: number;
  company_name?: string;
  /** The subdomain: `https://{company_domain}.pipedrive.com`. */
  company_domain: string;
}

export interface ActivityType {
  id: number;
  name: string;
  key_string: string;
  icon_key?: string;
  active_flag: boolean;
  is_custom_flag?: boolean;
}

export type ChangelogEntity = 'persons' | 'organizations' | 'deals';

export interface ChangelogEntry {
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number;
  time: string;
  /** `app` (web app) or `api`. */
  change_source?: string | null;
  change_source_user_agent?: string | null;
  is_bulk_update_flag?: boolean;
}

export type RecentItemType =
  | 'activity'
  | 'activityType'
  | 'deal'
  | 'file'
  | 'filter'
  | 'note'
  | 'person'
  | 'organization'
  | 'pipeline'
  | 'product'
  | 'stage'
  | 'user';

export interface RecentItem {
  item: RecentItemType;
  id: number;
  data: Record<string, unknown> | null;
}
