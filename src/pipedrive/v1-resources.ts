/**
 * The API v1 calls Ferry makes where v2 has nothing: notes, files, users, activity types, a record's
 * changelog and recents.
 */
import {
  cursorPages,
  FILES_PAGE_LIMIT,
  hasNumericId,
  offsetPages,
  read,
  readOrNull,
  type WriteOutcome,
  write,
} from './calls.js';
import type { Transport } from './http.js';
import type {
  ActivityType,
  ChangelogEntity,
  ChangelogEntry,
  CurrentUser,
  FileUpload,
  Note,
  NoteInput,
  NoteListFilter,
  NoteUpdate,
  PipedriveFile,
  RecentItem,
  RecentItemType,
  User,
} from './wire-types-v1.js';

export interface NoteResource {
  create(input: NoteInput): Promise<WriteOutcome<Note>>;
  get(id: number): Promise<Note | null>;
  list(filter?: NoteListFilter): AsyncGenerator<Note[]>;
  /** PUT with the fields to change: repeating it is harmless. */
  update(id: number, patch: NoteUpdate): Promise<WriteOutcome<Note>>;
  remove(id: number): Promise<WriteOutcome<{ id: number }>>;
}

export interface FileResource {
  /** Multipart upload of one file attached to one record. */
  upload(file: FileUpload): Promise<WriteOutcome<PipedriveFile>>;
  get(id: number): Promise<PipedriveFile | null>;
  /** Every file of the company, 100 per page (the v1 maximum for files). */
  list(): AsyncGenerator<PipedriveFile[]>;
  remove(id: number): Promise<WriteOutcome<{ id: number }>>;
}

async function removed(outcome: Promise<WriteOutcome<unknown>>, id: number): Promise<WriteOutcome<{ id: number }>> {
  const result = await outcome;
  return result.ok ? { ok: true, data: { id } } : result;
}

export function noteResource(transport: Transport): NoteResource {
  return {
    create: (input) => write<Note>(transport, { method: 'POST', api: 'v1', path: '/notes', body: input }, hasNumericId),
    get: (id) => readOrNull<Note>(transport, { method: 'GET', api: 'v1', path: `/notes/${id}` }),
    list: (filter = {}) =>
      offsetPages<Note>(transport, { method: 'GET', api: 'v1', path: '/notes', query: { ...filter } }),
    update: (id, patch) => write<Note>(transport, { method: 'PUT', api: 'v1', path: `/notes/${id}`, body: patch }),
    remove: (id) => removed(write(transport, { method: 'DELETE', api: 'v1', path: `/notes/${id}` }), id),
  };
}

function formOf(file: FileUpload): FormData {
  const form = new FormData();
  const blob =
    file.content instanceof Blob
      ? file.content
      : new Blob([file.content as Uint8Array<ArrayBuffer>], { type: file.contentType ?? 'application/octet-stream' });
  form.append('file', blob, file.fileName);
  for (const key of ['person_id', 'org_id', 'deal_id', 'activity_id'] as const) {
    const value = file[key];
    if (value !== undefined) form.append(key, String(value));
  }
  return form;
}

export function fileResource(transport: Transport): FileResource {
  return {
    upload: (file) =>
      write<PipedriveFile>(transport, { method: 'POST', api: 'v1', path: '/files', body: formOf(file) }, hasNumericId),
    get: (id) => readOrNull<PipedriveFile>(transport, { method: 'GET', api: 'v1', path: `/files/${id}` }),
    list: () => offsetPages<PipedriveFile>(transport, { method: 'GET', api: 'v1', path: '/files' }, FILES_PAGE_LIMIT),
    remove: (id) => removed(write(transport, { method: 'DELETE', api: 'v1', path: `/files/${id}` }), id),
  };
}

export interface UserResource {
  /** The token's user and company (2 tokens): `company_domain` gives the base URL. */
  me(): Promise<CurrentUser>;
  list(): Promise<User[]>;
}

export function userResource(transport: Transport): UserResource {
  return {
    me: () => read<CurrentUser>(transport, { method: 'GET', api: 'v1', path: '/users/me' }),
    list: () => read<User[]>(transport, { method: 'GET', api: 'v1', path: '/users' }),
  };
}

export function listActivityTypes(transport: Transport): Promise<ActivityType[]> {
  return read<ActivityType[]>(transport, { method: 'GET', api: 'v1', path: '/activityTypes' });
}

/** A record's field-level history (who changed what, from the app or the API), one page at a time. */
export function changelogPages(
  transport: Transport,
  entity: ChangelogEntity,
  id: number,
): AsyncGenerator<ChangelogEntry[]> {
  return cursorPages<ChangelogEntry>(transport, { method: 'GET', api: 'v1', path: `/${entity}/${id}/changelog` });
}

export interface RecentsQuery {
  /** `YYYY-MM-DD HH:MM:SS` UTC, at most one month back. */
  since_timestamp: string;
  items?: RecentItemType;
}

/** What changed since a moment (v1 recents, offset pages). */
export function recentsPages(transport: Transport, query: RecentsQuery): AsyncGenerator<RecentItem[]> {
  return offsetPages<RecentItem>(transport, { method: 'GET', api: 'v1', path: '/recents', query: { ...query } });
}
