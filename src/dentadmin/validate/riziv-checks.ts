/**
 * Checks on nomenclature (RIZIV/INAMI) code cells: format, mod-7 check digit, validity on the service date.
 */
import { isPlausibleRizivCode, isRizivFormat, rizivRows, rizivStatusOn } from '../../domain/riziv.js';
import { belgianDate, quote, type RecordContext } from './record-context.js';

/** Why a known code is not valid on `isoDate`: the end of its last period before, or the start of the next. */
function validityMessage(code: string, isoDate: string, status: 'retired' | 'not_yet_valid'): string {
  const on = belgianDate(isoDate);
  const rows = rizivRows(code);
  if (status === 'retired') {
    const ends = rows.map((r) => r.validTo).filter((to): to is string => to !== null && to < isoDate);
    const ended = ends.length > 0 ? ` (it ended on ${belgianDate(ends.sort().at(-1)!)})` : '';
    return `Nomenclature code ${code} was no longer valid on ${on}${ended}.`;
  }
  const starts = rows.map((r) => r.validFrom).filter((from) => from > isoDate);
  const starting = starts.length > 0 ? ` (it starts on ${belgianDate(starts.sort()[0]!)})` : '';
  return `Nomenclature code ${code} was not yet valid on ${on}${starting}.`;
}

/**
 * Reports `riziv_format`, `riziv_checkdigit` and, when `serviceIso` is given, `riziv_not_valid_on_date`
 * (unknown, not yet valid, or retired on that date). An empty code is a non-reimbursed service: no check.
 */
export function checkRizivCell(ctx: RecordContext, key: string, value: string, serviceIso: string | null): void {
  if (!isRizivFormat(value)) {
    ctx.add('riziv_format', key, `${quote(value)} is not a 6-digit nomenclature code.`);
    return;
  }
  if (!isPlausibleRizivCode(value)) {
    ctx.add('riziv_checkdigit', key, `Nomenclature code ${value} fails the check-digit test; it is probably mistyped.`);
  }
  if (serviceIso === null) return;
  const status = rizivStatusOn(value, serviceIso);
  if (status === 'valid') return;
  const message =
    status === 'unknown_code'
      ? `Nomenclature code ${value} is not in Ferry's nomenclature table.`
      : validityMessage(value, serviceIso, status);
  ctx.add('riziv_not_valid_on_date', key, message);
}
