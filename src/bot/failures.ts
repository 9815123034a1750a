/**
 * Logging a failure without leaking: the code, the error's class and message (our own sentences, or Slack's and
 * Postgres' terse ones) and the stack, but never a request, a response body or a token.
 */
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';

export function logFailure(log: Logger, error: unknown, context: Record<string, unknown>): void {
  const err =
    error instanceof AppError
      ? { code: error.code, message: error.message, stack: error.stack }
      : error instanceof Error
        ? { code: slackErrorCode(error), name: error.name, message: error.message.slice(0, 300), stack: error.stack }
        : { code: 'unknown' };
  log.error({ ...context, err }, 'bot listener failed');
}

/** Slack's error code (`channel_not_found`, `ratelimited`, …) without request details. */
export function slackErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
