/**
 * The two timestamp formats Pipedrive speaks. v2 uses RFC 3339 UTC with whole seconds
 * (`2024-01-01T09:00:00Z`); v1 uses `YYYY-MM-DD HH:MM:SS`, also UTC.
 */

export const DAY_MS = 86_400_000;

/** `2024-01-01T09:00:00Z`: whole seconds, as in every v2 example. */
export function toRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2024-01-01 09:00:00` (UTC). */
export function toV1DateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** `2024-01-01` (UTC). */
export function toDateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const RFC3339_WHOLE_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp with whole seconds, as v2 query parameters require. Pipedrive rejects
 * fractional seconds in `updated_since` (reported by integrators as ERR_SCHEMA_VALIDATION_FAILED,
 * "not a valid datetime"), so this does too. Returns undefined when the text is not accepted.
 */
export function parseRfc3339(text: string): Date | undefined {
  if (!RFC3339_WHOLE_SECONDS.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a v2 body timestamp: RFC 3339, fractional seconds tolerated. */
export function parseRfc3339Lenient(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses v1's `YYYY-MM-DD HH:MM:SS` as UTC (Date.parse would read it as local time). */
export function parseV1DateTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses `YYYY-MM-DD` (a real calendar date). */
export function isDateOnly(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && toDateOnly(date) === text;
}

/** Milliseconds since the epoch of a stored timestamp in either format. */
export function timestampMs(text: string): number {
  const date = text.includes('T') ? new Date(text) : parseV1DateTime(text);
  return date ? date.getTime() : Number.NaN;
}

/** Milliseconds until the next midnight UTC. */
export function msUntilNextUtcMidnight(now: Date): number {
  const ms = now.getTime();
  return (Math.floor(ms / DAY_MS) + 1) * DAY_MS - ms;
}
