/** Treatment rows (prestaties): a code valid on its day for the patient's age, a tooth, amounts, attestation. */

import type { DefectCode } from '../defects.js';
import { ageOn, civilFromDays, daysFromCivil, formatDay } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import type { Rng } from './prng.js';
import {
  DATED_CODES,
  type DatedCode,
  invalidCodesFor,
  PRIVATE_ITEMS,
  type PrivateItem,
  surfaceCount,
  type ToothKind,
  validCodes,
} from './riziv-table.js';
import { badAmount, formatCents, impossibleDate } from './text-damage.js';
import type { GenContext, PatientFacts } from './types.js';
import { OLD_DENTIST_CODE, OLD_DENTIST_LAST_DAY, UNKNOWN_PROVIDER_CODES } from './users.js';

const T = keyIndex('treatments', [
  'treatment_id',
  'patient_id',
  'date',
  'provider',
  'riziv_code',
  'description',
  'tooth',
  'surfaces',
  'quadrant',
  'fee',
  'reimbursement',
  'copayment',
  'supplement',
  'attestation',
  'receipt_number',
  'status',
] as const);

/** What is done: a nomenclature code or a non-reimbursed item. */
export type Work = { code: DatedCode; item: null } | { code: null; item: PrivateItem };

const EATTEST_START = daysFromCivil(2016, 1, 1);
const ELECTRONIC_ONLY = daysFromCivil(2025, 9, 1);
const HYGIENE_ITEMS = new Set(['Tandsteenverwijdering (ereloon)', 'Mondhygiënesessie']);

export function ageAt(facts: PatientFacts, day: number): number {
  return ageOn(facts.birth, civilFromDays(day));
}

/** Picks work that is clean on that day for that patient, or null when nothing fits (an 18-year-old, a baby). */
export function chooseWork(rng: Rng, facts: PatientFacts, day: number): Work | null {
  const age = ageAt(facts, day);
  const codes = validCodes(day, age);
  if (codes.length > 0 && rng.chance(0.85)) return { code: rng.pick(codes), item: null };
  const items = PRIVATE_ITEMS.filter((i) => age >= i.ageMin);
  if (items.length > 0) return { code: null, item: rng.pick(items) };
  return codes.length > 0 ? { code: rng.pick(codes), item: null } : null;
}

/** True when the code is still clean on another day (used to move work to a later day). */
export function stillValid(work: Work, facts: PatientFacts, day: number): boolean {
  if (work.code === null) return ageAt(facts, day) >= work.item.ageMin;
  return validCodes(day, ageAt(facts, day)).includes(work.code);
}

const PERMANENT_CHILD = ['11', '12', '21', '22', '31', '32', '41', '42', '16', '26', '36', '46'];
const SURFACES = [
  ['O', 'M', 'D', 'V', 'L'],
  ['MO', 'OD', 'OL', 'VO'],
  ['MOD', 'MOL', 'DOV', 'MODV'],
];

export function pickTooth(rng: Rng, kind: ToothKind, age: number): string {
  if (kind === 'deciduous') return `${rng.range(5, 8)}${rng.range(1, 5)}`;
  if (kind === 'none') return '';
  if (age < 12) return rng.pick(PERMANENT_CHILD);
  return `${rng.range(1, 4)}${rng.range(1, age < 18 ? 7 : 8)}`;
}

export function providerFor(ctx: GenContext, facts: PatientFacts, day: number, hygiene: boolean): string {
  if (day <= OLD_DENTIST_LAST_DAY && (facts.dentist === OLD_DENTIST_CODE || ctx.rng.chance(0.2)))
    return OLD_DENTIST_CODE;
  if (hygiene && ctx.users.hygienists.length > 0) return ctx.rng.pick(ctx.users.hygienists);
  return facts.dentist === OLD_DENTIST_CODE ? ctx.rng.pick(ctx.users.dentists) : facts.dentist;
}

export function describe(work: Work, ctx: GenContext): string {
  const source = work.code ?? work.item;
  return ctx.lang === 'fr' ? source.fr : source.nl;
}

/** Fee in cents of work for this patient, without supplement (the plan line amount). */
export function baseCents(work: Work): number {
  return work.code ? work.code.reimbursementCents + work.code.copayCents : work.item.cents;
}

