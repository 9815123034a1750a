/**
 * v1 files [SPEC1]: upload (`POST /v1/files`, multipart: `file` + one of deal_id/person_id/org_id/
 * activity_id), get, list (`limit` ≤ 100), delete, download, and the per-record lists
 * (`/v1/{persons,organizations,deals}/{id}/files`).
 * Pipedrive does not document an upload size limit (UNCONFIRMED); the sandbox refuses files over
 * `maxFileBytes` (default 50 MB) with 413. Product and lead attachments are not supported (400).
 * Deleted files disappear from the API (Pipedrive keeps them 30 days; there is no API to see them).
 */
import { extname } from 'node:path';
import type { SandboxCore } from '../core.js';
import { ApiError, notFound } from '../errors.js';
import type { Route } from '../http/routing.js';
import { parseMultipart } from '../multipart.js';
import { pageByStart } from '../pagination.js';
import type { FileRecord } from '../records.js';
import { sha256Hex } from '../store.js';
import { toV1DateTime } from '../time.js';
import { parseIdParam } from '../validation.js';

const FILE_LIST_MAX_LIMIT = 100;
const TARGETS = [
  ['deal_id', 'deal'],
  ['person_id', 'person'],
  ['org_id', 'organization'],
  ['activity_id', 'activity'],
] as const;

function fileType(name: string, mime: string): string {
  const ext = extname(name).slice(1).toLowerCase();
  if (mime.startsWith('image/')) return 'img';
  return ext === '' ? 'other' : ext;
}

function storedName(name: string, sha: string): string {
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)}_${sha.slice(0, 40)}${ext}`;
}

async function upload(core: SandboxCore, body: Buffer, contentType: string, userId: number): Promise<FileRecord> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new ApiError(400, 'Upload must be multipart/form-data');
  const form = await parseMultipart(body, contentType);
  const file = form.files.get('file');
  if (!file) throw new ApiError(400, 'file is required');
  if (file.data.length > core.config.maxFileBytes) {
    throw new ApiError(413, `File is too large: the limit is ${core.config.maxFileBytes} bytes`);
  }
  if (form.fields.has('product_id') || form.fields.has('lead_id')) {
    throw new ApiError(400, 'product_id and lead_id attachments are not supported by the Ferry sandbox');
  }
  const links: Record<string, number | null> = {};
  for (const [key, entity] of TARGETS) {
    const value = form.fields.get(key);
    links[key] = value === undefined || value === '' ? null : parseIdParam(value, key);
    const id = links[key];
    if (id !== null && id !== undefined && !core.store.live(entity, id)) {
      throw new ApiError(400, `${key}: ${entity} ${id} does not exist`);
    }
  }
  if (Object.values(links).every((id) => id === null)) {
    throw new ApiError(400, 'One of deal_id, person_id, org_id or activity_id is required');
  }
  const sha = sha256Hex(file.data);
  const now = toV1DateTime(core.now());
  const record: FileRecord = {
    id: core.store.nextId('file'),
    user_id: userId,
    deal_id: links.deal_id ?? null,
    person_id: links.person_id ?? null,
    org_id: links.org_id ?? null,
    activity_id: links.activity_id ?? null,
    add_time: now,
    update_time: now,
    file_name: storedName(file.name, sha),
    file_type: fileType(file.name, file.type),
    file_size: file.data.length,
    mime_type: file.type || 'application/octet-stream',
    active_flag: true,
    name: file.name,
    description: '',
    sha256: sha,
  };
  core.store.storeFile(record, file.data);
  return record;
}

function renderFile(core: SandboxCore, file: FileRecord): Record<string, unknown> {
  const { mime_type: _mime, sha256: _sha, ...visible } = file;
  const name = (map: Map<number, { name?: string; title?: string }>, id: number | null) =>
    id === null ? '' : (map.get(id)?.name ?? map.get(id)?.title ?? '');
  return {
    ...visible,
    product_id: null,
    lead_id: null,
    log_id: null,
    inline_flag: false,
    remote_location: 's3',
    remote_id: file.sha256.slice(0, 32),
    cid: '',
    s3_bucket: '',
    mail_message_id: '',
    mail_template_id: '',
    deal_name: name(core.store.entities.deal, file.deal_id),
    person_name: name(core.store.entities.person, file.person_id),
    org_name: name(core.store.entities.organization, file.org_id),
    product_name: '',
    lead_name: '',
    url: `${core.baseUrl}/v1/files/${file.id}/download`,
  };
}

export function fileRouteList(core: SandboxCore): Route[] {
  const find = (id: string | undefined): FileRecord => {
    const file = core.store.files.get(parseIdParam(id));
    if (!file?.active_flag) throw notFound('File');
    return file;
  };
  const active = () => [...core.store.files.values()].filter((file) => file.active_flag);
  const perRecord = (
    segment: string,
    key: 'person_id' | 'org_id' | 'deal_id',
    entity: 'person' | 'organization' | 'deal',
  ): Route => ({
    version: 'v1',
    method: 'GET',
    path: `/${segment}/{id}/files`,
    handler: (ctx) => {
      const id = parseIdParam(ctx.params.id);
      if (!core.store.live(entity, id))
        throw notFound(entity === 'organization' ? 'Organization' : entity === 'deal' ? 'Deal' : 'Person');
      const { page, pagination } = pageByStart(
        active().filter((file) => file[key] === id),
        ctx.query,
        FILE_LIST_MAX_LIMIT,
      );
      return { data: page.map((file) => renderFile(core, file)), additionalData: { pagination } };
    },
  });
  return [
    {
      version: 'v1',
      method: 'POST',
      path: '/files',
      handler: async (ctx) => ({
        data: renderFile(core, await upload(core, ctx.rawBody, ctx.contentType, ctx.actor.userId)),
      }),
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/files',
      handler: (ctx) => {
        const { page, pagination } = pageByStart(active(), ctx.query, FILE_LIST_MAX_LIMIT);
        return { data: page.map((file) => renderFile(core, file)), additionalData: { pagination } };
      },
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/files/{id}',
      handler: (ctx) => ({ data: renderFile(core, find(ctx.params.id)) }),
    },
    {
      version: 'v1',
      method: 'GET',
      path: '/files/{id}/download',
      handler: (ctx) => {
        const file = find(ctx.params.id);
        return {
          kind: 'raw',
          body: core.store.fileContents.get(file.id) ?? Buffer.alloc(0),
          headers: {
            'content-type': file.mime_type,
            'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"`,
          },
        };
      },
    },
    {
      version: 'v1',
      method: 'DELETE',
      path: '/files/{id}',
      handler: (ctx) => {
        const file = find(ctx.params.id);
        core.store.files.set(file.id, { ...file, active_flag: false, update_time: toV1DateTime(core.now()) });
        return { data: { id: file.id } };
      },
    },
    perRecord('persons', 'person_id', 'person'),
    perRecord('organizations', 'org_id', 'organization'),
    perRecord('deals', 'deal_id', 'deal'),
  ];
}
