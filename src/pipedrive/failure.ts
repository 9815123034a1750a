/**
 * What a failed Pipedrive call means for the run, decided from plain facts about its last attempt
 * (status, body, network error code), never from an AxiosError: pure, and unable to leak headers.
 *
 * - stop: 401, 402, 403 (token, account or Cloudflare block, or a plan cap): the run cannot go on.
 * - rejected: 400, 404, 410, 422 and other 4xx: this record is refused; Pipedrive's message is kept.
 * - uncertain: a create may have reached Pipedrive (timeout, connection reset, 5xx, answer lost).
 * - unavailable: retries exhausted on something that provably did not apply, or is safe to repeat.
 * - rate_limited: still 429 after the retries (or a wait too long to sit out inside one call).
 */
import { AppError, type ErrorCode } from '../domain/errors.js';
import type { HttpMethod } from './token-costs.js';

export type FailureKind = 'stop' | 'rejected' | 'uncertain' | 'unavailable' | 'rate_limited';

export interface FailureFacts {
  method: HttpMethod;
  /** Request path without query string (queries can hold patient data: search terms). */
  path: string;
  /** Undefined when no response arrived. */
  status?: number | undefined;
  /** Node's error code when no response arrived (ECONNREFUSED, ECONNRESET, ECONNABORTED…). */
  networkCode?: string | undefined;
  body?: unknown;
  contentType?: string | undefined;
  retryAfterMs?: number | undefined;
  attempts: number;
  /** An earlier attempt of this call may have been applied by Pipedrive. */
  maybeApplied?: boolean;
}

export interface Failure {
  kind: FailureKind;
  error: AppError;
}

/** Network errors raised before a single byte of the request left: retrying cannot duplicate anything. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when the request provably never reached Pipedrive. */
export function neverSent(networkCode: string | undefined): boolean {
  return networkCode !== undefined && NEVER_SENT_CODES.has(networkCode);
}

/** POST is a create in every call Ferry makes; it is the only verb that is not safe to repeat. */
export function isCreate(method: HttpMethod): boolean {
  return method === 'POST';
}

/** Pipedrive's own error fields, when the body is its JSON envelope. */
export function pipedriveErrorOf(body: unknown): { message?: string; code?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const message = typeof record.error === 'string' ? record.error.slice(0, 500) : undefined;
  const code =
    typeof record.code === 'string'
      ? record.code
      : typeof record.errorCode === 'number'
        ? String(record.errorCode)
        : undefined;
  return { ...(message === undefined ? {} : { message }), ...(code === undefined ? {} : { code }) };
}

/** A 403 served by Cloudflare (an HTML page), which Pipedrive uses against clients that ignore 429s. */
export function isCloudflareBlock(contentType: string | undefined, body: unknown): boolean {
  const html = contentType?.includes('text/html') ?? false;
  return html || (typeof body === 'string' && /cloudflare/i.test(body));
}

function describeNetwork(code: string | undefined): string {
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return 'the request timed out';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was cut';
  return code === undefined ? 'no answer came' : `the connection failed (${code})`;
}

function stopError(facts: FailureFacts, status: number, details: Record<string, unknown>): AppError {
  const { message, code } = pipedriveErrorOf(facts.body);
  if (status === 401) {
    return new AppError(
      'pipedrive_unauthorized',
      'Pipedrive refused the API token (401). Copy a fresh token from Pipedrive (Personal preferences → API) and connect Ferry again; the run is stopped until then.',
      { details },
    );
  }
  if (status === 402) {
    return new AppError(
      'pipedrive_payment_required',
      "Pipedrive says this company's subscription is not active (402: the trial ended or a payment is missing). Settle it in Pipedrive's billing settings, then resume the run.",
      { details },
    );
  }
  if (isCloudflareBlock(facts.contentType, facts.body)) {
    return new AppError(
      'pipedrive_forbidden',
      "Pipedrive's firewall (Cloudflare) blocked Ferry's requests (403). The run is stopped: wait an hour before resuming, and contact Pipedrive support if it happens again.",
      { details: { ...details, cloudflare: true } },
    );
  }
  if (code !== undefined) {
    return new AppError(
      'pipedrive_forbidden',
      `Pipedrive refused: "${message ?? 'limit reached'}" (${code}). A limit of the Pipedrive plan is reached: upgrade the plan or make room, then resume the run.`,
      { details },
    );
  }
  return new AppError(
    'pipedrive_forbidden',
    `Pipedrive refused the request (403${message === undefined ? '' : `: "${message}"`}). The user whose token Ferry uses needs admin rights in Pipedrive; the run is stopped.`,
    { details },
  );
}

function failure(kind: FailureKind, code: ErrorCode, message: string, details: Record<string, unknown>): Failure {
  return { kind, error: new AppError(code, message, { details: { ...details, kind } }) };
}

/** Classifies the last attempt of a call that did not succeed. */
export function classifyFailure(facts: FailureFacts): Failure {
  const { message: pipedriveError, code } = pipedriveErrorOf(facts.body);
  const details: Record<string, unknown> = {
    method: facts.method,
    path: facts.path,
    status: facts.status ?? null,
    pipedriveError: pipedriveError ?? null,
    code: code ?? facts.networkCode ?? null,
    attempts: facts.attempts,
  };
  const call = `${facts.method} ${facts.path}`;
  const status = facts.status;
  if (status === 401 || status === 402 || status === 403)
    return { kind: 'stop', error: stopError(facts, status, details) };
  if (status === 429) {
    const wait = facts.retryAfterMs === undefined ? '' : ` for ${Math.ceil(facts.retryAfterMs / 1000)} s`;
    return failure(
      'rate_limited',
      'pipedrive_rate_limited',
      `Pipedrive's rate limit held back ${call}${wait}; Ferry pauses its requests and carries on later.`,
      { ...details, retryAfterMs: facts.retryAfterMs ?? null },
    );
  }
  const reason = status === undefined ? describeNetwork(facts.networkCode) : `Pipedrive answered ${status}`;
  const sent = !neverSent(facts.networkCode);
  if (isCreate(facts.method) && sent && (status === undefined || status >= 500)) {
    return failure(
      'uncertain',
      'pipedrive_uncertain',
      `Pipedrive may or may not have created this record: ${reason} after the request was sent. Ferry checks whether it exists before creating it again.`,
      details,
    );
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408) {
    const quoted = pipedriveError === undefined ? '' : `: "${pipedriveError}"`;
    return failure(
      'rejected',
      'pipedrive_record_rejected',
      `Pipedrive rejected ${call} (${status})${quoted}.`,
      details,
    );
  }
  return failure(
    'unavailable',
    'pipedrive_unavailable',
    `Pipedrive is not reachable: ${reason} (${call}, ${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}). The run can carry on later.`,
    details,
  );
}

/** Run-stopping errors: the engine halts the run and shows `message` to the customer. */
export function stopsTheRun(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.code === 'pipedrive_unauthorized' ||
      error.code === 'pipedrive_payment_required' ||
      error.code === 'pipedrive_forbidden')
  );
}
