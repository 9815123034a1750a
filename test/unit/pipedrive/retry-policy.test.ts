import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryable,
  readRateHeaders,
  serverHintMs,
  withinRetryBudget,
} from '../../../src/pipedrive/retry-policy.js';

describe('isRetryable', () => {
  it('retries a create only when it provably never reached Pipedrive, or on 429', () => {
    expect(isRetryable('POST', undefined, 'ECONNREFUSED')).toBe(true);
    expect(isRetryable('POST', 429, undefined)).toBe(true);
    expect(isRetryable('POST', undefined, 'ECONNABORTED')).toBe(false);
    expect(isRetryable('POST', undefined, 'ECONNRESET')).toBe(false);
    expect(isRetryable('POST', 500, undefined)).toBe(false);
    expect(isRetryable('POST', 503, undefined)).toBe(false);
  });

  it('retries reads, PATCH, PUT and DELETE on network errors, 429 and 5xx', () => {
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE'] as const) {
      expect(isRetryable(method, undefined, 'ECONNRESET')).toBe(true);
      expect(isRetryable(method, undefined, 'ECONNABORTED')).toBe(true);
      expect(isRetryable(method, 503, undefined)).toBe(true);
      expect(isRetryable(method, 501, undefined)).toBe(false);
      expect(isRetryable(method, 429, undefined)).toBe(true);
    }
  });

  it('never retries a record-level or run-stopping answer', () => {
    for (const status of [400, 401, 402, 403, 404, 410, 422]) expect(isRetryable('GET', status, undefined)).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('draws below an exponentially growing, capped ceiling (full jitter)', () => {
    const top = () => 0.999_999;
    expect(backoffDelayMs(1, undefined, DEFAULT_RETRY, top)).toBe(499);
    expect(backoffDelayMs(3, undefined, DEFAULT_RETRY, top)).toBe(1_999);
    expect(backoffDelayMs(20, undefined, DEFAULT_RETRY, top)).toBe(29_999);
    expect(backoffDelayMs(3, undefined, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('never waits less than the server asked', () => {
    expect(backoffDelayMs(1, 2_000, DEFAULT_RETRY, () => 0.5)).toBe(2_000);
  });

  it('stops retrying when a wait is too long or the total would pass the cap', () => {
    expect(withinRetryBudget(0, 31_000, DEFAULT_RETRY)).toBe(false);
    expect(withinRetryBudget(110_000, 20_000, DEFAULT_RETRY)).toBe(false);
    expect(withinRetryBudget(10_000, 20_000, DEFAULT_RETRY)).toBe(true);
  });
});

describe('readRateHeaders', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it('reads the rate-limit headers, reset and Retry-After in seconds', () => {
    const read = readRateHeaders(
      headers({
        'x-ratelimit-limit': '40',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2',
        'retry-after': '1',
      }),
      0,
    );
    expect(read).toEqual({ limit: 40, remaining: 0, resetMs: 2_000, retryAfterMs: 1_000 });
    expect(serverHintMs(read)).toBe(2_000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRateHeaders(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now).retryAfterMs).toBe(30_000);
  });

  it('ignores garbage', () => {
    expect(readRateHeaders(headers({ 'x-ratelimit-remaining': 'lots' }), 0)).toEqual({});
    expect(serverHintMs({})).toBeUndefined();
  });
});