/** Writes one treatment and returns its id. */
export function emitTreatment(ctx: GenContext, facts: PatientFacts, day: number, work: Work): number {
  const { rng, labels } = ctx;
  const id = ctx.ids.treatment++;
  const age = ageAt(facts, day);
  const toothKind = work.code ? work.code.tooth : work.item.tooth;
  const tooth = pickTooth(rng, toothKind, age);
  const surfaces = work.code ? surfaceCount(work.code.code) : 0;
  let reimbursement = work.code ? work.code.reimbursementCents : 0;
  let copay = work.code ? work.code.copayCents : work.item.cents;
  if (work.code && facts.vt) {
    reimbursement += copay;
    copay = 0;
  }
  const supplement =
    work.code && work.code.ageMin >= 19 && !facts.vt && rng.chance(0.2) ? rng.pick([500, 750, 1000]) : 0;
  const attestation = !work.code
    ? ''
    : day < EATTEST_START
      ? 'Papier'
      : rng.pick(day >= ELECTRONIC_ONLY ? ['eAttest', 'eFact'] : ['Papier', 'eAttest', 'eAttest', 'eFact']);
  const status = rng.float();

  const row = emptyRow('treatments');
  row[T.treatment_id] = String(id);
  row[T.patient_id] = String(facts.id);
  row[T.date] = formatDay(day);
  row[T.provider] = providerFor(ctx, facts, day, work.item !== null && HYGIENE_ITEMS.has(work.item.nl));
  row[T.riziv_code] = work.code ? work.code.code : '';
  row[T.description] = describe(work, ctx);
  row[T.tooth] = tooth;
  row[T.surfaces] = surfaces > 0 ? rng.pick(SURFACES[surfaces - 1] ?? ['O']) : '';
  row[T.quadrant] = tooth === '' ? '' : String(((Number(tooth[0]) - 1) % 4) + 1);
  row[T.fee] = formatCents(reimbursement + copay + supplement);
  row[T.reimbursement] = formatCents(reimbursement);
  row[T.copayment] = formatCents(copay);
  row[T.supplement] = formatCents(supplement);
  row[T.attestation] = attestation;
  row[T.receipt_number] = attestation === 'eAttest' ? `A${civilFromDays(day).y}-${rng.digits(6)}` : '';
  row[T.status] =
    status < 0.93
      ? labels.treatmentStatus.attested
      : status < 0.97
        ? labels.treatmentStatus.cancelled
        : labels.treatmentStatus.open;

  const kinds = ctx.defects.draw('treatments');
  const applied = kinds.length > 0 ? damageTreatment(ctx, row, kinds, facts, day) : [];
  const line = ctx.sinks.treatments.writeRow(row);
  if (applied.length > 0) ctx.defects.log('treatments', String(id), line, applied);
  return id;
}

/** A 6-digit code turned into something that is not 6 digits (D23, `riziv_format`). */
export function misformatCode(code: string, rng: Rng): string {
  switch (rng.int(3)) {
    case 0:
      return code.slice(0, 5);
    case 1:
      return `${code}${rng.int(10)}`;
    default:
      return `${code.slice(0, 2)}${rng.pick(['l', 'O', 'X'])}${code.slice(3)}`;
  }
}

/** The same code with a last digit that fails the mod-7 rule, so it is in no table either (D23). */
export function typoCode(code: string, rng: Rng): string {
  const good = Number(code.slice(0, 5)) % 7;
  let digit = rng.int(10);
  if (digit === good) digit = (digit + 1 + rng.int(9)) % 10;
  return `${code.slice(0, 5)}${digit}`;
}

function damageTreatment(
  ctx: GenContext,
  row: string[],
  kinds: readonly DefectCode[],
  facts: PatientFacts,
  day: number,
): AppliedDefect[] {
  const r = ctx.drng;
  const code = row[T.riziv_code] || r.pick(DATED_CODES).code;
  for (const kind of kinds) {
    switch (kind) {
      case 'date_invalid':
        row[T.date] = impossibleDate(day, r);
        return [{ code: kind, key: 'date' }];
      case 'date_future': {
        const future = ctx.exportDay + r.range(2, 365);
        const current = DATED_CODES.find((c) => c.code === row[T.riziv_code]);
        if (current && !validCodes(future, ageAt(facts, future)).includes(current)) break;
        row[T.date] = formatDay(future);
        return [{ code: kind, key: 'date' }];
      }
      case 'amount_invalid':
        row[T.fee] = badAmount(r);
        return [{ code: kind, key: 'fee' }];
      case 'amount_negative': {
        const base =
          Number((row[T.reimbursement] ?? '0').replace(',', '')) + Number((row[T.copayment] ?? '0').replace(',', ''));
        if (base <= 300) break;
        const minus = Math.min(r.pick([250, 500, 750, 1000]), base - 100);
        row[T.supplement] = formatCents(-minus);
        row[T.fee] = formatCents(base - minus);
        return [{ code: kind, key: 'supplement' }];
      }
      case 'riziv_format':
        row[T.riziv_code] = misformatCode(code, r);
        return [{ code: kind, key: 'riziv_code' }];
      case 'riziv_checkdigit':
        row[T.riziv_code] = typoCode(code, r);
        return [
          { code: kind, key: 'riziv_code' },
          { code: 'riziv_not_valid_on_date', key: 'riziv_code' },
        ];
      case 'riziv_not_valid_on_date': {
        const invalid = invalidCodesFor(day, ageAt(facts, day));
        if (invalid.length === 0) break;
        const chosen = r.pick(invalid);
        row[T.riziv_code] = chosen.code;
        row[T.description] = ctx.lang === 'fr' ? chosen.fr : chosen.nl;
        return [{ code: kind, key: 'riziv_code' }];
      }
      case 'orphan_reference':
        row[T.patient_id] = String(r.range(1, 999));
        return [{ code: kind, key: 'patient_id' }];
      case 'provider_unknown':
        row[T.provider] = r.pick(UNKNOWN_PROVIDER_CODES);
        return [{ code: kind, key: 'provider' }];
      default:
        break;
    }
  }
  return [];
}
