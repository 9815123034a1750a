/**
 * Strict, day-first date and timestamp parsing for Belgian exports.
 *
 * Belgian software writes `dd/mm/yyyy`, `d/MM/yyyy` (the nl_BE short form), `dd-mm-yyyy`, `dd.mm.yyyy` and,
 * in database dumps, ISO `yyyy-MM-dd` (domain notes §5). Day-first is assumed everywhere: `03/14/1987` is
 * reported as an error (it looks like US month-first order) and is never swapped, because `03/04/1987` could
 * not be told apart and silently swapping some dates but not others corrupts history.
 *
 * Two-digit years pivot on the reference year: `yy ≤ (reference year mod 100) + 1` means 20yy, else 19yy.
 * With reference year 2025: `26` → 2026, `27` → 1927. Callers validating an export pass the export's year so
 * a re-run next year gives the same answer; the default is the current year, read once at load.
 *
 * The parsers scan char codes instead of running regular expressions: they run on every date cell of
 * millions of rows. Wall-clock conversion to UTC lives in `brussels-time.ts`.
 */

type Sep = '/' | '-' | '.';
type DayFirst<S extends Sep> = `${'d' | 'dd'}${S}${'M' | 'MM'}${S}${'yy' | 'yyyy'}`;
/** How a date was written, in CLDR-like letters: `dd/MM/yyyy`, `d/MM/yy`, `dd-MM-yyyy`, `yyyy-MM-dd`, … */
export type DatePattern = DayFirst<'/'> | DayFirst<'-'> | DayFirst<'.'> | 'yyyy-MM-dd';
/** A timestamp's pattern: its date pattern, then `HH:mm`, `H:mm` or `HH:mm:ss` (ISO `T` kept). */
export type TimestampPattern = DatePattern | `${DatePattern}${' ' | 'T'}${'H' | 'HH'}:mm${'' | ':ss'}`;

export type DateError = 'impossible' | 'unparseable' | 'zero';

/** `hint: 'month_first'` when the value reads as a valid US-order date (`03/14/1987`). */
export interface DateFailure {
  ok: false;
  error: DateError;
  hint?: 'month_first';
}

export type DateResult = { ok: true; iso: string; pattern: DatePattern } | DateFailure;

export type TimestampResult =
  | {
      ok: true;
      /** `YYYY-MM-DD` */
      date: string;
      /** `HH:mm:ss` */
      time: string;
      pattern: TimestampPattern;
      /** Offset written in the value (ISO `Z` → 0, `+02:00` → 120), or null for wall time (Europe/Brussels). */
      offsetMinutes: number | null;
    }
  | DateFailure;

/** Years before this are typos (`0987`), not dental history. */
export const MIN_YEAR = 1800;
const DEFAULT_REFERENCE_YEAR = new Date().getUTCFullYear();

