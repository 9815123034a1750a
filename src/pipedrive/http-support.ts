/**
 * Small pure helpers of the transport: reading headers and bodies of answers, the Content-Type of what
 * we send, and telling a budget 429 from a burst 429.
 */
import { randomUUID } from 'node:crypto';
import type { RateHeaders } from './retry-policy.js';

export function headerReader(headers: unknown): (name: string) => string | undefined {
  return (name) => {
    const value = (headers as Record<string, unknown> | undefined)?.[name];
    return value === undefined || value === null ? undefined : String(value);
  };
}

export function parseBody(data: unknown, contentType: string | undefined): unknown {
  if (typeof data !== 'string') return data;
  if (!contentType?.includes('json') && !/^\s*[[{]/.test(data)) return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/** No burst window needs this long to free a slot; a longer Retry-After means the daily budget. */
const BUDGET_RETRY_AFTER_MS = 60_000;

/**
 * A 429 for the daily token budget rather than the burst window. Pipedrive documents neither the body
 * nor a header that tells them apart, so we read the message ("daily", "budget", "token") and a
 * Retry-After longer than any window. `x-ratelimit-remaining > 0` is not used: injected and proxy 429s
 * carry it too, and mistaking a burst 429 for an exhausted budget would pause every worker for minutes.
 */
export function isBudgetRefusal(headers: RateHeaders, body: unknown): boolean {
  const message = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof message === 'string' && /daily|budget|token/i.test(message)) return true;
  return headers.retryAfterMs !== undefined && headers.retryAfterMs >= BUDGET_RETRY_AFTER_MS;
}

/**
 * The body's Content-Type. Uploads get a lowercase boundary of our own: axios's default mixes cases, and
 * a server (the sandbox, at least) that lowercases the header then cannot find the parts.
 */
export function contentTypeHeader(body: unknown): Record<string, string> {
  if (body === undefined) return {};
  if (body instanceof FormData) return { 'Content-Type': `multipart/form-data; boundary=ferry-${randomUUID()}` };
  return { 'Content-Type': 'application/json' };
}

/** A recordable picture of a request body: FormData becomes its fields, files as name, size and type. */
export function describeBody(body: unknown): unknown {
  if (!(body instanceof FormData)) return body;
  const fields: Record<string, unknown> = {};
  for (const [name, value] of body.entries()) {
    fields[name] = typeof value === 'string' ? value : { file: value.name, size: value.size, type: value.type };
  }
  return fields;
}

/** The media type of a request body, for the exchange record. */
export function requestContentType(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return body instanceof FormData ? 'multipart/form-data' : 'application/json';
}
