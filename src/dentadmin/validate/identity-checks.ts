/**
 * Checks on identity and insurance cells: INSZ (alone and against birth date and sex), sickness fund, CT1/CT2.
 */
import { isValidCt1, isValidCt2 } from '../../domain/ct-codes.js';
import { type ResolvedFund, resolveFund } from '../../domain/funds.js';
import { inszBirthDate, inszCentury, isBisNumber, isValidInsz, normaliseInsz } from '../../domain/insz.js';
import { belgianDate, quote, type RecordContext } from './record-context.js';

/**
 * Reports `insz_format` and `insz_checksum`; returns the 11 valid digits or null.
 * A value that cannot become 11 digits is reported as `insz_checksum` too: it cannot pass the check.
 */
export function checkInszCell(ctx: RecordContext, key: string, value: string): string | null {
  if (isValidInsz(value)) return value; // the usual bare 11 digits: nothing to normalise or report
  const { digits, reformatted, restoredLeadingZero } = normaliseInsz(value);
  if (digits === null) {
    ctx.add('insz_checksum', key, "The INSZ number does not have 11 digits; check the patient's ID card.");
    return null;
  }
  if (!isValidInsz(digits)) {
    ctx.add('insz_checksum', key, "The INSZ number fails its check digits; check the patient's ID card.");
    return null;
  }
  if (restoredLeadingZero) {
    ctx.add('insz_format', key, 'The INSZ number had lost its leading zero (Excel); Ferry put it back.');
  } else if (reformatted) {
    ctx.add('insz_format', key, 'The INSZ number is written with dots, dashes or spaces; Ferry stores the 11 digits.');
  }
  return digits;
}

/** The record's sex as M/F: `M` is male, `V` (vrouw), `F` (féminin) and `W` (weiblich) are female. */
function recordSex(value: string | null): 'M' | 'F' | null {
  if (value === null) return null;
  const v = value.toUpperCase();
  if (v === 'M') return 'M';
  return v === 'V' || v === 'F' || v === 'W' ? 'F' : null;
}

/**
 * True when the INSZ's first six digits and century spell `birthIso` exactly: the usual case, checked without
 * decoding (this runs on every patient).
 */
function spellsBirthDate(digits: string, birthIso: string): boolean {
  const century = inszCentury(digits);
  const isoCentury = birthIso.startsWith('20') ? 2000 : birthIso.startsWith('19') ? 1900 : 0;
  return (
    century === isoCentury &&
    digits.charCodeAt(0) === birthIso.charCodeAt(2) &&
    digits.charCodeAt(1) === birthIso.charCodeAt(3) &&
    digits.charCodeAt(2) === birthIso.charCodeAt(5) &&
    digits.charCodeAt(3) === birthIso.charCodeAt(6) &&
    digits.charCodeAt(4) === birthIso.charCodeAt(8) &&
    digits.charCodeAt(5) === birthIso.charCodeAt(9)
  );
}

/** Compares the parts of the INSZ birth date that are known (00 = unknown) with `birthIso`. */
function agreesOnKnownParts(digits: string, birthIso: string): { agrees: boolean; written: string } {
  const birth = inszBirthDate(digits);
  if (!birth) return { agrees: true, written: '' };
  const agrees =
    birth.year === Number(birthIso.slice(0, 4)) &&
    (birth.month === null || birth.month === Number(birthIso.slice(5, 7))) &&
    (birth.day === null || birth.day === Number(birthIso.slice(8, 10)));
  return { agrees, written: birth.iso ? belgianDate(birth.iso) : String(birth.year) };
}

/**
 * Reports `insz_birthdate_mismatch` when a valid national number disagrees with the record's birth date or
 * sex. BIS numbers are skipped: their date and sex fields are often placeholders.
 */
export function checkInszAgainstRecord(
  ctx: RecordContext,
  key: string,
  digits: string,
  birthIso: string | null,
  sexValue: string | null,
): void {
  const spelled = birthIso !== null && spellsBirthDate(digits, birthIso);
  // A spelled-out date has a month of 01–12, so only the other numbers can be BIS numbers.
  if (!spelled && isBisNumber(digits)) return;
  if (birthIso !== null && !spelled) {
    const { agrees, written } = agreesOnKnownParts(digits, birthIso);
    if (!agrees) {
      ctx.add(
        'insz_birthdate_mismatch',
        key,
        `The INSZ number encodes birth date ${written}, which differs from the patient's birth date; one of them is wrong.`,
      );
      return;
    }
  }
  const sex = recordSex(sexValue);
  if (sex === null) return;
  // A national number: odd day counter (digits 7–9) = man, even = woman.
  const encoded = (digits.charCodeAt(8) - 48) % 2 === 1 ? 'M' : 'F';
  if (sex !== encoded) {
    const who = encoded === 'M' ? 'a man' : 'a woman';
    ctx.add('insz_birthdate_mismatch', key, `The INSZ number belongs to ${who}, which differs from the patient's sex.`);
  }
}

/** Most exports use a handful of fund spellings; results are memoised per validator, up to this many. */
const FUND_MEMO_LIMIT = 10_000;

/** Reports `fund_alias` and `fund_unknown`; returns the resolved fund or null. */
export function checkFundCell(
  ctx: RecordContext,
  key: string,
  value: string,
  memo: Map<string, ResolvedFund | null>,
): ResolvedFund | null {
  let fund = memo.get(value);
  if (fund === undefined) {
    fund = resolveFund(value);
    if (memo.size >= FUND_MEMO_LIMIT) memo.clear();
    memo.set(value, fund);
  }
  if (fund === null) {
    ctx.add('fund_unknown', key, `The sickness fund ${quote(value)} is not a known fund code or fund name.`);
  } else if (fund.how === 'alias') {
    ctx.add(
      'fund_alias',
      key,
      `The sickness fund is written as a name (${quote(value)}); Ferry will use code ${fund.code} (${fund.canonicalName.nl}).`,
    );
  }
  return fund;
}

/** Reports `ct_invalid` for a CT1/CG1 (`which` = 1) or CT2/CG2 (`which` = 2) cell. */
export function checkCtCell(ctx: RecordContext, key: string, value: string, which: 1 | 2): void {
  const valid = which === 1 ? isValidCt1(value) : isValidCt2(value);
  if (!valid) ctx.add('ct_invalid', key, `${quote(value)} is not an official ${ctx.header(key)} code.`);
}
