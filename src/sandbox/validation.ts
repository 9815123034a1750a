/**
 * Request-body validation shared by the routes: zod schemas for the recurring Pipedrive shapes and
 * a parser that turns zod issues into a 400 with Pipedrive's envelope.
 *
 * v2 validates strictly (booleans are booleans, numbers are not coerced from strings) [MIG]; unknown
 * top-level properties are ignored (our assumption: Pipedrive does not document either way).
 */
import { z } from 'zod';
import { ApiError, badRequest } from './errors.js';
import type { Address, ContactItem } from './records.js';
import { isDateOnly, parseRfc3339Lenient } from './time.js';

export const intId = z.number().int().positive();

export const nullableIntId = intId.nullable();

export const dateOnly = z.string().refine(isDateOnly, 'must be a date in the format YYYY-MM-DD');

export const rfc3339 = z
  .string()
  .refine((text) => parseRfc3339Lenient(text) !== undefined, 'must be an RFC 3339 date-time');

/** `HH:MM` or `HH:MM:SS`. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be HH:MM or HH:MM:SS');

export const contactItems = z.array(
  z.object({
    value: z.string(),
    label: z.string().optional(),
    primary: z.boolean().optional(),
  }),
);

const ADDRESS_PARTS = [
  'country',
  'admin_area_level_1',
  'admin_area_level_2',
  'locality',
  'sublocality',
  'route',
  'street_number',
  'subpremise',
  'postal_code',
] as const;

export const addressInput = z
  .object({
    value: z.string(),
    ...Object.fromEntries(ADDRESS_PARTS.map((part) => [part, z.string().nullable().optional()])),
  })
  .nullable();

export type AddressInput = z.infer<typeof addressInput>;

/** Omitted parts become null, also on PATCH: Pipedrive replaces the whole address object [SPEC2]. */
export function toAddress(input: { value: string } & Record<string, unknown>): Address {
  const address: Record<string, string | null> = { value: input.value };
  for (const part of ADDRESS_PARTS) {
    const partValue = input[part];
    address[part] = typeof partValue === 'string' ? partValue : null;
  }
  return address as unknown as Address;
}

/**
 * Normalises an emails/phones array: label defaults to `work`, at most one `primary`, and the first
 * item becomes primary when none is marked [MIG].
 */
export function toContactItems(field: string, items: z.infer<typeof contactItems>): ContactItem[] {
  const kept = items.filter((item) => item.value.trim() !== '');
  if (kept.filter((item) => item.primary === true).length > 1) {
    throw badRequest(`${field}: only one item can be primary`);
  }
  const hasPrimary = kept.some((item) => item.primary === true);
  return kept.map((item, index) => ({
    value: item.value,
    label: item.label ?? 'work',
    primary: item.primary === true || (!hasPrimary && index === 0),
  }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');
  return path === '' ? issue.message : `${path.replace(/\.\[/g, '[')}: ${issue.message}`;
}

/** Parses a body or throws a 400 naming the first offending properties. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw badRequest('Request body must be a JSON object');
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.slice(0, 5).map(describeIssue).join('; ');
  throw badRequest(`Validation failed: ${details}`);
}

/** A positive integer from a path or query parameter, or a 400. */
export function parseIdParam(value: string | undefined, name = 'id'): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) <= 0) {
    throw badRequest(`${name} must be a positive integer`);
  }
  return Number(value);
}

/** An optional integer query parameter. */
export function optionalIntQuery(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : parseIdParam(value, name);
}

/** `limit` for cursor lists: default 100, at most 500 (documented); above → 400 (our assumption). */
export function parseLimit(query: URLSearchParams, max = 500, fallback = 100): number {
  const value = query.get('limit');
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new ApiError(400, `limit must be an integer between 1 and ${max}`, { code: 'ERR_SCHEMA_VALIDATION_FAILED' });
  }
  return Number(value);
}
