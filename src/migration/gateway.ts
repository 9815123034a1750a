/**
 * The engine's view of Pipedrive: the same few operations for every object, over the typed client.
 * Persons, organizations, deals and activities use API v2; notes and files API v1 (no v2 exists).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PipedriveClient, WriteOutcome } from '../pipedrive/client.js';
import type { LoadObject } from './build-record.js';

/** What the engine keeps of a Pipedrive record: its id, update time and fields as Pipedrive returns them. */
export interface RemoteRecord {
  id: number;
  update_time?: string | null;
  [field: string]: unknown;
}

export interface Gateway {
  create(object: LoadObject, body: Record<string, unknown>): Promise<WriteOutcome<RemoteRecord>>;
  update(object: LoadObject, id: number, patch: Record<string, unknown>): Promise<WriteOutcome<RemoteRecord>>;
  remove(object: LoadObject, id: number): Promise<WriteOutcome<{ id: number }>>;
  /** The records among `ids` that still exist (batched reads for v2; one by one for notes and files). */
  getMany(object: LoadObject, ids: readonly number[]): Promise<RemoteRecord[]>;
  /** Records changed since `since` that may be Ferry's own uncertain create (narrowed by parent when given). */
  changedSince(
    object: LoadObject,
    since: Date,
    parent: { person_id?: number; deal_id?: number },
  ): Promise<RemoteRecord[]>;
  /** Every record of the object type (reconcile's duplicate check). */
  listAll(object: LoadObject): AsyncGenerator<RemoteRecord[]>;
}

const V2 = { person: 'persons', organization: 'organizations', deal: 'deals', activity: 'activities' } as const;
type V2Object = keyof typeof V2;

function isV2(object: LoadObject): object is V2Object {
  return object in V2;
}

/** v2 filters take RFC 3339 with whole seconds; a margin covers clock skew between us and Pipedrive. */
function sinceParam(since: Date): string {
  return `${new Date(since.getTime() - 60_000).toISOString().slice(0, 19)}Z`;
}

export function createGateway(client: PipedriveClient, documentsRoot: string | undefined): Gateway {
  const v2 = (object: V2Object) => client[V2[object]];

  async function uploadFile(body: Record<string, unknown>): Promise<WriteOutcome<RemoteRecord>> {
    const relative = String(body.file);
    const content = await readFile(join(documentsRoot ?? '.', relative));
    const upload = {
      fileName: basename(relative),
      content,
      ...(typeof body.person_id === 'number' ? { person_id: body.person_id } : {}),
      ...(typeof body.deal_id === 'number' ? { deal_id: body.deal_id } : {}),
    };
    return (await client.files.upload(upload)) as WriteOutcome<RemoteRecord>;
  }

  return {
    async create(object, body) {
      if (isV2(object)) return (await v2(object).create(body as never)) as WriteOutcome<RemoteRecord>;
      if (object === 'note') return (await client.notes.create(body as never)) as WriteOutcome<RemoteRecord>;
      return uploadFile(body);
    },
    async update(object, id, patch) {
      if (isV2(object)) return (await v2(object).update(id, patch as never)) as WriteOutcome<RemoteRecord>;
      if (object === 'note') return (await client.notes.update(id, patch as never)) as WriteOutcome<RemoteRecord>;
      throw new RangeError('Files cannot be updated; upload a new one.');
    },
    remove(object, id) {
      if (isV2(object)) return v2(object).remove(id);
      return object === 'note' ? client.notes.remove(id) : client.files.remove(id);
    },
    async getMany(object, ids) {
      if (isV2(object)) return (await v2(object).getMany(ids)) as unknown as RemoteRecord[];
      const found: RemoteRecord[] = [];
      for (const id of ids) {
        const record = object === 'note' ? await client.notes.get(id) : await client.files.get(id);
        if (record !== null) found.push(record as unknown as RemoteRecord);
      }
      return found;
    },
    async changedSince(object, since, parent) {
      const found: RemoteRecord[] = [];
      if (isV2(object)) {
        const filter = { updated_since: sinceParam(since), ...(object === 'activity' ? parent : {}) };
        for await (const page of v2(object).list(filter)) found.push(...(page as unknown as RemoteRecord[]));
      } else if (object === 'note') {
        for await (const page of client.notes.list({ ...parent, updated_since: sinceParam(since) })) {
          found.push(...(page as unknown as RemoteRecord[]));
        }
      } else {
        for await (const page of client.files.list()) found.push(...(page as unknown as RemoteRecord[]));
      }
      return found;
    },
    async *listAll(object) {
      if (isV2(object)) {
        for await (const page of v2(object).list()) yield page as unknown as RemoteRecord[];
      } else if (object === 'note') {
        for await (const page of client.notes.list()) yield page as unknown as RemoteRecord[];
      } else {
        for await (const page of client.files.list()) yield page as unknown as RemoteRecord[];
      }
    },
  };
}
