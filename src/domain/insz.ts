/**
 * INSZ / NISS (Belgian national register number) and BIS numbers: normalising, checking, decoding.
 *
 * Layout `YYMMDDCCCKK`: birth date (month/day may be 00), a day counter CCC (odd = male, even = female) and
 * two check digits KK = 97 − (first 9 digits mod 97). For births from 2000 on, the mod-97 is taken on
 * "2" + the 9 digits, so the century is known only from which of the two checks matches.
 * BIS numbers (people not in the national register) add 20 to the month when the sex is unknown and 40
 * when it is known. Reference: domain notes §3.1.
 *
 * All functions work on char codes, without slicing, because they run on every patient row.
 */

/** Result of {@link normaliseInsz}. `digits` is null when no 11-digit candidate could be made. */
export interface NormalisedInsz {
  digits: string | null;
  /** True when anything other than surrounding whitespace had to be removed (dots, dashes, inner spaces). */
  reformatted: boolean;
  /** True when a 10-digit value became valid once its lost leading zero (Excel) was put back. */
  restoredLeadingZero: boolean;
}

export type InszSex = 'M' | 'F' | 'unknown';

/** Birth date read from an INSZ; month and day are null when the number carries 00 (date not known). */
export interface InszBirthDate {
  year: number;
  month: number | null;
  day: number | null;
  /** `YYYY-MM-DD` when month and day are both known, else null. */
  iso: string | null;
}

const CHAR_0 = 48;
const CHAR_9 = 57;
/** 2_000_000_000 is the "2" prefix in front of the 9 digits, for births from 2000 on. */
const PREFIX_2000 = 2_000_000_000;

const NONE: NormalisedInsz = Object.freeze({ digits: null, reformatted: false, restoredLeadingZero: false });

function isSeparator(code: number): boolean {
  // space, NBSP, dot, dash, slash, narrow NBSP: all seen in hand-typed or eID-formatted numbers
  return code === 32 || code === 160 || code === 46 || code === 45 || code === 47 || code === 0x202f;
}

/**
 * Strips the eID formatting (`87.03.14-124.43`, `870314 124 43`) and restores a leading zero lost by Excel
 * (`8222999934` → `08222999934`), but only when the restored number passes its check digits: otherwise a
 * 10-digit typo would be "repaired" into a different person's number.
 */
export function normaliseInsz(raw: string): NormalisedInsz {
  const value = raw.trim();
  // Fast path: most exports hold the bare 11 digits.
  if (isElevenDigits(value)) return { digits: value, reformatted: false, restoredLeadingZero: false };
  let digits = '';
  let reformatted = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= CHAR_0 && code <= CHAR_9) digits += value[i];
    else if (isSeparator(code)) reformatted = true;
    else return NONE;
  }
  if (digits.length === 11) return { digits, reformatted, restoredLeadingZero: false };
  if (digits.length === 10) {
    const restored = `0${digits}`;
    if (isValidInsz(restored)) return { digits: restored, reformatted, restoredLeadingZero: true };
  }
  return NONE;
}

function isElevenDigits(digits: string): boolean {
  if (digits.length !== 11) return false;
  for (let i = 0; i < 11; i++) {
    const code = digits.charCodeAt(i);
    if (code < CHAR_0 || code > CHAR_9) return false;
  }
  return true;
}

/** Reads `length` digits starting at `from` as a number; the caller has checked they are digits. */
function numberAt(digits: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) n = n * 10 + (digits.charCodeAt(i) - CHAR_0);
  return n;
}

/** Which century the check digits point at: 1900 or 2000, or 0 when neither matches. */
function centuryOf(digits: string): 0 | 1900 | 2000 {
  if (!isElevenDigits(digits)) return 0;
  const base = numberAt(digits, 0, 9);
  const check = numberAt(digits, 9, 2);
  if (97 - (base % 97) === check) return 1900;
  if (97 - ((PREFIX_2000 + base) % 97) === check) return 2000;
  return 0;
}

