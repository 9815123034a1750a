/**
 * Locale-aware number parsing for Belgian exports: amounts, percentages, whole numbers.
 *
 * Belgian Excel writes a decimal comma and `.` or a space as thousands separator (`1.250,00`, `1 250,50`),
 * but database dumps and some modules write `35.00`. The rules, in order:
 * 1. Spaces (also NBSP and narrow NBSP) and `'` only ever group thousands.
 * 2. With both `,` and `.`, the rightmost one is the decimal separator and may occur once.
 * 3. A single `,` is decimal; several `,` group thousands.
 * 4. A single `.` is decimal (`35.00`, `0.250`), except `1.250` (1–3 digits not starting with 0, a dot, then
 *    exactly three digits): in a Belgian file that is one thousand two hundred fifty. Several `.` group.
 * 5. Thousands groups must be well formed: 1–3 digits, then groups of exactly 3.
 * A `€` or `EUR` before or after, and a leading minus (also U+2212), are allowed.
 */

export type NumberRejectReason =
  | 'empty'
  | 'unparseable'
  | 'ambiguous_separators' // `1,250,00` or `1.250.00`: no reading is safe
  | 'bad_grouping' // `12.50.000`: thousands separators in the wrong places
  | 'not_integer'
  | 'too_large';

export type NumberResult = { value: number; reason: null } | { value: null; reason: NumberRejectReason };

/** A percentage as a percent value (25 for 25 %), and which form it was written in. */
export type PercentResult =
  | { value: number; reason: null; form: 'percent' | 'fraction' | 'plain' }
  | { value: null; reason: NumberRejectReason };

const reject = (reason: NumberRejectReason): { value: null; reason: NumberRejectReason } =>
  Object.freeze({ value: null, reason });
const REJECT_EMPTY = reject('empty');
const REJECT_UNPARSEABLE = reject('unparseable');
const REJECT_AMBIGUOUS = reject('ambiguous_separators');
const REJECT_GROUPING = reject('bad_grouping');
const REJECT_NOT_INTEGER = reject('not_integer');
const REJECT_TOO_LARGE = reject('too_large');

/** Covers most cells (`82,00`, `35.00`, `250`, `-12,50`) without the general scanner. */
const SIMPLE_AMOUNT = /^-?\d{1,15}(?:[.,]\d{1,2})?$/;
const SIMPLE_INTEGER = /^[+-]?\d{1,15}$/;

/** Set by {@link parseNumber}: whether the last parsed value had a decimal separator. */
let lastHadDecimal = false;

function isGroupSpace(c: string): boolean {
  return c === ' ' || c === '\u00a0' || c === '\u202f' || c === "'";
}

/** Strips currency, sign and spaces around the number; returns [start, end, negative] or null. */
function bodyBounds(s: string): [number, number, boolean] | null {
  let i = 0;
  let j = s.length;
  let negative = false;
  for (;;) {
    const c = s[i];
    if ((c === '-' || c === '\u2212') && !negative) negative = true;
    else if (c === '€' || c === ' ' || c === '\u00a0' || c === '+') {
      // skip
    } else if (s.startsWith('EUR', i) || s.startsWith('eur', i)) i += 2;
    else break;
    i++;
  }
  for (;;) {
    const c = s[j - 1];
    if (c === '€' || c === ' ' || c === '\u00a0') j--;
    else if (j - 3 > i && (s.startsWith('EUR', j - 3) || s.startsWith('eur', j - 3))) j -= 3;
    else break;
  }
  return i < j ? [i, j, negative] : null;
}

