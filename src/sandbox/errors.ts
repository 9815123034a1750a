/**
 * Errors a sandbox route can raise, rendered with Pipedrive's error envelope:
 * `{ success: false, error, error_info, data: null, additional_data: null }` plus, on some errors,
 * `code` (documented for the 403 plan-limit errors) or `errorCode` (the v1 spec's 401 example).
 */

export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';
const NOT_FOUND_INFO = 'Object was not found.';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly errorInfo: string;
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    message: string,
    options: { code?: string; errorInfo?: string; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = options.code;
    this.errorInfo = options.errorInfo ?? (status === 404 ? NOT_FOUND_INFO : ERROR_INFO);
    this.extra = options.extra ?? {};
  }

  /** The JSON body Pipedrive sends with this error. */
  toBody(): Record<string, unknown> {
    return {
      success: false,
      error: this.message,
      ...(this.code === undefined ? {} : { code: this.code }),
      ...this.extra,
      error_info: this.errorInfo,
      data: null,
      additional_data: null,
    };
  }
}

/**
 * 400 for a request that fails validation. The code mirrors what integrators report from v2
 * (`ERR_SCHEMA_VALIDATION_FAILED`); v1 sends no code.
 */
export function badRequest(message: string): ApiError {
  return new ApiError(400, message, { code: 'ERR_SCHEMA_VALIDATION_FAILED' });
}

export function notFound(what: string): ApiError {
  return new ApiError(404, `${what} not found`);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
