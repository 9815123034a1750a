/**
 * Phone numbers to E.164, with a hand-written fast path for Belgian numbers.
 *
 * Belgian numbering (domain notes §3.3): a national number is the trunk `0` plus 8 digits for a landline
 * (`02 555 12 12`, Liège `04 2xx xx xx`) or 9 digits for a mobile (`0475 12 34 56`, 045x–049x). The prefix
 * `04` alone therefore says nothing: length decides. The patterns below are libphonenumber's own BE metadata
 * (libphonenumber-js 1.13, metadata.max.json), copied so that already-clean Belgian numbers, the bulk of a
 * practice's file, never touch the library.
 *
 * Foreign numbers (a `+` or `00` prefix with another country code) go to libphonenumber-js `max`: its
 * metadata is larger than `min` (≈150 KB vs 80 KB, loaded once) but actually validates number ranges, so a
 * garbled foreign number is rejected instead of passing a length check.
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'foreign';
/** An ISO 3166 alpha-2 country libphonenumber knows (`BE`, `NL`, …). */
export type PhoneCountry = CountryCode;

/** Why a value could not become an E.164 number. */
export type PhoneRejectReason =
  | 'empty'
  | 'excel_scientific' // `3,2E+10`: Excel turned the number into a float and dropped digits
  | 'invalid_characters'
  | 'wrong_length'
  | 'not_a_number_in_use'; // right length, but no Belgian or foreign number range matches

export type PhoneResult =
  | { e164: string; kind: PhoneKind; reason?: never }
  | { e164: null; kind: null; reason: PhoneRejectReason };

/** Belgian mobile national significant number: 9 digits, 45–49. */
const BE_MOBILE = /^4[5-9]\d{7}$/;
/** Every other Belgian 8-digit range: geographic, 0800, 070/090x, 078, VoIP (all kind `landline`). */
const BE_OTHER =
  /^(?:80[2-8]\d{5}|(?:1[0-69]|[23][2-8]|4[23]|5\d|6[013-57-9]|71|8[1-79]|9[2-4])\d{6}|800[1-9]\d{4}|(?:70(?:2[0-57]|3[04-7]|44|6[04-69]|7[0579])|90\d\d)\d{4}|78(?:0[578]|1[014-8]|2[25]|3[15-8]|48|5[05]|60|7[06-8]|9\d)\d{4}|7879\d{4})$/;
const EXCEL_SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
/** Separators people and software put in phone numbers: spaces, NBSP, `.`, `/`, `-`, `(`, `)`. */
const SEPARATORS = /[\s./()-]+/g;
const PLAIN_SEPARATORS = /[ ./-]/g;
const PLUS_DIGITS = /^\+?\d+$/;
const TRUNK_IN_PARENS = /\(\s*0\s*\)/g;

const rejected = (reason: PhoneRejectReason): PhoneResult => Object.freeze({ e164: null, kind: null, reason });
const REJECT_EMPTY = rejected('empty');
const REJECT_EXCEL = rejected('excel_scientific');
const REJECT_CHARS = rejected('invalid_characters');
const REJECT_LENGTH = rejected('wrong_length');
const REJECT_RANGE = rejected('not_a_number_in_use');

/** Classifies a Belgian national significant number (no trunk 0, no country code). */
function belgian(nsn: string): PhoneResult {
  if (nsn.length === 9) {
    return BE_MOBILE.test(nsn) ? { e164: `+32${nsn}`, kind: 'mobile' } : REJECT_RANGE;
  }
  if (nsn.length === 8) {
    return BE_OTHER.test(nsn) ? { e164: `+32${nsn}`, kind: 'landline' } : REJECT_RANGE;
  }
  return REJECT_LENGTH;
}

function viaLibrary(text: string, defaultCountry: CountryCode | undefined): PhoneResult {
  const parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {});
  if (!parsed) return REJECT_LENGTH;
  if (parsed.country === 'BE' || parsed.countryCallingCode === '32') return belgian(parsed.nationalNumber);
  return parsed.isValid() ? { e164: parsed.number, kind: 'foreign' } : REJECT_RANGE;
}

/**
 * Turns a phone number as typed into a practice system into E.164.
 *
 * Accepted Belgian forms: `0475 12 34 56`, `02/555.12.12`, `0032 475…`, `+32 (0)475…`, `32475123456`, and
 * `475 12 34 56` (trunk 0 lost, typically by Excel). Numbers with `+` or `00` and another country code keep
 * their country. `3,2E+10` and similar are rejected: Excel has already lost digits.
 *
 * @param defaultCountry country of numbers written without an international prefix; only `BE` uses the fast
 *   path, other countries (a patient living in the Netherlands) go through libphonenumber.
 */
