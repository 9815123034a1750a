/**
 * The usual date shape read fast, and dates as numbers.
 *
 * Nearly every date cell of an export is `dd/MM/yyyy` (or `dd/MM/yyyy HH:mm`); this reads that one shape with
 * char arithmetic and no allocation, and leaves every other value to the full parsers of `dates.ts`, which
 * also give the reasons a value is not a date. A date read is a {@link DateNumber}, compared as a number and
 * turned into a string only when one is needed.
 */
import { daysInMonth, MIN_YEAR } from './dates.js';

/**
 * A date as the number yyyymmdd (`1987-03-14` → 19870314): ordered like the dates, compared without
 * building strings. {@link isoOfDateNumber} turns it back into `YYYY-MM-DD`.
 */
export type DateNumber = number;

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Two digits at `at` as a number, or -1. */
function twoDigitsAt(s: string, at: number): number {
  const d1 = s.charCodeAt(at) - 48;
  const d2 = s.charCodeAt(at + 1) - 48;
  return d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9 ? d1 * 10 + d2 : -1;
}

/**
 * The date of a value in the shape nearly every export uses, `dd/MM/yyyy`, and with `withTime` also
 * `dd/MM/yyyy HH:mm`, as a {@link DateNumber}. Returns -1 for any other shape, surrounding whitespace, or a
 * date or time that does not exist: then `parseDate` / `parseTimestamp` give the answer and the reason.
 * Where it returns a date it is the one those return, with pattern `dd/MM/yyyy` (10 chars) or
 * `dd/MM/yyyy HH:mm` (16 chars).
 */
export function quickDayFirstDate(value: string, withTime: boolean): DateNumber {
  const length = value.length;
  if (length !== 10 && !(withTime && length === 16)) return -1;
  if (value.charCodeAt(2) !== 47 || value.charCodeAt(5) !== 47) return -1;
  const day = twoDigitsAt(value, 0);
  const month = twoDigitsAt(value, 3);
  const century = twoDigitsAt(value, 6);
  const yy = twoDigitsAt(value, 8);
  if (day < 1 || month < 1 || month > 12 || century < 0 || yy < 0) return -1;
  const year = century * 100 + yy;
  if (year < MIN_YEAR || day > daysInMonth(year, month)) return -1;
  if (length === 16) {
    if (value.charCodeAt(10) !== 32 || value.charCodeAt(13) !== 58) return -1;
    const hour = twoDigitsAt(value, 11);
    const minute = twoDigitsAt(value, 14);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return -1;
  }
  return year * 10_000 + month * 100 + day;
}

/** `YYYY-MM-DD` → {@link DateNumber}; the caller passes a valid ISO date. */
export function dateNumberOfIso(iso: string): DateNumber {
  return Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

/** {@link DateNumber} → `YYYY-MM-DD`. */
export function isoOfDateNumber(date: DateNumber): string {
  return `${Math.floor(date / 10_000)}-${PAD2[Math.floor(date / 100) % 100]}-${PAD2[date % 100]}`;
}
