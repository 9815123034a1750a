/**
 * The outcome model of the client, on top of the transport.
 *
 * - Reads return their data, or throw an AppError.
 * - Writes return a {@link WriteOutcome}: `ok`, or a record-level failure — `rejected` (Pipedrive refused
 *   this record; its message is kept; the run goes on) or `uncertain` (a create may have happened; check
 *   before creating again). They throw only what concerns the whole run: a stop (401/402/403, see
 *   `stopsTheRun`), or Pipedrive unavailable / rate-limited after the retries (try the job again later).
 */
import { AppError } from '../domain/errors.js';
import type { Failure } from './failure.js';
import type { CallSpec, Transport } from './http.js';

export type WriteOutcome<T> = { ok: true; data: T } | { ok: false; kind: 'rejected' | 'uncertain'; error: AppError };

/** Largest page Pipedrive serves (`limit`), used for every list. */
export const PAGE_LIMIT = 500;
/** Largest `ids=` batch of the v2 list endpoints. */
export const IDS_BATCH = 100;
/** Largest page of `GET /v1/files`. */
export const FILES_PAGE_LIMIT = 100;

interface Envelope {
  success: true;
  data: unknown;
  additional_data?: {
    next_cursor?: string | null;
    pagination?: { more_items_in_collection?: boolean; next_start?: number };
  } | null;
}

function envelopeOf(body: unknown): Envelope | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as { success?: unknown };
  return record.success === true && 'data' in record ? (body as Envelope) : undefined;
}

function unexpectedAnswer(spec: CallSpec, code: 'pipedrive_unavailable' | 'pipedrive_uncertain'): AppError {
  const path = `${spec.api === 'v1' ? '/v1' : '/api/v2'}${spec.path}`;
  const message =
    code === 'pipedrive_uncertain'
      ? 'Pipedrive answered the create without the new record. Ferry checks whether it exists before creating it again.'
      : `Pipedrive sent an answer Ferry cannot read (${spec.method} ${path}). The run can carry on later.`;
  return new AppError(code, message, {
    details: { method: spec.method, path, kind: code === 'pipedrive_uncertain' ? 'uncertain' : 'unavailable' },
  });
}

function raise(failure: Failure): never {
  throw failure.error;
}

/** Sends a read and returns the whole envelope (for pagination). */
async function readEnvelope(transport: Transport, spec: CallSpec): Promise<Envelope> {
  const result = await transport.call(spec);
  if (!result.ok) raise(result.failure);
  const envelope = envelopeOf(result.body);
  if (!envelope) throw unexpectedAnswer(spec, 'pipedrive_unavailable');
  return envelope;
}

/** A read whose `data` is returned as `T` (the type is the OpenAPI file's, checked by contract tests). */
export async function read<T>(transport: Transport, spec: CallSpec): Promise<T> {
  return (await readEnvelope(transport, spec)).data as T;
}

/** A read of one record by id: null when Pipedrive does not have it (404, 410). */
export async function readOrNull<T>(transport: Transport, spec: CallSpec): Promise<T | null> {
  const result = await transport.call(spec);
  if (!result.ok) {
    const status = result.failure.error.details.status;
    if (result.failure.kind === 'rejected' && (status === 404 || status === 410)) return null;
    raise(result.failure);
  }
  const envelope = envelopeOf(result.body);
  if (!envelope) throw unexpectedAnswer(spec, 'pipedrive_unavailable');
  return (envelope.data ?? null) as T | null;
}

/**
 * A write. `isComplete` checks the answer carries what the caller needs (a create's new id): a create
 * answered without it may still have happened, so it is uncertain.
 */
export async function write<T>(
  transport: Transport,
  spec: CallSpec,
  isComplete: (data: unknown) => boolean = () => true,
): Promise<WriteOutcome<T>> {
  const result = await transport.call(spec);
  if (!result.ok) {
    const { kind, error } = result.failure;
    if (kind === 'rejected' || kind === 'uncertain') return { ok: false, kind, error };
    raise(result.failure);
  }
  const envelope = envelopeOf(result.body);
  if (!envelope || !isComplete(envelope.data)) {
    if (spec.method === 'POST')
      return { ok: false, kind: 'uncertain', error: unexpectedAnswer(spec, 'pipedrive_uncertain') };
    throw unexpectedAnswer(spec, 'pipedrive_unavailable');
  }
  return { ok: true, data: envelope.data as T };
}

/** A record-level refusal made before sending (e.g. a malformed custom field key). */
export function rejectLocally<T>(spec: CallSpec, message: string): WriteOutcome<T> {
  const path = `${spec.api === 'v1' ? '/v1' : '/api/v2'}${spec.path}`;
  return {
    ok: false,
    kind: 'rejected',
    error: new AppError('pipedrive_record_rejected', message, {
      details: {
        method: spec.method,
        path,
        status: null,
        pipedriveError: null,
        code: 'ferry_validation',
        kind: 'rejected',
      },
    }),
  };
}

export const hasNumericId = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'number';

const arrayData = (data: unknown): unknown[] => (Array.isArray(data) ? data : []);

/**
 * Walks a list by cursor, `limit=500`, one page (array) per step. `itemsOf` finds the items in `data`
 * (search answers wrap them in `data.items`).
 */
export async function* cursorPages<T>(
  transport: Transport,
  spec: CallSpec,
  itemsOf: (data: unknown) => unknown[] = arrayData,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const envelope = await readEnvelope(transport, { ...spec, query: { ...spec.query, limit: PAGE_LIMIT, cursor } });
    yield itemsOf(envelope.data) as T[];
    cursor = envelope.additional_data?.next_cursor ?? undefined;
  } while (cursor);
}

/** Walks a v1 list by offset (`start`), `limit` per page, one page (array) per step. */
export async function* offsetPages<T>(transport: Transport, spec: CallSpec, limit = PAGE_LIMIT): AsyncGenerator<T[]> {
  let start: number | undefined = 0;
  while (start !== undefined) {
    const envelope = await readEnvelope(transport, { ...spec, query: { ...spec.query, start, limit } });
    yield arrayData(envelope.data) as T[];
    const pagination = envelope.additional_data?.pagination;
    start = pagination?.more_items_in_collection ? pagination.next_start : undefined;
  }
}

/** Splits ids into batches Pipedrive accepts in one `ids=` read. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