/** True for months 00–12 (national number), 20–32 (BIS, sex unknown) and 40–52 (BIS, sex known). */
function isPlausibleMonth(month: number): boolean {
  return month <= 12 || (month >= 20 && month <= 32) || (month >= 40 && month <= 52);
}

/**
 * True when `digits` is 11 digits whose check digits match for the 1900s or the 2000s, with a month field
 * of a national or BIS number and a day of 00–31. Check digits 00, 98 and 99 can never match.
 */
export function isValidInsz(digits: string): boolean {
  return validCentury(digits) !== 0;
}

/** The century of a valid number (see {@link isValidInsz}), 0 for an invalid one: one pass over the digits. */
function validCentury(digits: string): 0 | 1900 | 2000 {
  const century = centuryOf(digits);
  if (century === 0) return 0;
  return isPlausibleMonth(numberAt(digits, 2, 2)) && numberAt(digits, 4, 2) <= 31 ? century : 0;
}

/** The century the check digits point at (1900 or 2000), or null for an invalid number. */
export function inszCentury(digits: string): 1900 | 2000 | null {
  const century = validCentury(digits);
  return century === 0 ? null : century;
}

/** True for a valid BIS number (month field +20 or +40). */
export function isBisNumber(digits: string): boolean {
  return isValidInsz(digits) && numberAt(digits, 2, 2) >= 20;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The birth date an INSZ encodes, with the century taken from whichever check matched.
 * Returns null for an invalid number. BIS month offsets are removed.
 */
export function inszBirthDate(digits: string): InszBirthDate | null {
  if (!isValidInsz(digits)) return null;
  const year = centuryOf(digits) + numberAt(digits, 0, 2);
  const rawMonth = numberAt(digits, 2, 2) % 20; // 0–12 for all three ranges (20–32, 40–52)
  const rawDay = numberAt(digits, 4, 2);
  const month = rawMonth === 0 ? null : rawMonth;
  const day = rawDay === 0 ? null : rawDay;
  const iso = month !== null && day !== null ? `${year}-${pad2(month)}-${pad2(day)}` : null;
  return { year, month, day, iso };
}

/** Sex from the day counter (odd = M, even = F); `unknown` for BIS +20 numbers and for invalid input. */
export function inszSex(digits: string): InszSex {
  if (!isValidInsz(digits)) return 'unknown';
  const month = numberAt(digits, 2, 2);
  if (month >= 20 && month <= 32) return 'unknown';
  return numberAt(digits, 6, 3) % 2 === 1 ? 'M' : 'F';
}

/**
 * Builds a valid INSZ (or BIS number) for synthetic data.
 *
 * @param birthDate `YYYY-MM-DD`, 1900-01-01 to 2099-12-31; day and month may be `00` (unknown date).
 * @param counter day counter 1–998: odd for a man, even for a woman.
 * @param bisOffset 20 (BIS, sex unknown) or 40 (BIS, sex known); 0 for a national register number.
 * @throws RangeError on an out-of-range date or counter (a generator bug, not a data problem).
 */
export function makeInsz(birthDate: string, counter: number, bisOffset: 0 | 20 | 40 = 0): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new RangeError(`makeInsz: birth date must be YYYY-MM-DD, got ${birthDate}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2099 || month > 12 || day > 31) {
    throw new RangeError(`makeInsz: birth date out of range: ${birthDate}`);
  }
  if (!Number.isInteger(counter) || counter < 1 || counter > 998) {
    throw new RangeError(`makeInsz: counter must be 1–998, got ${counter}`);
  }
  const base = (year % 100) * 10_000_000 + (month + bisOffset) * 100_000 + day * 1000 + counter;
  const check = 97 - (((year >= 2000 ? PREFIX_2000 : 0) + base) % 97);
  return String(base).padStart(9, '0') + pad2(check);
}
