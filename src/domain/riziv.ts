/**
 * RIZIV/INAMI nomenclature codes: format, the mod-7 plausibility heuristic, and validity on a date.
 *
 * A code is 6 digits. Its 6th digit equals the first five read as a number, mod 7: true for every real code
 * the research collected and false for most invented ones (domain notes §1.2). It is our inference, not an
 * official rule, so it only ever produces a warning. Whether a code may be attested on a service date is
 * decided by the dated table in `riziv-codes.ts`; a retired code on an old service is valid history.
 */
import { RIZIV_CODES, RIZIV_TABLE_START, type RizivCode } from './riziv-codes.js';

export { RIZIV_CODES, RIZIV_TABLE_START, type RizivCode } from './riziv-codes.js';

export type RizivStatus = 'valid' | 'unknown_code' | 'not_yet_valid' | 'retired';

/** True for exactly six ASCII digits. */
export function isRizivFormat(code: string): boolean {
  if (code.length !== 6) return false;
  for (let i = 0; i < 6; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Six digits whose last digit is (first five as a number) mod 7. A warning-level typo check. */
export function isPlausibleRizivCode(code: string): boolean {
  if (!isRizivFormat(code)) return false;
  let stem = 0;
  for (let i = 0; i < 5; i++) stem = stem * 10 + code.charCodeAt(i) - 48;
  return stem % 7 === code.charCodeAt(5) - 48;
}

/** All rows per code, ambulant and hospital codes alike (a code may have several dated rows). */
const BY_CODE: ReadonlyMap<string, readonly RizivCode[]> = (() => {
  const map = new Map<string, RizivCode[]>();
  const add = (code: string, entry: RizivCode): void => {
    const rows = map.get(code);
    if (rows) rows.push(entry);
    else map.set(code, [entry]);
  };
  for (const entry of RIZIV_CODES) {
    add(entry.code, entry);
    if (entry.hospitalCode) add(entry.hospitalCode, entry);
  }
  return map;
})();

/** The first day a row counts from: codes carrying the table start are taken as older than the table. */
function effectiveFrom(entry: RizivCode): string {
  return entry.validFrom === RIZIV_TABLE_START ? '0000-01-01' : entry.validFrom;
}

function covers(entry: RizivCode, isoDate: string): boolean {
  return effectiveFrom(entry) <= isoDate && (entry.validTo === null || isoDate <= entry.validTo);
}

/**
 * Whether `code` (ambulant or hospital) may be attested on `isoDate` (`YYYY-MM-DD`) according to the table.
 * `unknown_code` also means "not in our seed table": see the note in `riziv-codes.ts`.
 */
export function rizivStatusOn(code: string, isoDate: string): RizivStatus {
  const rows = BY_CODE.get(code);
  if (!rows) return 'unknown_code';
  let allLater = true;
  for (const entry of rows) {
    if (covers(entry, isoDate)) return 'valid';
    if (effectiveFrom(entry) <= isoDate) allLater = false;
  }
  return allLater ? 'not_yet_valid' : 'retired';
}

/** Every table row for `code` (ambulant or hospital), oldest first as listed; empty when unknown. */
export function rizivRows(code: string): readonly RizivCode[] {
  return BY_CODE.get(code) ?? [];
}

/** The table row for `code` in force on `isoDate`, if any (for labels). */
export function rizivCodeOn(code: string, isoDate: string): RizivCode | undefined {
  return BY_CODE.get(code)?.find((entry) => covers(entry, isoDate));
}

/** Rows in force on `isoDate`, in table order; the generator picks ambulant codes (`code`) from these. */
export function currentCodes(isoDate: string): RizivCode[] {
  return RIZIV_CODES.filter((entry) => covers(entry, isoDate));
}