export function toE164(raw: string, defaultCountry: PhoneCountry = 'BE'): PhoneResult {
  let value = raw.trim();
  if (value === '') return REJECT_EMPTY;
  let compact = plainCompact(value);
  if (compact === null) {
    if (EXCEL_SCIENTIFIC.test(value)) return REJECT_EXCEL;
    if (value.includes('(')) value = value.replace(TRUNK_IN_PARENS, ' ');
    compact = value.replace(SEPARATORS, '');
  }
  if (!PLUS_DIGITS.test(compact)) return REJECT_CHARS;
  const plus = compact.charCodeAt(0) === 43;
  const digits = plus ? compact.slice(1) : compact;

  if (plus || digits.startsWith('00')) {
    const international = plus ? digits : digits.slice(2);
    if (international.startsWith('32')) {
      // A stray trunk 0 after +32 (`+320475…`) is a common typo; no Belgian number starts with 0.
      const nsn = international.charCodeAt(2) === 48 ? international.slice(3) : international.slice(2);
      return belgian(nsn);
    }
    return viaLibrary(`+${international}`, undefined);
  }
  if (defaultCountry !== 'BE') return viaLibrary(digits, defaultCountry);
  if (digits.charCodeAt(0) === 48) return belgian(digits.slice(1));
  // Without + or 0: `32475123456` (country code without +) is 10–11 digits, a lost trunk 0 is 8–9.
  if ((digits.length === 10 || digits.length === 11) && digits.startsWith('32')) return belgian(digits.slice(2));
  if (digits.length === 8 || digits.length === 9) return belgian(digits);
  return REJECT_LENGTH;
}

/**
 * The value without its separators when it holds only digits, the separators of a typed number (space `.`
 * `/` `-`) and at most a leading `+`, which is nearly every number in an export; null otherwise (letters,
 * brackets, NBSP, Excel's `3,2E+10`: the general path looks at those). Same result as that path, found with
 * one scan and no regular expression.
 */
function plainCompact(value: string): string | null {
  let separators = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) continue;
    if (code === 32 || code === 46 || code === 47 || code === 45) separators++;
    else if (code !== 43 || i !== 0) return null;
  }
  return separators === 0 ? value : value.replace(PLAIN_SEPARATORS, '');
}

/** 1 where a 4-digit prefix starts an 8-digit number {@link BE_OTHER} accepts: its ranges end with `\d{4}` or more. */
const BE_LANDLINE_PREFIXES: Uint8Array = (() => {
  const table = new Uint8Array(10_000);
  for (let prefix = 0; prefix < table.length; prefix++) {
    table[prefix] = BE_OTHER.test(`${String(prefix).padStart(4, '0')}0000`) ? 1 : 0;
  }
  return table;
})();

/** Digits of the value being classified; module-level scratch, since classifying is synchronous. */
const scratch = new Uint8Array(20);

/** `belgian()` on the NSN `scratch[from, to)`, answering the kind or the reason only. */
function belgianKind(from: number, to: number): PhoneKind | PhoneRejectReason {
  const length = to - from;
  if (length === 9) return scratch[from] === 4 && scratch[from + 1]! >= 5 ? 'mobile' : 'not_a_number_in_use';
  if (length !== 8) return 'wrong_length';
  const prefix = scratch[from]! * 1000 + scratch[from + 1]! * 100 + scratch[from + 2]! * 10 + scratch[from + 3]!;
  return BE_LANDLINE_PREFIXES[prefix] === 1 ? 'landline' : 'not_a_number_in_use';
}

/**
 * {@link toE164}'s answer for a Belgian number written with digits, the separators of a typed number and
 * at most a leading `+`, read into `scratch` without building a string; null for anything else (foreign
 * numbers, letters, brackets, Excel's floats), which `toE164` itself then decides.
 */
function quickKind(value: string, defaultCountry: PhoneCountry): PhoneKind | PhoneRejectReason | null {
  let n = 0;
  let plus = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (n === scratch.length) return null;
      scratch[n++] = code - 48;
    } else if (code === 43 && i === 0) plus = true;
    else if (code !== 32 && code !== 46 && code !== 47 && code !== 45) return null;
  }
  if (n === 0) return 'invalid_characters';
  if (plus || (n >= 2 && scratch[0] === 0 && scratch[1] === 0)) {
    let from = plus ? 0 : 2;
    if (n - from < 2 || scratch[from] !== 3 || scratch[from + 1] !== 2) return null;
    from += 2;
    if (from < n && scratch[from] === 0) from++; // the stray trunk 0 of `+320475…`
    return belgianKind(from, n);
  }
  if (defaultCountry !== 'BE') return null;
  if (scratch[0] === 0) return belgianKind(1, n);
  if ((n === 10 || n === 11) && scratch[0] === 3 && scratch[1] === 2) return belgianKind(2, n);
  if (n === 8 || n === 9) return belgianKind(0, n);
  return 'wrong_length';
}

/**
 * What {@link toE164} answers, without the number: its kind, or why it was rejected. For checking a column
 * of numbers without keeping them; Belgian numbers in the usual shapes cost one scan and no allocation.
 */
export function phoneKind(raw: string, defaultCountry: PhoneCountry = 'BE'): PhoneKind | PhoneRejectReason {
  const value = raw.trim();
  if (value === '') return 'empty';
  const quick = quickKind(value, defaultCountry);
  if (quick !== null) return quick;
  const result = toE164(value, defaultCountry);
  return result.e164 === null ? result.reason : result.kind;
}

/** True when `code` is a country libphonenumber knows (an ISO 3166 alpha-2 code such as `NL`). */
export function isPhoneCountry(code: string): code is PhoneCountry {
  return isSupportedCountry(code);
}