const FAIL_UNPARSEABLE: DateFailure = Object.freeze({ ok: false, error: 'unparseable' });
const FAIL_IMPOSSIBLE: DateFailure = Object.freeze({ ok: false, error: 'impossible' });
const FAIL_ZERO: DateFailure = Object.freeze({ ok: false, error: 'zero' });
const FAIL_MONTH_FIRST: DateFailure = Object.freeze({ ok: false, error: 'impossible', hint: 'month_first' });

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Expands a two-digit year with the pivot rule described at the top of this file. */
export function expandTwoDigitYear(yy: number, referenceYear: number = DEFAULT_REFERENCE_YEAR): number {
  const pivot = (referenceYear % 100) + 1;
  const century = referenceYear - (referenceYear % 100);
  return yy <= pivot ? century + yy : century - 100 + yy;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Date fields found by {@link scanDate}; module-level scratch, since parsing is synchronous. */
const scan = { a: 0, la: 0, b: 0, lb: 0, c: 0, lc: 0, sep: 0, end: 0 };

/**
 * Reads `digits SEP digits SEP digits` from `s` starting at `from`; fills `scan` and returns false when the
 * shape is wrong. `scan.end` is the index after the last digit, so a time part may follow.
 */
function scanDate(s: string, from: number): boolean {
  let i = from;
  let sep = 0;
  for (let group = 0; group < 3; group++) {
    let n = 0;
    const start = i;
    while (i < s.length && i - start < 4) {
      const code = s.charCodeAt(i);
      if (code < 48 || code > 57) break;
      n = n * 10 + code - 48;
      i++;
    }
    const len = i - start;
    if (len === 0) return false;
    if (group === 0) {
      scan.a = n;
      scan.la = len;
    } else if (group === 1) {
      scan.b = n;
      scan.lb = len;
    } else {
      scan.c = n;
      scan.lc = len;
      break;
    }
    const code = s.charCodeAt(i);
    if (group === 0) {
      if (code !== 47 && code !== 45 && code !== 46) return false;
      sep = code;
    } else if (code !== sep) return false;
    i++;
  }
  scan.sep = sep;
  scan.end = i;
  return true;
}

/**
 * Every day-first pattern, built once and indexed by separator and group lengths: handing out the same string
 * objects keeps parsing free of string building, and Map lookups on patterns (the family cache) cheap.
 */
const DAY_FIRST_PATTERNS: readonly DatePattern[] = (() => {
  const list: DatePattern[] = [];
  for (const sep of ['/', '-', '.'])
    for (const la of [1, 2])
      for (const lb of [1, 2])
        for (const lc of [2, 4]) {
          list.push(
            `${la === 2 ? 'dd' : 'd'}${sep}${lb === 2 ? 'MM' : 'M'}${sep}${lc === 2 ? 'yy' : 'yyyy'}` as DatePattern,
          );
        }
  return list;
})();

function dayFirstPattern(sep: number, la: number, lb: number, lc: number): DatePattern {
  const sepIndex = sep === 47 ? 0 : sep === 45 ? 1 : 2;
  return DAY_FIRST_PATTERNS[sepIndex * 8 + (la - 1) * 4 + (lb - 1) * 2 + (lc === 4 ? 1 : 0)]!;
}

/** Timestamp patterns per date pattern, indexed by (`T`? 4 : 0) + (two-digit hour? 2 : 0) + (seconds? 1 : 0). */
const TIMESTAMP_PATTERNS = new Map<DatePattern, TimestampPattern[]>();

function timestampPattern(date: DatePattern, t: boolean, twoDigitHour: boolean, seconds: boolean): TimestampPattern {
  let variants = TIMESTAMP_PATTERNS.get(date);
  if (!variants) {
    variants = [];
    for (const sepT of [false, true])
      for (const hh of [false, true])
        for (const ss of [false, true]) {
          variants.push(`${date}${sepT ? 'T' : ' '}${hh ? 'HH' : 'H'}:mm${ss ? ':ss' : ''}` as TimestampPattern);
        }
    TIMESTAMP_PATTERNS.set(date, variants);
  }
  return variants[(t ? 4 : 0) + (twoDigitHour ? 2 : 0) + (seconds ? 1 : 0)]!;
}

/** Result of turning `scan` into a calendar date; fields valid when `fail` is null. */
const ymd = { year: 0, month: 0, day: 0, pattern: '' as DatePattern, fail: null as DateFailure | null };

function resolveScannedDate(referenceYear: number): void {
  const { a, la, b, lb, c, lc, sep } = scan;
  ymd.fail = null;
  if (la === 4 && sep === 45 && lb === 2 && lc === 2) {
    ymd.year = a;
    ymd.month = b;
    ymd.day = c;
    ymd.pattern = 'yyyy-MM-dd';
  } else if (la <= 2 && lb <= 2 && (lc === 2 || lc === 4)) {
    ymd.day = a;
    ymd.month = b;
    ymd.year = lc === 2 ? expandTwoDigitYear(c, referenceYear) : c;
    ymd.pattern = dayFirstPattern(sep, la, lb, lc);
  } else {
    ymd.fail = FAIL_UNPARSEABLE;
    return;
  }
  if (a === 0 && b === 0 && c === 0) ymd.fail = FAIL_ZERO;
  else if (ymd.month < 1 || ymd.month > 12) {
    // 03/14/1987: a valid date if read month-first. Say so, but never swap.
    const usOrder = ymd.pattern !== 'yyyy-MM-dd' && a >= 1 && a <= 12 && b <= daysInMonth(ymd.year, a);
    ymd.fail = usOrder ? FAIL_MONTH_FIRST : FAIL_IMPOSSIBLE;
  } else if (ymd.year < MIN_YEAR || ymd.day < 1 || ymd.day > daysInMonth(ymd.year, ymd.month)) {
    ymd.fail = FAIL_IMPOSSIBLE;
  }
}

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${PAD2[month]}-${PAD2[day]}`;
}

/** Index of the first non-whitespace char, and one past the last. */
function trimBounds(raw: string): [number, number] {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 32) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 32) end--;
  return [start, end];
}

/**
 * Parses a date written day-first (or ISO) into `YYYY-MM-DD`.
 * Errors: `zero` for the placeholder `00/00/0000`, `impossible` for `31/02/2020` or month 13 (with
 * `hint: 'month_first'` for `03/14/1987`), `unparseable` for anything else, including a trailing time.
 */
export function parseDate(raw: string, referenceYear: number = DEFAULT_REFERENCE_YEAR): DateResult {
  const [start, end] = trimBounds(raw);
  const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  if (!scanDate(s, 0) || scan.end !== s.length) return FAIL_UNPARSEABLE;
  resolveScannedDate(referenceYear);
  if (ymd.fail) return ymd.fail;
  return { ok: true, iso: isoOf(ymd.year, ymd.month, ymd.day), pattern: ymd.pattern };
}

/**
 * The pattern a date value is written in, without checking that the date exists; null when it has no date
 * shape. Cheap enough to run on every cell of a column to find its dominant pattern.
 */
export function patternOf(raw: string): DatePattern | null {
  const [start, end] = trimBounds(raw);
  const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  if (!scanDate(s, 0)) return null;
  if (scan.end !== s.length) {
    // a timestamp: only its date part counts
    const code = s.charCodeAt(scan.end);
    if (code !== 32 && code !== 84) return null;
  }
  resolveScannedDate(DEFAULT_REFERENCE_YEAR);
  return ymd.fail === FAIL_UNPARSEABLE ? null : ymd.pattern;
}

const familyCache = new Map<string, string>();

/**
 * The pattern with day/month padding and the time part removed (`dd/MM/yyyy`, `d/M/yyyy HH:mm` → `d/M/yyyy`).
 * The nl_BE short form writes `3/07/2023` next to `14/03/1987`; those two are one convention, not a mixed
 * column. Cached: there are fewer than 200 patterns.
 */
export function datePatternFamily(pattern: DatePattern | TimestampPattern): string {
  let family = familyCache.get(pattern);
  if (family === undefined) {
    const space = pattern.indexOf(' ');
    const cut = space >= 0 ? space : pattern.indexOf('T');
    const datePart = cut >= 0 ? pattern.slice(0, cut) : pattern;
    family = datePart === 'yyyy-MM-dd' ? datePart : datePart.replace('dd', 'd').replace('MM', 'M');
    familyCache.set(pattern, family);
  }
  return family;
}

/** Time fields found by {@link scanTime}; module-level scratch like `scan`. */
const clock = { h: 0, m: 0, s: 0, hLen: 0, seconds: false, offset: null as number | null, ok: false };

/** The digit at `at`, or -1. */
function digitAt(s: string, at: number): number {
  const code = s.charCodeAt(at);
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

/** `:dd` at `at` as a number, or -1. */
function colonPairAt(s: string, at: number): number {
  if (s.charCodeAt(at) !== 58) return -1;
  const d1 = digitAt(s, at + 1);
  const d2 = digitAt(s, at + 2);
  return d1 < 0 || d2 < 0 ? -1 : d1 * 10 + d2;
}

/** `±hh:mm` or `±hhmm` at `at` as minutes in `clock.offset`; returns the index after it, or -1. */
function scanOffset(s: string, at: number): number {
  const sign = s.charCodeAt(at) === 45 ? -1 : 1;
  const colon = s.charCodeAt(at + 3) === 58 ? 1 : 0;
  const d = [digitAt(s, at + 1), digitAt(s, at + 2), digitAt(s, at + 3 + colon), digitAt(s, at + 4 + colon)];
  if (d.some((x) => x < 0)) return -1;
  clock.offset = sign * ((d[0]! * 10 + d[1]!) * 60 + d[2]! * 10 + d[3]!);
  return at + 5 + colon;
}

/** Reads `H:mm`, `HH:mm`, `HH:mm:ss` (and for ISO `.sss`, `Z`, `±hh:mm`) from `from` into `clock`. */
function scanTime(s: string, from: number, iso: boolean): void {
  clock.ok = false;
  clock.offset = null;
  const h1 = digitAt(s, from);
  if (h1 < 0) return;
  const h2 = digitAt(s, from + 1);
  clock.hLen = h2 >= 0 ? 2 : 1;
  clock.h = h2 >= 0 ? h1 * 10 + h2 : h1;
  let i = from + clock.hLen;
  clock.m = colonPairAt(s, i);
  if (clock.m < 0) return;
  i += 3;
  clock.seconds = s.charCodeAt(i) === 58;
  clock.s = 0;
  if (clock.seconds) {
    clock.s = colonPairAt(s, i);
    if (clock.s < 0) return;
    i += 3;
  }
  if (iso && s.charCodeAt(i) === 46) {
    i++;
    while (digitAt(s, i) >= 0) i++; // fractions of a second are dropped
  }
  if (iso && s.charCodeAt(i) === 90) {
    clock.offset = 0;
    i++;
  } else if (iso && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
    i = scanOffset(s, i);
    if (i < 0) return;
  }
  clock.ok = i === s.length;
}

/**
 * Parses `dd/mm/yyyy hh:mm[:ss]` (any day-first date pattern), ISO `yyyy-MM-ddTHH:mm[:ss[.sss]][Z|±hh:mm]`,
 * `yyyy-MM-dd HH:mm[:ss]`, or a date alone (midnight). Times without an offset are wall time; convert
 * them with `brusselsToUtc`.
 */
export function parseTimestamp(raw: string, referenceYear: number = DEFAULT_REFERENCE_YEAR): TimestampResult {
  const [start, end] = trimBounds(raw);
  const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  if (!scanDate(s, 0)) return FAIL_UNPARSEABLE;
  resolveScannedDate(referenceYear);
  if (ymd.fail === FAIL_UNPARSEABLE) return FAIL_UNPARSEABLE;
  const datePattern = ymd.pattern;
  let pattern: TimestampPattern = datePattern;
  let time = '00:00:00';
  let offsetMinutes: number | null = null;
  if (scan.end !== s.length) {
    const sepCode = s.charCodeAt(scan.end);
    const iso = datePattern === 'yyyy-MM-dd';
    if (!(sepCode === 32 || (iso && sepCode === 84))) return FAIL_UNPARSEABLE;
    let from = scan.end + 1;
    while (sepCode === 32 && s.charCodeAt(from) === 32) from++;
    scanTime(s, from, iso);
    if (!clock.ok) return FAIL_UNPARSEABLE;
    if (ymd.fail) return ymd.fail;
    if (clock.h > 23 || clock.m > 59 || clock.s > 59) return FAIL_IMPOSSIBLE;
    pattern = timestampPattern(datePattern, sepCode === 84, clock.hLen === 2, clock.seconds);
    time = `${PAD2[clock.h]}:${PAD2[clock.m]}:${PAD2[clock.s]}`;
    offsetMinutes = clock.offset;
  }
  if (ymd.fail) return ymd.fail;
  return { ok: true, date: isoOf(ymd.year, ymd.month, ymd.day), time, pattern, offsetMinutes };
}

export { type BrusselsStatus, brusselsToUtc, type UtcResult } from './brussels-time.js';
