/**
 * v1 notes [SPEC1]: `content` (HTML) required; one of deal_id/person_id/org_id/lead_id/project_id/
 * task_id required; `user_id` sets the author; `add_time` ("YYYY-MM-DD HH:MM:SS", UTC) may lie in
 * the past or future. List filters, `updated_since` (RFC 3339), `sort`, offset pagination. DELETE is
 * final (notes are not in Pipedrive's 30-day soft-delete list).
 * v1 is lenient: ids may come as numeric strings (form bodies). Our assumptions: content is
 * sanitized by removing <script>/<style> elements and on* attributes; content over 100 KB is refused.
 */
import { z } from 'zod';
import type { SandboxCore } from '../core.js';
import { ApiError, notFound } from '../errors.js';
import type { Route } from '../http/routing.js';
import { pageByStart } from '../pagination.js';
import type { NoteRecord } from '../records.js';
import { isDateOnly, parseRfc3339, parseV1DateTime, timestampMs, toV1DateTime } from '../time.js';
import { parseIdParam } from '../validation.js';

const NOTE_MAX_BYTES = 100 * 1024;
const idLike = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');
const LINKS = ['deal_id', 'person_id', 'org_id', 'project_id', 'task_id'] as const;
const PINS = ['deal', 'person', 'organization', 'lead', 'project', 'task'] as const;

const noteBody = z.object({
  content: z.string().optional(),
  lead_id: z.string().optional(),
  ...Object.fromEntries(LINKS.map((link) => [link, idLike.optional()])),
  user_id: idLike.optional(),
  add_time: z.string().optional(),
  ...Object.fromEntries(PINS.map((pin) => [`pinned_to_${pin}_flag`, flag.optional()])),
});

type NoteBody = Record<string, unknown> & { content?: string; lead_id?: string; user_id?: number; add_time?: string };

function v1Error(message: string): ApiError {
  return new ApiError(400, message);
}

export function sanitizeHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

