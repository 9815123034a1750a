/**
 * Checks on single cells: dates, amounts, contact data, free text. Each adds its defects to the context and
 * returns what it parsed, so record-level checks can build on it without parsing twice.
 */
import { type DateNumber, dateNumberOfIso, isoOfDateNumber, quickDayFirstDate } from '../../domain/date-numbers.js';
import {
  type DateFailure,
  type DatePattern,
  datePatternFamily,
  parseDate,
  parseTimestamp,
  type TimestampPattern,
} from '../../domain/dates.js';
import { emailDomainHint, isValidEmail, normaliseEmail } from '../../domain/email.js';
import { parseAmount, parsePercentage } from '../../domain/numbers.js';
import { type PhoneCountry, type PhoneKind, type PhoneRejectReason, phoneKind } from '../../domain/phone.js';
import { detectRichText, looksLikeMojibake } from '../../domain/text.js';
import { belgianDate, quote, type RecordContext } from './record-context.js';

export interface DateRule {
  key: string;
  kind: 'date' | 'timestamp';
  /** Report a date after the export (birth, treatment, creation); not for appointments or end dates. */
  noFuture: boolean;
}

function dateErrorMessage(value: string, failure: DateFailure, kind: DateRule['kind']): string {
  const shape = kind === 'date' ? 'day/month/year date' : 'day/month/year date and time';
  if (failure.error === 'zero')
    return `${quote(value)} is a placeholder, not a date; enter the real date or leave it empty.`;
  if (failure.hint === 'month_first') {
    return `${quote(value)} is not a valid ${shape}; it looks like month-first (US) order. Write the day first.`;
  }
  if (failure.error === 'impossible') return `${quote(value)} is not a date that exists; check day, month and year.`;
  return `${quote(value)} is not a ${shape} Ferry can read.`;
}

/** Pattern family of the dates `quickDayFirstDate` reads (`dd/MM/yyyy`, `dd/MM/yyyy HH:mm`). */
const QUICK_FAMILY = datePatternFamily('dd/MM/yyyy');

function checkFamily(ctx: RecordContext, key: string, value: string, family: string): void {
  const dominant = ctx.options.dominantPatterns?.get(key);
  if (dominant === undefined || family === dominant) return;
  ctx.add(
    'date_format_mixed',
    key,
    `${quote(value)} is written differently from the rest of this column (${dominant}); check that day and month are not swapped.`,
  );
}

/** A cell the quick reader does not take: another shape, or not a date (reported, and null returned). */
function parseDateCell(ctx: RecordContext, rule: DateRule, value: string): { date: DateNumber; family: string } | null {
  const { exportYear } = ctx.options;
  let iso: string;
  let pattern: DatePattern | TimestampPattern;
  if (rule.kind === 'date') {
    const parsed = parseDate(value, exportYear);
    if (!parsed.ok) {
      ctx.add('date_invalid', rule.key, dateErrorMessage(value, parsed, 'date'));
      return null;
    }
    iso = parsed.iso;
    pattern = parsed.pattern;
  } else {
    const parsed = parseTimestamp(value, exportYear);
    if (!parsed.ok) {
      ctx.add('date_invalid', rule.key, dateErrorMessage(value, parsed, 'timestamp'));
      return null;
    }
    iso = parsed.date;
    pattern = parsed.pattern;
  }
  return { date: dateNumberOfIso(iso), family: datePatternFamily(pattern) };
}

/**
 * Reads a date or timestamp cell; reports `date_invalid`, `date_future` and `date_format_mixed`, and records
 * the date in the context for the record-level checks (`ctx.isoDate(key)`). The usual `dd/MM/yyyy` shape is
 * read by `quickDayFirstDate` without building a string; anything else, valid or not, by the full parsers.
 */
