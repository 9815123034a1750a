/**
 * Removes a secret (the API token) from everything an error carries. Pipedrive has no reason to echo
 * the token, but its messages are copied into our errors, so this is the guarantee rather than a hope.
 */
import { AppError } from '../domain/errors.js';

const MASK = '[redacted]';

function scrub(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return value.split(secret).join(MASK);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secret));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secret)]));
  }
  return value;
}

/** A copy of the error with every occurrence of `secret` masked in its message and details (no cause kept). */
export function redactSecret(error: AppError, secret: string): AppError {
  if (secret === '') return error;
  return new AppError(error.code, scrub(error.message, secret) as string, {
    details: scrub(error.details, secret) as Record<string, unknown>,
  });
}
