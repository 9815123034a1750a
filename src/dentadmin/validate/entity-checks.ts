/**
 * Record-level checks per entity, run after the generic column checks of `entity-rules.ts`, and the
 * reference keys each record hands to the cross-record checks.
 */
import type { ResolvedFund } from '../../domain/funds.js';
import { nameKey } from '../../domain/names.js';
import { parseInteger } from '../../domain/numbers.js';
import { isPhoneCountry, type PhoneCountry } from '../../domain/phone.js';
import type { EntityName } from '../entities.js';
import { checkPhoneCell, checkRichTextCell } from './cell-checks.js';
import { PHONE_KEYS } from './entity-rules.js';
import { checkCtCell, checkFundCell, checkInszAgainstRecord, checkInszCell } from './identity-checks.js';
import { cellValue, quote, type RecordContext } from './record-context.js';
import { checkRizivCell } from './riziv-checks.js';
import type { RecordCells, RecordRefs } from './types.js';

/** Caches that live as long as one validator. */
export interface ValidatorMemo {
  funds: Map<string, ResolvedFund | null>;
}

type EntityCheck = (ctx: RecordContext, cells: RecordCells, memo: ValidatorMemo) => RecordRefs;

const MINUTES_PER_DAY = 24 * 60;

/** Trimmed, de-duplicated user codes from the given columns, or undefined when there are none. */
function providerCodes(cells: RecordCells, keys: readonly string[]): string[] | undefined {
  let codes: string[] | undefined;
  for (const key of keys) {
    const code = cellValue(cells, key);
    if (code === null) continue;
    if (!codes) codes = [code];
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** Adds `patient` and `providers` to refs when present. */
function withPeople(
  refs: RecordRefs,
  cells: RecordCells,
  patientKey: string,
  providerKeys: readonly string[],
): RecordRefs {
  const patient = cellValue(cells, patientKey);
  if (patient !== null) refs.patient = patient;
  const providers = providerCodes(cells, providerKeys);
  if (providers) refs.providers = providers;
  return refs;
}

/**
 * `name_missing` when both name columns are empty (one of them is enough to address a person). A file
 * without name columns at all is a mapping problem, not a defect of every record.
 */
function checkName(ctx: RecordContext, cells: RecordCells, who: 'patient' | 'user'): void {
  if (!ctx.has('last_name') && !ctx.has('first_name')) return;
  if (cellValue(cells, 'last_name') === null && cellValue(cells, 'first_name') === null) {
    ctx.add(
      'name_missing',
      ctx.has('last_name') ? 'last_name' : null,
      `This ${who} has neither a last name nor a first name.`,
    );
  }
}

function checkPhones(ctx: RecordContext, cells: RecordCells, keys: readonly string[], country: PhoneCountry): void {
  for (const key of keys) {
    const value = cellValue(cells, key);
    if (value !== null) checkPhoneCell(ctx, key, value, country);
  }
}

/** The patient's country for phone numbers without a prefix: the `Land` cell when it is a known code. */
function phoneCountry(cells: RecordCells): PhoneCountry {
  const raw = cellValue(cells, 'country');
  if (raw === null || raw === 'BE') return 'BE';
  const country = raw.toUpperCase();
  return isPhoneCountry(country) ? country : 'BE';
}

function checkPatient(ctx: RecordContext, cells: RecordCells, memo: ValidatorMemo): RecordRefs {
  const refs: RecordRefs = {};
  checkName(ctx, cells, 'patient');
  const birthIso = ctx.isoDate('birth_date');
  const insz = cellValue(cells, 'insz');
  if (insz !== null) {
    const digits = checkInszCell(ctx, 'insz', insz);
    if (digits !== null) {
      refs.insz = digits;
      checkInszAgainstRecord(ctx, 'insz', digits, birthIso, cellValue(cells, 'sex'));
    }
  }
  const last = cellValue(cells, 'last_name');
  if (last !== null && birthIso !== null) {
    refs.nameBirth = `${nameKey(last)}|${nameKey(cellValue(cells, 'first_name') ?? '')}|${birthIso}`;
  }
  checkPhones(ctx, cells, PHONE_KEYS.patients ?? [], phoneCountry(cells));
  const fund = cellValue(cells, 'fund');
  if (fund !== null) checkFundCell(ctx, 'fund', fund, memo.funds);
  const ct1 = cellValue(cells, 'ct1');
  if (ct1 !== null) checkCtCell(ctx, 'ct1', ct1, 1);
  const ct2 = cellValue(cells, 'ct2');
  if (ct2 !== null) checkCtCell(ctx, 'ct2', ct2, 2);
  return withPeople(refs, cells, 'family_head_id', ['dentist']);
}

function checkUser(ctx: RecordContext, cells: RecordCells): RecordRefs {
  checkName(ctx, cells, 'user');
  checkPhones(ctx, cells, PHONE_KEYS.users ?? [], 'BE');
  return {};
}

const THREE_DIGITS = /^\d{3}$/;

function checkInsurer(ctx: RecordContext, cells: RecordCells, memo: ValidatorMemo): RecordRefs {
  const code = cellValue(cells, 'fund_code');
  if (code === null) return {};
  if (THREE_DIGITS.test(code)) checkFundCell(ctx, 'fund_code', code, memo.funds);
  else {
    ctx.add(
      'fund_unknown',
      'fund_code',
      `${quote(code)} is not a fund code: it needs 3 digits, the first one a national union (1–6 or 9).`,
    );
  }
  return {};
}

function checkTreatment(ctx: RecordContext, cells: RecordCells): RecordRefs {
  const code = cellValue(cells, 'riziv_code');
  if (code !== null) checkRizivCell(ctx, 'riziv_code', code, ctx.isoDate('date'));
  return withPeople({}, cells, 'patient_id', ['provider']);
}

function checkCarePlan(_ctx: RecordContext, cells: RecordCells): RecordRefs {
  return withPeople({}, cells, 'patient_id', ['provider']);
}

/** Plan lines carry no date of their own, so only format and check digit are checked, not validity. */
function checkCarePlanLine(ctx: RecordContext, cells: RecordCells): RecordRefs {
  const code = cellValue(cells, 'riziv_code');
  if (code !== null) checkRizivCell(ctx, 'riziv_code', code, null);
  const refs: RecordRefs = {};
  const plan = cellValue(cells, 'plan_id');
  if (plan !== null) refs.plan = plan;
  return refs;
}

/** An empty patient is a blocked slot (lunch, holiday): no patient reference, no orphan. */
function checkAppointment(ctx: RecordContext, cells: RecordCells): RecordRefs {
  const duration = cellValue(cells, 'duration_min');
  if (duration !== null) {
    const minutes = parseInteger(duration).value;
    if (minutes === null || minutes <= 0 || minutes > MINUTES_PER_DAY) {
      ctx.add(
        'duration_invalid',
        'duration_min',
        `The duration ${quote(duration)} is not a whole number of minutes between 1 and ${MINUTES_PER_DAY}.`,
      );
    }
  }
  return withPeople({}, cells, 'patient_id', ['provider', 'created_by']);
}

function checkNote(ctx: RecordContext, cells: RecordCells): RecordRefs {
  const text = cellValue(cells, 'text');
  if (text !== null) checkRichTextCell(ctx, 'text', text);
  return withPeople({}, cells, 'patient_id', ['author']);
}

const REPEATED_SLASHES = /\/{2,}/g;
const LEADING_DOT_SLASH = /^(?:\.\/|\/)+/;

/** `rx\1001\` + `a.dcm` → `rx/1001/a.dcm`: Windows separators, doubled and leading slashes cleaned. */
export function documentPath(folder: string | null, fileName: string | null): string | null {
  const joined = [folder, fileName].filter((p): p is string => p !== null).join('/');
  const path = joined.replaceAll('\\', '/').replace(REPEATED_SLASHES, '/').replace(LEADING_DOT_SLASH, '');
  return path === '' ? null : path;
}

function checkDocument(ctx: RecordContext, cells: RecordCells): RecordRefs {
  const size = cellValue(cells, 'size_bytes');
  if (size !== null) {
    const bytes = parseInteger(size).value;
    if (bytes === null || bytes < 0) {
      ctx.add('amount_invalid', 'size_bytes', `The file size ${quote(size)} is not a whole number of bytes.`);
    } else if (bytes > ctx.options.maxDocumentBytes) {
      const mb = (n: number): string => `${Math.round((n / 1_048_576) * 10) / 10} MB`;
      ctx.add(
        'document_too_large',
        'size_bytes',
        `The file is ${mb(bytes)}, over the ${mb(ctx.options.maxDocumentBytes)} limit; it will not be uploaded, its name is kept.`,
      );
    }
  }
  const refs = withPeople({}, cells, 'patient_id', []);
  const path = documentPath(cellValue(cells, 'relative_path'), cellValue(cells, 'file_name'));
  if (path !== null) refs.documentPath = path;
  return refs;
}

export const ENTITY_CHECKS: Readonly<Record<EntityName, EntityCheck>> = {
  patients: checkPatient,
  insurers: checkInsurer,
  users: checkUser,
  treatments: checkTreatment,
  care_plans: checkCarePlan,
  care_plan_lines: checkCarePlanLine,
  appointments: checkAppointment,
  notes: checkNote,
  documents: checkDocument,
};
