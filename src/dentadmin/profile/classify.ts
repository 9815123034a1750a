/**
 * What kind of value a single cell holds, judged from its text alone (the column's header is not consulted:
 * the profile says what the data is, the entity spec says what it should be).
 */
import { parseTimestamp, patternOf } from '../../domain/dates.js';
import { isValidInsz, normaliseInsz } from '../../domain/insz.js';
import { isPlausibleRizivCode } from '../../domain/riziv.js';

export type ValueKind =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'timestamp'
  | 'email'
  | 'phone'
  | 'insz'
  | 'riziv'
  | 'percentage'
  | 'boolean';

export interface Classified {
  kind: ValueKind;
  /** Date and timestamp: how it is written (`dd/MM/yyyy`); decimal: `9,99` or `9.99`. */
  pattern: string | null;
}

const BOOLEAN = /^[JjNnOoYy]$/;
const PERCENTAGE = /^[-+]?\d+(?:[.,]\d+)?\s?%$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INTEGER = /^[-+]?\d+$/;
const DECIMAL_COMMA = /^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$/;
const DECIMAL_DOT = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;
const PHONE = /^(?:\+|00|0)[\d\s/.()-]{7,}$/;
const TIME = /[ T]\d{1,2}:\d{2}/;
const INSZ_SHAPE = /^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/;

const TEXT: Classified = { kind: 'text', pattern: null };
const simple = (kind: ValueKind): Classified => ({ kind, pattern: null });
const FIXED = {
  boolean: simple('boolean'),
  percentage: simple('percentage'),
  email: simple('email'),
  insz: simple('insz'),
  riziv: simple('riziv'),
  integer: simple('integer'),
  phone: simple('phone'),
  decimalComma: { kind: 'decimal', pattern: '9,99' } as Classified,
  decimalDot: { kind: 'decimal', pattern: '9.99' } as Classified,
};

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function classifyDate(value: string): Classified | null {
  const pattern = patternOf(value);
  if (pattern === null) return null;
  if (!TIME.test(value)) return { kind: 'date', pattern };
  const parsed = parseTimestamp(value);
  return { kind: 'timestamp', pattern: parsed.ok ? parsed.pattern : `${pattern} HH:mm` };
}

function classifyDigits(value: string): Classified {
  if (value.length === 11 && isValidInsz(value)) return FIXED.insz;
  if (value.length === 6 && isPlausibleRizivCode(value)) return FIXED.riziv;
  // A leading zero and 9+ digits is a Belgian phone number written without spaces, not an amount.
  if (value.length >= 9 && value.charCodeAt(0) === 48) return FIXED.phone;
  return FIXED.integer;
}

/** The kind of one non-empty, trimmed value. */
export function classifyValue(raw: string): Classified {
  const value = raw.trim();
  if (value === '') return TEXT;
  if (BOOLEAN.test(value)) return FIXED.boolean;
  if (INTEGER.test(value)) return classifyDigits(value);
  if (PERCENTAGE.test(value)) return FIXED.percentage;
  if (EMAIL.test(value)) return FIXED.email;
  if (DECIMAL_COMMA.test(value)) return FIXED.decimalComma;
  const date = classifyDate(value);
  if (date !== null) return date;
  if (DECIMAL_DOT.test(value)) return FIXED.decimalDot;
  if (INSZ_SHAPE.test(value)) return FIXED.insz;
  const insz = normaliseInsz(value);
  if (insz.digits !== null && insz.reformatted && isValidInsz(insz.digits)) return FIXED.insz;
  if (PHONE.test(value) && digitCount(value) >= 8 && digitCount(value) <= 15) return FIXED.phone;
  return TEXT;
}