/** General scanner for numbers with grouping; see the rules at the top of the file. */
function parseGrouped(s: string, start: number, end: number, negative: boolean): NumberResult {
  const runs: string[] = [];
  const seps: string[] = [];
  let cur = '';
  for (let i = start; i < end; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') cur += c;
    else if (c === ',' || c === '.' || isGroupSpace(c)) {
      if (cur === '' && !(runs.length === 0 && (c === ',' || c === '.'))) return REJECT_UNPARSEABLE;
      runs.push(cur === '' ? '0' : cur);
      seps.push(c);
      cur = '';
    } else return REJECT_UNPARSEABLE;
  }
  if (cur === '') return REJECT_UNPARSEABLE;
  runs.push(cur);

  const last = seps.length - 1;
  const commas = seps.filter((c) => c === ',').length;
  const dots = seps.filter((c) => c === '.').length;
  const lastSep = seps[last];
  let decimalAt = -1;
  if (commas > 0 && dots > 0) {
    if (lastSep !== ',' && lastSep !== '.') return REJECT_AMBIGUOUS;
    if ((lastSep === ',' ? commas : dots) !== 1) return REJECT_AMBIGUOUS;
    decimalAt = last;
  } else if (commas === 1 || dots === 1) {
    if (lastSep !== ',' && lastSep !== '.') return REJECT_GROUPING;
    const belgianThousands =
      lastSep === '.' && seps.length === 1 && runs[1]!.length === 3 && runs[0]!.length <= 3 && runs[0]![0] !== '0';
    decimalAt = belgianThousands ? -1 : last;
  }
  const intRuns = decimalAt >= 0 ? runs.slice(0, decimalAt + 1) : runs;
  if (intRuns.length > 1) {
    if (intRuns[0]!.length > 3) return REJECT_GROUPING;
    for (let k = 1; k < intRuns.length; k++) if (intRuns[k]!.length !== 3) return REJECT_GROUPING;
  }
  lastHadDecimal = decimalAt >= 0;
  const text = decimalAt >= 0 ? `${intRuns.join('')}.${runs[decimalAt + 1]}` : intRuns.join('');
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return REJECT_TOO_LARGE;
  return { value: negative ? -value : value, reason: null };
}

function parseNumber(raw: string): NumberResult {
  const s = raw.trim();
  lastHadDecimal = false;
  if (s === '') return REJECT_EMPTY;
  if (SIMPLE_AMOUNT.test(s)) {
    const comma = s.indexOf(',');
    lastHadDecimal = comma >= 0 || s.includes('.');
    return { value: Number(comma >= 0 ? `${s.slice(0, comma)}.${s.slice(comma + 1)}` : s), reason: null };
  }
  const bounds = bodyBounds(s);
  if (!bounds) return REJECT_UNPARSEABLE;
  return parseGrouped(s, bounds[0], bounds[1], bounds[2]);
}

/**
 * Parses a money amount: `82,00`, `1.250,00`, `€ 35`, `35.00`, `1 250,50`, `-12,50`.
 * Returns the value in euros, or null with a reason. Empty cells give reason `empty`.
 */
export function parseAmount(raw: string): NumberResult {
  return parseNumber(raw);
}

/**
 * Parses a percentage and returns it as a percent value (25 means 25 %).
 *
 * Convention: `25 %` and `25` are 25; a value written with a decimal separator and no `%` whose size is at
 * most 1 (`0,25`, `1,0`) is a fraction and becomes 25 and 100. So `1` alone is 1 %, `1,0` is 100 %, and
 * `0,5 %` is half a percent.
 */
export function parsePercentage(raw: string): PercentResult {
  let s = raw.trim();
  const hasPercentSign = s.endsWith('%');
  if (hasPercentSign) s = s.slice(0, -1);
  const parsed = parseNumber(s);
  if (parsed.value === null) return parsed;
  if (hasPercentSign) return { value: parsed.value, reason: null, form: 'percent' };
  if (lastHadDecimal && Math.abs(parsed.value) <= 1) {
    return { value: Number((parsed.value * 100).toPrecision(15)), reason: null, form: 'fraction' };
  }
  return { value: parsed.value, reason: null, form: 'plain' };
}

/**
 * Parses a whole number: `20`, `-3`, `2.481.152`, `2 481 152`. Thousands grouping follows the amount rules;
 * a value with a non-zero fraction (`1,5`) is `not_integer`. `20,0` is accepted as 20.
 */
export function parseInteger(raw: string): NumberResult {
  const s = raw.trim();
  if (SIMPLE_INTEGER.test(s)) return { value: Number(s), reason: null };
  const parsed = parseNumber(s);
  if (parsed.value === null) return parsed;
  if (!Number.isInteger(parsed.value)) return REJECT_NOT_INTEGER;
  if (!Number.isSafeInteger(parsed.value)) return REJECT_TOO_LARGE;
  return parsed;
}
