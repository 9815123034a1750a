/**
 * A recurring appointment (RRULE in `Herhaling`, first start in `Start`) → the UTC instants of its occurrences.
 *
 * The rule is expanded in Brussels wall time and each occurrence converted to UTC afterwards, so a weekly
 * 12:00 lunch block stays at 12:00 local across the DST change (11:00 UTC in winter, 10:00 in summer).
 * Open-ended series are cut at a horizon (D29: "series R55 with 520 occurrences till 2035").
 */
import rrule from 'rrule';
import { brusselsToUtc, parseTimestamp } from '../../domain/dates.js';
import { fail, isBlank, numberArg, ok, type TransformDef } from './types.js';

const DAY_MS = 86_400_000;
const DEFAULT_HORIZON_DAYS = 365;
const DEFAULT_MAX_OCCURRENCES = 520;

/** Wall time as a "floating" Date whose UTC fields are the Brussels fields (what rrule expects). */
function floating(date: string, time: string): Date {
  return new Date(`${date}T${time}Z`);
}

export const rruleOccurrences: TransformDef = {
  name: 'rrule_occurrences',
  summary: 'a recurrence rule (FREQ=WEEKLY;BYDAY=MO;COUNT=20) from [rule, first start] to its UTC occurrences',
  inputs: { min: 2, max: 2 },
  outputs: 1,
  produces: ['occurrences'],
  apply: ([rule, start], args, context) => {
    if (isBlank(rule)) return ok(null); // not a series: the appointment itself is the only occurrence
    if (isBlank(start)) return fail('recurrence_invalid', 'error', 'The series has a rule but no first start.');
    const first = parseTimestamp(start, context.referenceYear);
    if (!first.ok) return fail('date_invalid', 'error', 'The first start of the series is not a date and time.');
    let expanded: Date[];
    const dtstart = floating(first.date, first.time);
    const horizonDays = numberArg(args, 'horizonDays') ?? DEFAULT_HORIZON_DAYS;
    const max = numberArg(args, 'max') ?? DEFAULT_MAX_OCCURRENCES;
    try {
      const parsed = rrule.rrulestr(rule.trim(), { dtstart });
      // The window starts at the series start (history stays complete) and ends `horizonDays` after now.
      const from = context.now ?? dtstart;
      const until = new Date(Math.max(from.getTime(), dtstart.getTime()) + horizonDays * DAY_MS);
      expanded = parsed.between(dtstart, until, true, (_d, i) => i < max);
    } catch {
      return fail('recurrence_invalid', 'error', 'The recurrence rule cannot be read (expected an RFC 5545 RRULE).');
    }
    if (expanded.length === 0) return fail('recurrence_invalid', 'error', 'The recurrence rule has no occurrences.');
    return ok(
      expanded.map((d) => {
        const iso = d.toISOString();
        return brusselsToUtc(iso.slice(0, 10), iso.slice(11, 19)).utc;
      }),
    );
  },
};
