/** A response before it is written: status, headers, body, and what the ledger should record. */
import { ApiError } from '../errors.js';
import type { RateLimitHeaders } from '../rate-limit.js';
import type { RequestOutcome } from '../stats.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  outcome: RequestOutcome;
  /** Tokens this request was charged. */
  tokens: number;
  /** Commit happened; destroy the socket instead of answering (`dropRate`). */
  drop?: boolean;
}

export function rateHeaders(headers: RateLimitHeaders): Record<string, string> {
  return {
    'x-ratelimit-limit': String(headers.limit),
    'x-ratelimit-remaining': String(headers.remaining),
    'x-ratelimit-reset': String(headers.resetSeconds),
  };
}

export function jsonAnswer(
  status: number,
  body: unknown,
  outcome: RequestOutcome,
  extraHeaders: Record<string, string> = {},
): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extraHeaders },
    body: JSON.stringify(body),
    outcome,
    tokens: 0,
  };
}

export function errorAnswer(
  error: ApiError,
  outcome: RequestOutcome,
  extraHeaders: Record<string, string> = {},
): Answer {
  return jsonAnswer(error.status, error.toBody(), outcome, extraHeaders);
}

export function unauthorized(): Answer {
  return errorAnswer(new ApiError(401, 'unauthorized access', { extra: { errorCode: 401 } }), 'unauthorized');
}