function parseNoteBody(input: unknown): NoteBody {
  const result = noteBody.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw v1Error(`${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data as NoteBody;
}

function applyNote(core: SandboxCore, body: NoteBody, current: NoteRecord | undefined, actorId: number): NoteRecord {
  const content = body.content ?? current?.content;
  if (content === undefined || content.trim() === '') throw v1Error('content is required');
  if (Buffer.byteLength(content) > NOTE_MAX_BYTES) throw v1Error('content is larger than 100 KB');
  const link = (key: (typeof LINKS)[number]): number | null =>
    (body[key] as number | undefined) ?? current?.[key] ?? null;
  const checkLive = (id: number | null, entity: 'deal' | 'person' | 'organization', key: string) => {
    if (id !== null && !core.store.live(entity, id)) throw v1Error(`${key}: ${entity} ${id} does not exist`);
    return id;
  };
  const userId = body.user_id ?? current?.user_id ?? actorId;
  if (!core.store.users.has(userId)) throw v1Error(`user_id: user ${userId} does not exist`);
  let addTime = current?.add_time;
  if (body.add_time !== undefined) {
    const date = parseV1DateTime(body.add_time);
    if (!date) throw v1Error('add_time must be in the format YYYY-MM-DD HH:MM:SS');
    addTime = toV1DateTime(date);
  }
  const now = toV1DateTime(core.now());
  const note: NoteRecord = {
    id: current?.id ?? 0,
    content: sanitizeHtml(content),
    user_id: userId,
    last_update_user_id: actorId,
    deal_id: checkLive(link('deal_id'), 'deal', 'deal_id'),
    person_id: checkLive(link('person_id'), 'person', 'person_id'),
    org_id: checkLive(link('org_id'), 'organization', 'org_id'),
    lead_id: body.lead_id ?? current?.lead_id ?? null,
    project_id: link('project_id'),
    task_id: link('task_id'),
    add_time: addTime ?? now,
    update_time: now,
    active_flag: true,
    ...Object.fromEntries(
      PINS.map((pin) => {
        const key = `pinned_to_${pin}_flag` as const;
        return [key, (body[key] as boolean | undefined) ?? current?.[key] ?? false];
      }),
    ),
  } as NoteRecord;
  const linked = [note.deal_id, note.person_id, note.org_id, note.lead_id, note.project_id, note.task_id];
  if (linked.every((id) => id === null)) {
    throw v1Error('One of deal_id, person_id, org_id, lead_id, project_id or task_id is required');
  }
  return note;
}

function renderNote(core: SandboxCore, note: NoteRecord): Record<string, unknown> {
  const deal = note.deal_id === null ? undefined : core.store.entities.deal.get(note.deal_id);
  const org = note.org_id === null ? undefined : core.store.entities.organization.get(note.org_id);
  const person = note.person_id === null ? undefined : core.store.entities.person.get(note.person_id);
  const user = core.store.users.get(note.user_id);
  return {
    ...note,
    deal: deal ? { title: deal.title } : null,
    organization: org ? { name: org.name } : null,
    person: person ? { name: person.name } : null,
    project: null,
    task: null,
    user: user
      ? { email: user.email, icon_url: null, is_you: user.id === core.store.company.owner_user_id, name: user.name }
      : null,
  };
}

function noteFilter(query: URLSearchParams): (note: NoteRecord) => boolean {
  const tests: ((note: NoteRecord) => boolean)[] = [];
  for (const key of ['user_id', 'deal_id', 'person_id', 'org_id', 'project_id', 'task_id'] as const) {
    const value = query.get(key);
    if (value) tests.push((note) => note[key] === parseIdParam(value, key));
  }
  const lead = query.get('lead_id');
  if (lead) tests.push((note) => note.lead_id === lead);
  const dateBound = (key: 'start_date' | 'end_date'): string | undefined => {
    const value = query.get(key);
    if (!value) return undefined;
    if (!isDateOnly(value)) throw v1Error(`${key} must be in the format YYYY-MM-DD`);
    return value;
  };
  const startDate = dateBound('start_date');
  const endDate = dateBound('end_date');
  if (startDate) tests.push((note) => note.add_time.slice(0, 10) >= startDate);
  if (endDate) tests.push((note) => note.add_time.slice(0, 10) <= endDate);
  const since = query.get('updated_since');
  if (since) {
    const date = parseRfc3339(since);
    if (!date) throw v1Error('updated_since is not a valid RFC 3339 datetime');
    tests.push((note) => timestampMs(note.update_time) >= date.getTime());
  }
  for (const pin of PINS) {
    const value = query.get(`pinned_to_${pin}_flag`);
    if (value === '0' || value === '1') tests.push((note) => note[`pinned_to_${pin}_flag`] === (value === '1'));
  }
  return (note) => tests.every((test) => test(note));
}

/** `sort=add_time DESC, id ASC` over the documented first-level fields. */
function noteSorter(sort: string | null): (a: NoteRecord, b: NoteRecord) => number {
  const allowed = new Set(['id', 'user_id', 'deal_id', 'person_id', 'org_id', 'content', 'add_time', 'update_time']);
  const keys = (sort ?? 'id ASC').split(',').map((part) => {
    const [field = '', direction = 'ASC'] = part.trim().split(/\s+/);
    if (!allowed.has(field)) throw v1Error(`sort: cannot sort by ${field}`);
    return { field: field as keyof NoteRecord, sign: direction.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const av = a[field] ?? '';
      const bv = b[field] ?? '';
      if (av !== bv) return av < bv ? -sign : sign;
    }
    return a.id - b.id;
  };
}

export function noteRouteList(core: SandboxCore): Route[] {
  const find = (id: string | undefined): NoteRecord => {
    const note = core.store.notes.get(parseIdParam(id));
    if (!note) throw notFound('Note');
    return note;
  };
  return [
    {
      version: 'v1',
      method: 'POST',
      path: '/notes',
      handler: (ctx) => {
        const note = applyNote(core, parseNoteBody(ctx.body), undefined, ctx.actor.userId);
        note.id = core.store.nextId('note');
        core.store.notes.set(note.id, note);
        return { data: renderNote(core, note) };
      },
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/notes',
      handler: (ctx) => {
        const notes = [...core.store.notes.values()]
          .filter(noteFilter(ctx.query))
          .sort(noteSorter(ctx.query.get('sort')));
        const { page, pagination } = pageByStart(notes, ctx.query);
        return { data: page.map((note) => renderNote(core, note)), additionalData: { pagination } };
      },
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/notes/{id}',
      handler: (ctx) => ({ data: renderNote(core, find(ctx.params.id)) }),
    },
    {
      version: 'v1',
      method: 'PUT',
      path: '/notes/{id}',
      handler: (ctx) => {
        const note = applyNote(core, parseNoteBody(ctx.body), find(ctx.params.id), ctx.actor.userId);
        core.store.notes.set(note.id, note);
        return { data: renderNote(core, note) };
      },
    },
    {
      version: 'v1',
      method: 'DELETE',
      path: '/notes/{id}',
      handler: (ctx) => {
        core.store.notes.delete(find(ctx.params.id).id);
        return { data: true };
      },
    },
  ];
}
