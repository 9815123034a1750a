/** Number transforms: Belgian amounts and percentages, whole numbers, minutes → `HH:MM`. Parsing is src/domain's. */
import { type NumberRejectReason, parseAmount, parseInteger, parsePercentage } from '../../domain/numbers.js';
import { fail, isBlank, ok, type TransformDef, warn } from './types.js';

const ONE = { min: 1, max: 1 };

function reasonText(reason: NumberRejectReason): string {
  switch (reason) {
    case 'ambiguous_separators':
      return 'its separators can be read two ways';
    case 'bad_grouping':
      return 'its thousands separators are in the wrong places';
    case 'not_integer':
      return 'it is not a whole number';
    case 'too_large':
      return 'it is too large';
    default:
      return 'it is not a number';
  }
}

export const amount: TransformDef = {
  name: 'amount',
  summary: 'a money amount (82,00 · 1.250,00 · € 35) to a number in euros',
  inputs: ONE,
  outputs: 1,
  produces: ['number'],
  accepts: ['decimal', 'amount', 'integer', 'percentage', 'code', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const parsed = parseAmount(value);
    if (parsed.value === null)
      return fail('amount_invalid', 'error', `The amount cannot be read: ${reasonText(parsed.reason)}.`);
    return parsed.value < 0 ? ok(parsed.value, [warn('amount_negative', 'The amount is negative.')]) : ok(parsed.value);
  },
};

export const percentage: TransformDef = {
  name: 'percentage',
  summary: 'a percentage (25 % · 25 · 0,25) to a percent number (25)',
  inputs: ONE,
  outputs: 1,
  produces: ['number'],
  accepts: ['percentage', 'decimal', 'amount', 'integer', 'code', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const parsed = parsePercentage(value);
    return parsed.value === null
      ? fail('percentage_invalid', 'error', `The percentage cannot be read: ${reasonText(parsed.reason)}.`)
      : ok(parsed.value);
  },
};

export const integer: TransformDef = {
  name: 'integer',
  summary: 'a whole number (2.481.152 · 20)',
  inputs: ONE,
  outputs: 1,
  produces: ['number'],
  accepts: ['integer', 'id', 'decimal', 'amount', 'code', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const parsed = parseInteger(value);
    return parsed.value === null
      ? fail('amount_invalid', 'error', `The number cannot be read: ${reasonText(parsed.reason)}.`)
      : ok(parsed.value);
  },
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Appointment length in minutes → Pipedrive's `duration` `HH:MM` (reference §2.9). */
export const durationHhmm: TransformDef = {
  name: 'duration_hhmm',
  summary: 'a duration in minutes (20) to HH:MM (00:20)',
  inputs: ONE,
  outputs: 1,
  produces: ['duration'],
  accepts: ['integer', 'decimal', 'code', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const parsed = parseInteger(value);
    if (parsed.value === null || parsed.value <= 0) {
      return fail('duration_invalid', 'error', 'The duration is not a positive whole number of minutes.');
    }
    // Pipedrive's duration is a time of day in shape; a day or more cannot be written as HH:MM.
    if (parsed.value >= 24 * 60) return fail('duration_invalid', 'error', 'The duration is a day or longer.');
    return ok(`${pad2(Math.floor(parsed.value / 60))}:${pad2(parsed.value % 60)}`);
  },
};

export const NUMBER_TRANSFORMS: readonly TransformDef[] = [amount, percentage, integer, durationHhmm];
