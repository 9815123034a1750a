/**
 * When a failed attempt is tried again, and after how long. Pure; axios-retry is wired to these in http.ts.
 *
 * A create (POST) is repeated only when it provably never reached Pipedrive: the connection was refused
 * or the name did not resolve, or Pipedrive answered 429 (refused before processing). Anything that may
 * have been processed (timeout, reset, 5xx) is not repeated for a create, it becomes "uncertain".
 * Reads, PATCH/PUT (same body) and DELETE by id are safe to repeat, so they also retry on those.
 */
import { isCreate, neverSent } from './failure.js';
import type { HttpMethod } from './token-costs.js';

export interface RetryOptions {
  /** Attempts after the first. */
  retries: number;
  /** First back-off ceiling; doubles with each retry (full jitter draws below it). */
  baseDelayMs: number;
  /** Largest single wait; a longer `Retry-After` is not sat out inside one call. */
  maxDelayMs: number;
  /** Largest total of waits within one call. */
  maxRetryTimeMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryTimeMs: 120_000,
};

/** Whether the outcome of one attempt may be tried again (ignoring counts and time). */
export function isRetryable(method: HttpMethod, status: number | undefined, networkCode: string | undefined): boolean {
  if (status === 429) return true;
  if (status === undefined) return neverSent(networkCode) || !isCreate(method);
  if (status === 408) return true; // the server never received the whole request
  return TRANSIENT_5XX.has(status) && !isCreate(method);
}

/** Server errors that may pass; 501 (not implemented) and 505 will not, however often we ask. */
const TRANSIENT_5XX = new Set([500, 502, 503, 504]);

/** The rate-limit headers of an answer, parsed; times in milliseconds. */
export interface RateHeaders {
  limit?: number;
  remaining?: number;
  resetMs?: number;
  retryAfterMs?: number;
}

function numberHeader(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * Reads `x-ratelimit-limit/-remaining/-reset` and `Retry-After`. Pipedrive states no unit for
 * `x-ratelimit-reset`; its old docs show `2` for the 2 s window, so it is read as seconds.
 * `Retry-After` is seconds or an HTTP date.
 */
export function readRateHeaders(header: (name: string) => string | undefined, nowMs: number): RateHeaders {
  const result: RateHeaders = {};
  const limit = numberHeader(header('x-ratelimit-limit'));
  const remaining = numberHeader(header('x-ratelimit-remaining'));
  const reset = numberHeader(header('x-ratelimit-reset'));
  if (limit !== undefined) result.limit = limit;
  if (remaining !== undefined) result.remaining = remaining;
  if (reset !== undefined) result.resetMs = reset * 1000;
  const retryAfter = header('retry-after');
  if (retryAfter !== undefined) {
    const seconds = numberHeader(retryAfter);
    const at = seconds === undefined ? Date.parse(retryAfter) : Number.NaN;
    if (seconds !== undefined) result.retryAfterMs = seconds * 1000;
    else if (Number.isFinite(at)) result.retryAfterMs = Math.max(0, at - nowMs);
  }
  return result;
}

/** The wait Pipedrive asked for, if any: the longer of `Retry-After` and the window reset. */
export function serverHintMs(headers: RateHeaders): number | undefined {
  const hints = [headers.retryAfterMs, headers.resetMs].filter((hint): hint is number => hint !== undefined);
  return hints.length === 0 ? undefined : Math.max(...hints);
}

/**
 * Exponential back-off with full jitter (a uniform draw below base × 2^(n−1), capped), never shorter
 * than what the server asked for. `retryNumber` counts from 1.
 */
export function backoffDelayMs(
  retryNumber: number,
  hintMs: number | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.max(hintMs ?? 0, Math.floor(random() * ceiling));
}

/** Whether one more wait of `delayMs` still fits the call's limits. */
export function withinRetryBudget(waitedMs: number, delayMs: number, options: RetryOptions): boolean {
  return delayMs <= options.maxDelayMs && waitedMs + delayMs <= options.maxRetryTimeMs;
}
