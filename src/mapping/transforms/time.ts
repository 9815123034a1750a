/**
 * Date and time transforms. Cells are day-first Belgian dates and Europe/Brussels wall times (src/domain/dates);
 * Pipedrive wants ISO dates and UTC times (reference §2.3, §2.9).
 */
import { brusselsToUtc, type DateFailure, parseDate, parseTimestamp } from '../../domain/dates.js';
import {
  fail,
  isBlank,
  ok,
  stringListArg,
  type TransformContext,
  type TransformDef,
  type TransformResult,
  warn,
} from './types.js';

const ONE = { min: 1, max: 1 };

function dateFailure(failure: DateFailure): TransformResult {
  if (failure.error === 'zero') return fail('date_invalid', 'error', 'The date is the placeholder 00/00/0000.');
  if (failure.hint === 'month_first') {
    return fail('date_invalid', 'error', 'The date reads month-first (US order); Ferry never swaps day and month.');
  }
  return fail(
    'date_invalid',
    'error',
    failure.error === 'impossible' ? 'The date does not exist.' : 'The value is not a date.',
  );
}

export const date: TransformDef = {
  name: 'date',
  summary: 'a day-first date (14/03/1987, 3/07/23, 1987-03-14) to YYYY-MM-DD; a time part is dropped',
  inputs: ONE,
  outputs: 1,
  produces: ['date'],
  accepts: ['date', 'timestamp'],
  apply: ([value], _args, context) => {
    if (isBlank(value)) return ok(null);
    const parsed = parseDate(value, context.referenceYear);
    if (parsed.ok) return ok(parsed.iso);
    if (parsed.error !== 'unparseable') return dateFailure(parsed);
    const stamp = parseTimestamp(value, context.referenceYear);
    return stamp.ok ? ok(stamp.date) : dateFailure(stamp);
  },
};

interface Instant {
  utc: string;
  /** Whether the value had a time of day (a date alone is an all-day event). */
  timed: boolean;
  /** The date as written (Brussels), for all-day events: a day has no UTC shift. */
  localDate: string;
  warnings: ReturnType<typeof warn>[];
}

/** A cell as a UTC instant: wall time is Brussels time; a written offset (ISO `Z`, `+02:00`) is honoured. */
function toInstant(value: string, context: TransformContext): Instant | TransformResult {
  const parsed = parseTimestamp(value, context.referenceYear);
  if (!parsed.ok) return dateFailure(parsed);
  const timed = parsed.pattern.includes(':');
  if (parsed.offsetMinutes !== null) {
    const local = Date.parse(`${parsed.date}T${parsed.time}Z`);
    const utc = `${new Date(local - parsed.offsetMinutes * 60_000).toISOString().slice(0, 19)}Z`;
    return { utc, timed, localDate: parsed.date, warnings: [] };
  }
  const converted = brusselsToUtc(parsed.date, parsed.time);
  const warnings =
    converted.status === 'ok'
      ? []
      : [
          warn(
            'time_ambiguous',
            converted.status === 'ambiguous'
              ? 'The time happens twice on this DST day; the first (summer time) was taken.'
              : 'The time does not exist on this DST day; it was moved forward by an hour.',
          ),
        ];
  return { utc: converted.utc, timed, localDate: parsed.date, warnings };
}

const isInstant = (value: Instant | TransformResult): value is Instant => 'utc' in value;

export const timestamp: TransformDef = {
  name: 'timestamp',
  summary: 'a Brussels date and time (02/09/2011 10:14) to a UTC instant (2011-09-02T08:14:00Z)',
  inputs: ONE,
  outputs: 1,
  produces: ['datetime'],
  accepts: ['timestamp', 'date'],
  apply: ([value], _args, context) => {
    if (isBlank(value)) return ok(null);
    const instant = toInstant(value, context);
    return isInstant(instant) ? ok(instant.utc, instant.warnings) : instant;
  },
};

/** 1:N: one Brussels wall time → Pipedrive's UTC `due_date` and `due_time` (HH:MM); a date alone is all-day. */
export const brusselsToUtcDue: TransformDef = {
  name: 'brussels_to_utc',
  summary: 'a Brussels date and time to UTC due_date (YYYY-MM-DD) and due_time (HH:MM)',
  inputs: ONE,
  outputs: 2,
  produces: ['date', 'time'],
  accepts: ['timestamp', 'date'],
  apply: ([value], _args, context) => {
    if (isBlank(value)) return ok([null, null]);
    const instant = toInstant(value, context);
    if (!isInstant(instant)) return instant;
    if (!instant.timed) return ok([instant.localDate, null]);
    return ok([instant.utc.slice(0, 10), instant.utc.slice(11, 16)], instant.warnings);
  },
};

/**
 * `done` for an appointment from [Start, Status]: done when its status is in args.done (Aanwezig), or when it
 * lies before `context.now` (history should not show as overdue); otherwise open. Without a `now`, status only.
 */
export const appointmentDone: TransformDef = {
  name: 'appointment_done',
  summary: 'done when the status is in args.done or the start lies in the past',
  inputs: { min: 2, max: 2 },
  outputs: 1,
  produces: ['boolean'],
  checkArgs: (args) => (stringListArg(args, 'done') ? null : 'appointment_done needs args.done, a list of statuses'),
  apply: ([start, status], args, context) => {
    const done = (stringListArg(args, 'done') ?? []).map((s) => s.toLowerCase());
    if (!isBlank(status) && done.includes(status.trim().toLowerCase())) return ok(true);
    if (context.now === undefined || isBlank(start)) return ok(false);
    const instant = toInstant(start, context);
    if (!isInstant(instant)) return instant;
    return ok(Date.parse(instant.utc) < context.now.getTime());
  },
};

export { rruleOccurrences } from './recurrence.js';

export const TIME_TRANSFORMS: readonly TransformDef[] = [date, timestamp, brusselsToUtcDue, appointmentDone];
