/**
 * A small, independent re-check of a generated export, used only by the tests: it finds the defect codes
 * each record shows, so the tests can assert that clean records are clean and injected defects are real.
 * It is deliberately simple and is not Ferry's validator.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { DefectCode } from '../../../src/dentadmin/defects.js';
import { ENTITIES, type EntityName } from '../../../src/dentadmin/entities.js';
import { FUND_ALIASES, FUNDS } from '../../../src/dentadmin/generate/index.js';
import { rizivStatusOn } from '../../../src/domain/riziv.js';
import { type CsvRecord, readEntity, recordKey } from './read-export.js';

const CT1 = new Set(
  '100,101,110,111,120,121,130,131,140,141,150,151,410,411,420,421,430,431,440,441,450,451,470,480'.split(','),
);
const CT2 = new Set(
  '000,100,101,110,111,114,120,121,130,131,140,141,144,150,151,460,461,464,481,701,900,901,911'.split(','),
);
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[a-z]{2,}$/i;
const AMOUNT = /^-?\d+,\d{2}$/;
const MOJIBAKE = /Ã[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2122]/;

export interface Finding {
  entity: EntityName;
  record: string;
  line: number;
  codes: Set<DefectCode>;
}

/** Day number of dd/mm/yyyy (optionally with hh:mm), or null when it is not a real date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})( \d{2}:\d{2})?$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return Math.floor(date.getTime() / 86_400_000);
}

function inszValid(digits: string): 19 | 20 | null {
  const nine = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  if (97 - (nine % 97) === check) return 19;
  if (97 - ((2_000_000_000 + nine) % 97) === check) return 20;
  return null;
}

function checkInsz(value: string, birth: string, sex: string, maleMark: string, add: (c: DefectCode) => void): void {
  if (value === '') return;
  let digits = value;
  if (!/^\d{11}$/.test(value)) {
    digits = value.replace(/[ .-]/g, '');
    if (/^\d{10}$/.test(digits)) digits = `0${digits}`;
    if (!/^\d{11}$/.test(digits) || inszValid(digits) === null) {
      add('insz_checksum');
      return;
    }
    add('insz_format');
  }
  const century = inszValid(digits);
  if (century === null) {
    add('insz_checksum');
    return;
  }
  const month = Number(digits.slice(2, 4));
  if (month > 12) return; // BIS: no cross-check
  const year = (century === 19 ? 1900 : 2000) + Number(digits.slice(0, 2));
  const expected = `${digits.slice(4, 6)}/${digits.slice(2, 4)}/${year}`;
  const male = Number(digits.slice(6, 9)) % 2 === 1;
  if (parseDay(birth) !== null && (birth !== expected || (sex === maleMark) !== male)) add('insz_birthdate_mismatch');
}

export function validateExport(
  dir: string,
  lang: 'nl' | 'fr',
  encoding: 'cp1252' | 'utf8bom',
  exportDay: number,
  sizeLimit: number,
): Finding[] {
  const findings: Finding[] = [];
  const read = (entity: EntityName) => readEntity(dir, entity, lang, encoding);
  const users = read('users');
  const userCodes = new Set(users.records.map((r) => r.fields[0] ?? ''));
  const patients = read('patients');
  const patientIds = new Set(patients.records.map((r) => r.fields[0] ?? ''));
  const plans = read('care_plans');
  const planIds = new Set(plans.records.map((r) => r.fields[0] ?? ''));
  const activeFunds = new Set(FUNDS.filter((f) => f.active).map((f) => f.code));

  const each = (
    entity: EntityName,
    check: (r: CsvRecord, add: (c: DefectCode) => void, f: (key: string) => string) => void,
  ) => {
    const file =
      entity === 'users' ? users : entity === 'patients' ? patients : entity === 'care_plans' ? plans : read(entity);
    for (const record of file.records) {
      const codes = new Set<DefectCode>();
      const add = (c: DefectCode) => codes.add(c);
      if (record.fields.length !== ENTITIES[entity].columns.length) add('ragged_row');
      else {
        check(record, add, (key) => record.fields[file.at(key)] ?? '');
        if (record.fields.some((v) => MOJIBAKE.test(v))) add('mojibake');
      }
      findings.push({ entity, record: recordKey(entity, record), line: record.line, codes });
    }
  };
  const amount = (v: string, add: (c: DefectCode) => void) => {
    if (v === '') return;
    if (!AMOUNT.test(v)) add('amount_invalid');
    else if (v.startsWith('-')) add('amount_negative');
  };
  const riziv = (code: string, day: number | null, add: (c: DefectCode) => void) => {
    if (code === '') return;
    if (!/^\d{6}$/.test(code)) return add('riziv_format');
    if (Number(code.slice(0, 5)) % 7 !== Number(code[5])) add('riziv_checkdigit');
    if (day === null) return;
    // Validity is the shared dated table's to decide (the generator takes its dates from it too).
    if (rizivStatusOn(code, new Date(day * 86_400_000).toISOString().slice(0, 10)) !== 'valid') {
      add('riziv_not_valid_on_date');
    }
  };
  const date = (v: string, add: (c: DefectCode) => void, future: boolean): number | null => {
    const day = parseDay(v);
    if (day === null) add('date_invalid');
    else if (future && day >= exportDay) add('date_future');
    return day;
  };

  const seenInsz = new Map<string, string>();
  const seenNameDob = new Set<string>();
  const seenNameDobWithoutInsz = new Set<string>();
  each('users', (_r, add, f) => {
    if (f('last_name') === '') add('name_missing');
    if (!EMAIL.test(f('email'))) add('email_invalid');
    if (f('mobile') !== '' && !isValidPhoneNumber(f('mobile'), 'BE')) add('phone_invalid');
  });
  each('patients', (_r, add, f) => {
    if (f('last_name') === '') add('name_missing');
    checkInsz(f('insz'), f('birth_date'), f('sex'), 'M', add);
    const insz = f('insz').replace(/[ .-]/g, '');
    // Same INSZ, or same name and birth date unless both carry (different) valid INSZ numbers.
    const nameDob =
      f('last_name') !== '' && parseDay(f('birth_date')) !== null
        ? `${f('last_name').toLowerCase()}|${f('first_name').toLowerCase()}|${f('birth_date')}`
        : null;
    const key = /^\d{11}$/.test(insz) && inszValid(insz) !== null ? insz : '';
    const sameInsz = key !== '' && seenInsz.has(key);
    const sameName = nameDob !== null && (key === '' ? seenNameDob.has(nameDob) : seenNameDobWithoutInsz.has(nameDob));
    if (sameInsz || sameName) add('duplicate_patient');
    if (key !== '') seenInsz.set(key, f('patient_id'));
    if (nameDob !== null) {
      seenNameDob.add(nameDob);
      if (key === '') seenNameDobWithoutInsz.add(nameDob);
    }
    const fund = f('fund');
    if (FUND_ALIASES[fund] !== undefined) add('fund_alias');
    else if (!activeFunds.has(fund)) add('fund_unknown');
    if (!CT1.has(f('ct1')) || !CT2.has(f('ct2'))) add('ct_invalid');
    for (const key of ['phone', 'mobile']) if (f(key) !== '' && !isValidPhoneNumber(f(key), 'BE')) add('phone_invalid');
    if (f('email') !== '' && !EMAIL.test(f('email'))) add('email_invalid');
    date(f('birth_date'), add, true);
    date(f('created_at'), add, true);
    date(f('updated_at'), add, true);
    if (!userCodes.has(f('dentist'))) add('provider_unknown');
  });
  each('treatments', (_r, add, f) => {
    const day = date(f('date'), add, true);
    riziv(f('riziv_code'), day, add);
    for (const key of ['fee', 'reimbursement', 'copayment', 'supplement']) amount(f(key), add);
    if (!patientIds.has(f('patient_id'))) add('orphan_reference');
    if (!userCodes.has(f('provider'))) add('provider_unknown');
  });
  each('care_plans', (_r, add, f) => {
    date(f('created_at'), add, true);
    for (const key of ['total_fee', 'patient_share']) amount(f(key), add);
    if (!patientIds.has(f('patient_id'))) add('orphan_reference');
    if (!userCodes.has(f('provider'))) add('provider_unknown');
  });
  each('care_plan_lines', (_r, add, f) => {
    riziv(f('riziv_code'), null, add);
    amount(f('amount'), add);
    if (!planIds.has(f('plan_id'))) add('orphan_reference');
  });
  each('appointments', (_r, add, f) => {
    date(f('start'), add, false);
    date(f('created_at'), add, true);
    if (!/^\d+$/.test(f('duration_min')) || Number(f('duration_min')) <= 0) add('duration_invalid');
    if (f('patient_id') !== '' && !patientIds.has(f('patient_id'))) add('orphan_reference');
    if (!userCodes.has(f('provider'))) add('provider_unknown');
  });
  each('notes', (_r, add, f) => {
    date(f('date'), add, true);
    if (!patientIds.has(f('patient_id'))) add('orphan_reference');
    if (!userCodes.has(f('author'))) add('provider_unknown');
    if (/^\{\\rtf/.test(f('text')) || /<\/?[a-z][^>]*>/i.test(f('text'))) add('note_rich_text');
  });
  each('documents', (_r, add, f) => {
    date(f('date'), add, true);
    if (!patientIds.has(f('patient_id'))) add('orphan_reference');
    const declared = Number(f('size_bytes'));
    if (declared > sizeLimit) add('document_too_large');
    const parts = f('relative_path')
      .split('\\')
      .filter((p) => p !== '');
    const path = join(dir, 'documents', ...parts, f('file_name'));
    if (!existsSync(path)) return add('document_missing');
    if (statSync(path).size !== declared) throw new Error(`size mismatch for ${path}`);
    if (declared > sizeLimit) return;
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (sha !== f('sha256')) throw new Error(`sha256 mismatch for ${path}`);
  });
  return findings;
}
