/**
 * The defects Ferry reports on an export, and how serious each is.
 *
 * `error`: the record cannot be migrated as it is (it is skipped, with this reason, until fixed).
 * `warning`: the record migrates, flagged for the practice to check.
 * The generator's list of injected defects uses the same codes, so tests can measure recall.
 */

export type Severity = 'error' | 'warning';

export const DEFECT_CODES = {
  // Identity
  insz_checksum: 'error', // D01: check digits wrong for both centuries
  insz_format: 'warning', // D02: right digits, odd formatting or a lost leading zero; normalised
  insz_birthdate_mismatch: 'warning', // D03: INSZ birth date or sex disagrees with the record
  name_missing: 'error', // no last name (and no first name) on a patient or user
  duplicate_patient: 'warning', // D06: same INSZ, or same name and birth date, as another patient
  // Insurance
  fund_alias: 'warning', // D07: fund written as a name or abbreviation; resolved to its canonical code
  fund_unknown: 'warning', // D07/D08: fund not recognised, or retired
  ct_invalid: 'warning', // D10: CT1/CT2 (CG1/CG2) not in the official code lists
  // Contact data
  phone_invalid: 'warning', // D11: cannot become an E.164 number (dropped from the person)
  email_invalid: 'warning', // D35: not a valid address (dropped from the person)
  // Dates and numbers
  date_invalid: 'error', // D14: not a date (31/02/2020, 00/00/0000, text) in a date column
  date_future: 'warning', // a birth, treatment or creation date after the export
  date_format_mixed: 'warning', // D14: date written in another pattern than the rest of the column
  amount_invalid: 'error', // D19: not a number
  amount_negative: 'warning', // D28: negative amount
  duration_invalid: 'error', // appointment duration not a positive whole number of minutes
  // Nomenclature
  riziv_format: 'error', // D23: not 6 digits
  riziv_checkdigit: 'warning', // D23: fails the mod-7 plausibility heuristic (probable typo)
  riziv_not_valid_on_date: 'error', // D22: code unknown or retired on the service date
  // References between files
  orphan_reference: 'error', // D20: points at a patient (or plan) that is not in the export
  provider_unknown: 'warning', // D21: provider code missing from the users file
  // Files and text
  document_missing: 'error', // D31: the file is not in the upload
  document_too_large: 'warning', // D31: over the size limit; not uploaded, its name kept
  note_rich_text: 'warning', // D18: RTF or HTML body; converted to plain text by the mapping step
  mojibake: 'warning', // D15: text looks double-encoded (Ã©): flagged, never silently fixed
  // Structure
  ragged_row: 'error', // D17: wrong number of columns (an unquoted ; or line break in a memo)
} as const satisfies Record<string, Severity>;

export type DefectCode = keyof typeof DEFECT_CODES;

export function severityOf(code: DefectCode): Severity {
  return DEFECT_CODES[code];
}

/** One defect on one record, as shown to the practice and stored with the snapshot. */
export interface Defect {
  entity: string;
  /** The record's key (its id column), or null when the row has none. */
  record: string | null;
  /** 1-based physical line where the record starts in the file. */
  line: number;
  /** Header of the column as written in the file, or null for a whole-record defect. */
  column: string | null;
  code: DefectCode;
  severity: Severity;
  /** One sentence a practice manager understands; never contains a patient's value beyond its own cell. */
  message: string;
}