export function checkDateCell(ctx: RecordContext, rule: DateRule, value: string): void {
  let date = quickDayFirstDate(value, rule.kind === 'timestamp');
  let family = QUICK_FAMILY;
  if (date < 0) {
    const parsed = parseDateCell(ctx, rule, value);
    if (parsed === null) {
      ctx.setDate(rule.key, -1);
      return;
    }
    ({ date, family } = parsed);
  }
  const { exportDate, exportDay } = ctx.options;
  if (rule.noFuture && date > exportDay) {
    ctx.add(
      'date_future',
      rule.key,
      `The date ${belgianDate(isoOfDateNumber(date))} lies after the export date (${belgianDate(exportDate)}); check it.`,
    );
  }
  checkFamily(ctx, rule.key, value, family);
  ctx.setDate(rule.key, date);
}

/** Reports `amount_invalid` and `amount_negative`; a header with `%` (`Remgeld %`) holds a percentage. */
export function checkAmountCell(ctx: RecordContext, key: string, value: string): number | null {
  const parsed = ctx.header(key).includes('%') ? parsePercentage(value) : parseAmount(value);
  if (parsed.value === null) {
    const why =
      parsed.reason === 'ambiguous_separators' || parsed.reason === 'bad_grouping'
        ? ' (mixed separators; write it like 1.250,00)'
        : '';
    ctx.add('amount_invalid', key, `${quote(value)} is not an amount${why}.`);
    return null;
  }
  if (parsed.value < 0) {
    ctx.add('amount_negative', key, `The amount ${quote(value)} is negative; check whether this was a cancellation.`);
  }
  return parsed.value;
}

const PHONE_MESSAGES: Record<PhoneRejectReason, string> = {
  empty: 'This phone number is empty.',
  excel_scientific: 'Excel turned this phone number into a rounded number and its digits are lost; re-enter it.',
  invalid_characters: 'This phone number contains letters or other characters that do not belong in a number.',
  wrong_length: 'This phone number has too many or too few digits; a foreign number needs its country code (+31 …).',
  not_a_number_in_use: 'This phone number does not match any Belgian or foreign numbering range.',
};

/**
 * Reports `phone_invalid`; true when the number is usable. For a patient living abroad the number is read
 * with that country's rules first and, failing that, as Belgian (they often keep a Belgian number).
 */
export function checkPhoneCell(ctx: RecordContext, key: string, value: string, country: PhoneCountry): boolean {
  let kind = phoneKind(value, country);
  if (isRejectReason(kind) && country !== 'BE') kind = phoneKind(value);
  if (!isRejectReason(kind)) return true;
  ctx.add('phone_invalid', key, `${PHONE_MESSAGES[kind]} It will not be migrated.`);
  return false;
}

function isRejectReason(kind: PhoneKind | PhoneRejectReason): kind is PhoneRejectReason {
  return kind !== 'mobile' && kind !== 'landline' && kind !== 'foreign';
}

function emailProblem(email: string): string {
  if (/\s/.test(email)) return 'it contains a space';
  const ats = email.split('@').length - 1;
  if (ats !== 1) return ats === 0 ? 'it has no @' : 'it has more than one @';
  if (email.includes('..')) return 'it has two dots in a row';
  return 'the part after @ is not a valid domain';
}

/** Reports `email_invalid`; returns the normalised address or null. */
export function checkEmailCell(ctx: RecordContext, key: string, value: string): string | null {
  const email = normaliseEmail(value);
  if (isValidEmail(email)) return email;
  const hint = emailDomainHint(email.replace(/@+/g, '@'));
  const suffix = hint ? ` Did you mean @${hint}?` : '';
  ctx.add(
    'email_invalid',
    key,
    `This e-mail address is not valid (${emailProblem(email)}); it will not be migrated.${suffix}`,
  );
  return null;
}

/** Reports `mojibake` on a text cell. */
export function checkTextCell(ctx: RecordContext, key: string, value: string): void {
  if (looksLikeMojibake(value)) {
    ctx.add(
      'mojibake',
      key,
      'This text looks garbled by a wrong character encoding (such as Ã© instead of é); check how the file was exported.',
    );
  }
}

/** Reports `note_rich_text` on a note body. */
export function checkRichTextCell(ctx: RecordContext, key: string, value: string): void {
  const kind = detectRichText(value);
  if (kind) {
    ctx.add(
      'note_rich_text',
      key,
      `This note is stored as ${kind.toUpperCase()}; it will be converted to plain text and the original kept.`,
    );
  }
}
