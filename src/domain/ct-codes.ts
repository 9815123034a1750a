/**
 * Insurability codes CT1/CT2 (Dutch CG1/CG2, "code gerechtigde" / "code titulaire").
 *
 * Two 3-digit codes from the sickness fund: CT1 for major risks, CT2 for minor risks. The last digit is 1 for
 * increased reimbursement (verhoogde tegemoetkoming / BIM) and 0 otherwise (a few CT2 codes end in 4).
 * The lists are hl7-be/mycarenet `BeCSHolderCode1.fsh` and `BeCSHolderCode2.fsh` (domain notes §2.3).
 * Exported values are snapshots of the last insurability check, possibly stale.
 */

export const CT1_CODES: readonly string[] = Object.freeze([
  '100',
  '101',
  '110',
  '111',
  '120',
  '121',
  '130',
  '131',
  '140',
  '141',
  '150',
  '151',
  '410',
  '411',
  '420',
  '421',
  '430',
  '431',
  '440',
  '441',
  '450',
  '451',
  '470',
  '480',
]);

export const CT2_CODES: readonly string[] = Object.freeze([
  '000',
  '100',
  '101',
  '110',
  '111',
  '114',
  '120',
  '121',
  '130',
  '131',
  '140',
  '141',
  '144',
  '150',
  '151',
  '460',
  '461',
  '464',
  '481',
  '701',
  '900',
  '901',
  '911',
]);

const CT1 = new Set(CT1_CODES);
const CT2 = new Set(CT2_CODES);

/** True when the (trimmed) value is an official CT1/CG1 code. */
export function isValidCt1(raw: string): boolean {
  return CT1.has(raw.trim());
}

/** True when the (trimmed) value is an official CT2/CG2 code. */
export function isValidCt2(raw: string): boolean {
  return CT2.has(raw.trim());
}

/** True when the code marks increased reimbursement (VT/BIM): its last digit is 1. */
export function isIncreasedReimbursement(code: string): boolean {
  return code.length === 3 && code.endsWith('1');
}
