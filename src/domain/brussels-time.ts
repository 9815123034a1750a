/**
 * Europe/Brussels wall time → UTC, with the two DST traps made explicit.
 *
 * DentAdmin-like exports write appointment times without a zone. Twice a year that is ambiguous:
 * on the last Sunday of October 02:00–02:59 happens twice (`ambiguous`), and on the last Sunday of March
 * 02:00–02:59 never happens (`nonexistent`). Ferry resolves both the way calendar software does
 * (RFC 5545 §3.3.5): an ambiguous time takes the first occurrence (summer time), a nonexistent time is moved
 * forward by the gap (02:30 → 03:30 summer time), and the status tells the caller to flag it.
 *
 * The offsets come from the platform's time-zone database through `Intl` (no library). Asking `Intl` per
 * value is slow, so the transitions of each year are found once (a binary search to the minute) and kept in
 * a small cache; after that a conversion is arithmetic. This assumes at most two offset changes per year,
 * which holds for Brussels since 1977 and for every year without summer time.
 */

export type BrusselsStatus = 'ok' | 'ambiguous' | 'nonexistent';

export interface UtcResult {
  /** `YYYY-MM-DDTHH:mm:ssZ` */
  utc: string;
  status: BrusselsStatus;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface YearOffsets {
  /** Offset in ms at 1 January 00:00 UTC. */
  start: number;
  /** Changes within the year: from `at` (UTC ms) on, the offset is `offset` (ms). */
  changes: { at: number; offset: number }[];
}

let formatter: Intl.DateTimeFormat | undefined;
const yearCache = new Map<number, YearOffsets>();

/** Brussels offset from UTC at instant `t`, in ms, straight from Intl (slow; only used to fill the cache). */
function intlOffset(t: number): number {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Brussels',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(t)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const local = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return local - Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

/** First minute in (lo, hi] whose offset differs from the offset at lo. */
function findChange(lo: number, hi: number): number {
  const before = intlOffset(lo);
  let a = lo / MINUTE_MS;
  let b = hi / MINUTE_MS;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (intlOffset(mid * MINUTE_MS) === before) a = mid;
    else b = mid;
  }
  return b * MINUTE_MS;
}

function offsetsOf(year: number): YearOffsets {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const jan = Date.UTC(year, 0, 1);
  const jul = Date.UTC(year, 6, 1);
  const next = Date.UTC(year + 1, 0, 1);
  const entry: YearOffsets = { start: intlOffset(jan), changes: [] };
  if (intlOffset(jul) !== entry.start) {
    const at = findChange(jan, jul);
    entry.changes.push({ at, offset: intlOffset(at) });
  }
  const mid = intlOffset(jul);
  if (intlOffset(next - MINUTE_MS) !== mid) {
    const at = findChange(jul, next - MINUTE_MS);
    entry.changes.push({ at, offset: intlOffset(at) });
  }
  yearCache.set(year, entry);
  return entry;
}

/** Brussels offset (ms) at UTC instant `t`, from the per-year cache. */
export function brusselsOffsetAt(t: number): number {
  const entry = offsetsOf(new Date(t).getUTCFullYear());
  let offset = entry.start;
  for (const change of entry.changes) if (t >= change.at) offset = change.offset;
  return offset;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Converts a Brussels wall-clock date and time to a UTC instant.
 *
 * @param localDate `YYYY-MM-DD`
 * @param localTime `HH:mm` or `HH:mm:ss`
 * @throws RangeError when the inputs are not in those shapes (use `parseTimestamp` first).
 */
export function brusselsToUtc(localDate: string, localTime: string): UtcResult {
  const d = DATE_RE.exec(localDate);
  const t = TIME_RE.exec(localTime);
  if (!d || !t)
    throw new RangeError(`brusselsToUtc: expected YYYY-MM-DD and HH:mm[:ss], got ${localDate} ${localTime}`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));

  // The wall time L is valid for offset o when the instant L − o really has offset o there.
  const entry = offsetsOf(Number(d[1]));
  const candidates = new Set<number>([entry.start, ...entry.changes.map((c) => c.offset)]);
  const valid: number[] = [];
  for (const offset of candidates) {
    if (brusselsOffsetAt(wall - offset) === offset) valid.push(wall - offset);
  }
  if (valid.length === 1) return { utc: toUtcString(valid[0]!), status: 'ok' };
  if (valid.length > 1) return { utc: toUtcString(Math.min(...valid)), status: 'ambiguous' };
  // In the gap: move forward by the gap, i.e. read the wall time with the offset in force before it.
  const before = brusselsOffsetAt(wall - 12 * HOUR_MS);
  return { utc: toUtcString(wall - before), status: 'nonexistent' };
}

function toUtcString(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}
