/**
 * One error type for the whole application, with a code from a closed list.
 * Logs get the code, ids and cause; people get `message`, one sentence that says what happened and what to do.
 */

export type ErrorCode =
  | 'config_invalid'
  | 'usage'
  | 'db_unavailable'
  | 'db_newer_than_code'
  | 'ingest_refused'
  | 'ingest_file_invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'pipedrive_unauthorized'
  | 'pipedrive_payment_required'
  | 'pipedrive_forbidden'
  | 'pipedrive_rate_limited'
  | 'pipedrive_record_rejected'
  | 'pipedrive_uncertain'
  | 'pipedrive_unavailable'
  | 'mapping_invalid'
  | 'mapping_unapproved'
  | 'llm_failed'
  | 'internal';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details ?? {};
  }
  readonly details: Record<string, unknown>;
}

/** Turns anything thrown into an AppError, keeping the original as its cause. */
export function asAppError(error: unknown, code: ErrorCode = 'internal'): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(code, message, { cause: error });
}
