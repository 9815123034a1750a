/** Patient rows: identity, address, insurance, and the patient-level injected defects. */

import { civilFromDays, daysFromCivil, formatDay, formatTimestamp } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import { pickCtPair, pickFund } from './funds.js';
import { makeInsz } from './identity.js';
import { NameBirthGuard } from './name-birth-guard.js';
import { damagePatient, type Identity } from './patient-damage.js';
import { drawChild, drawPerson, type Household, type Person } from './patient-person.js';
import { FIRST_NAMES_FEMALE, FIRST_NAMES_MALE } from './people-data.js';
import { pickRemark } from './texts.js';
import type { GenContext, PatientFacts } from './types.js';
import { OLD_DENTIST_CODE, OLD_DENTIST_LAST_DAY } from './users.js';

export const FIRST_PATIENT_ID = 1001;

export function newPatientState(): PatientState {
  return { household: null, lastClean: null, names: new NameBirthGuard() };
}
const RECORDS_START_DAY = daysFromCivil(2004, 1, 1);

export const P = keyIndex('patients', [
  'patient_id',
  'last_name',
  'first_name',
  'sex',
  'birth_date',
  'insz',
  'language',
  'street',
  'house_number',
  'box',
  'postcode',
  'city',
  'country',
  'phone',
  'mobile',
  'email',
  'fund',
  'membership_number',
  'ct1',
  'ct2',
  'holder',
  'family_head_id',
  'third_party_payer',
  'dentist',
  'created_at',
  'updated_at',
  'active',
  'deceased_on',
  'sms_consent',
  'remark',
] as const);

/** What the patient loop remembers between patients: the current household and the last clean identity. */
export interface PatientState {
  household: Household | null;
  lastClean: Identity | null;
  names: NameBirthGuard;
}

const MAX_NAME_REDRAWS = 20;

/** Redraws the first name while name and birth date could be mistaken for an earlier patient's. */
function avoidLookAlike(ctx: GenContext, state: PatientState, person: Person, hasInsz: boolean): void {
  for (
    let n = 0;
    n < MAX_NAME_REDRAWS && state.names.clashes(person.last, person.first, person.birthDay, hasInsz);
    n++
  ) {
    person.first = ctx.rng.pick(person.male ? FIRST_NAMES_MALE : FIRST_NAMES_FEMALE);
  }
  state.names.add(person.last, person.first, person.birthDay, hasInsz);
}

function workMinute(ctx: GenContext): number {
  return ctx.rng.range(8 * 4, 18 * 4) * 15 + ctx.rng.range(0, 14);
}

/** Takes a unique INSZ counter, moving the birth day back a day in the (never seen) case a day is full. */
function assignInsz(ctx: GenContext, person: Person): string {
  if (person.inszKind === 'none') {
    ctx.insz.take(person.birthDay, person.male, 'regular');
    return '';
  }
  for (;;) {
    const counter = ctx.insz.take(person.birthDay, person.male, person.inszKind);
    if (counter !== null) return makeInsz(person.birth, counter, person.inszKind);
    person.birthDay -= 1;
    person.birth = civilFromDays(person.birthDay);
  }
}

function nextPerson(ctx: GenContext, state: PatientState, id: number): { person: Person; headId: number | null } {
  const head = state.household;
  if (head && head.childrenLeft > 0 && ctx.rng.chance(0.6)) {
    head.childrenLeft--;
    const child = drawChild(head.person, ctx.exportDay, ctx.rng);
    if (child) return { person: child, headId: head.id };
  }
  const person = drawPerson(ctx.exportDay, ctx.rng);
  const age = civilFromDays(ctx.exportDay).y - person.birth.y;
  state.household =
    age >= 28 && age <= 55 && ctx.rng.chance(0.35) ? { id, person, childrenLeft: ctx.rng.range(1, 3) } : null;
  return { person, headId: null };
}

function lifeSpan(ctx: GenContext, person: Person) {
  const rng = ctx.rng;
  const createdDay = rng.range(Math.max(RECORDS_START_DAY, person.birthDay + 60), ctx.exportDay - 2);
  const age = civilFromDays(ctx.exportDay).y - person.birth.y;
  let deathDay: number | null = null;
  let lastDay = ctx.exportDay - 1;
  let active = true;
  if (age >= 65 && rng.chance(0.03) && createdDay + 60 < ctx.exportDay - 1) {
    deathDay = rng.range(createdDay + 60, ctx.exportDay - 1);
    lastDay = deathDay;
    active = false;
  } else if (rng.chance(0.06)) {
    lastDay = rng.range(createdDay, ctx.exportDay - 1);
    active = false;
  }
  return { createdDay, deathDay, lastDay, active };
}

/** Writes one patient row (maybe damaged) and returns the facts its related rows need. */
export function emitPatient(ctx: GenContext, state: PatientState, index: number): PatientFacts {
  const { rng, labels } = ctx;
  const id = FIRST_PATIENT_ID + index;
  const { person, headId } = nextPerson(ctx, state, id);
  const insz = assignInsz(ctx, person);
  avoidLookAlike(ctx, state, person, insz !== '');
  const span = lifeSpan(ctx, person);
  const [ct1, ct2] = pickCtPair(rng);
  const fund = pickFund(rng);
  const vt = ct1.endsWith('1');
  const dentist =
    !span.active && span.lastDay <= OLD_DENTIST_LAST_DAY && rng.chance(0.5)
      ? OLD_DENTIST_CODE
      : rng.pick(ctx.users.dentists);
  const sms = person.mobile !== '' && rng.chance(0.7);

  const row = emptyRow('patients');
  row[P.patient_id] = String(id);
  row[P.last_name] = person.last;
  row[P.first_name] = person.first;
  row[P.sex] = person.male ? labels.male : labels.female;
  row[P.birth_date] = formatDay(person.birthDay);
  row[P.insz] = insz;
  row[P.language] = person.language;
  row[P.street] = person.street;
  row[P.house_number] = person.nr;
  row[P.box] = person.box;
  row[P.postcode] = person.place.postcode;
  row[P.city] = person.city;
  row[P.country] = 'BE';
  row[P.phone] = person.phone;
  row[P.mobile] = person.mobile;
  row[P.email] = person.email;
  row[P.fund] = fund;
  row[P.membership_number] = `${fund}${rng.digits(rng.range(7, 10))}`;
  row[P.ct1] = ct1;
  row[P.ct2] = ct2;
  row[P.holder] =
    headId === null && (civilFromDays(ctx.exportDay).y - person.birth.y >= 18 || rng.chance(0.2)) ? 'T1' : 'T2';
  row[P.family_head_id] = headId === null ? '' : String(headId);
  row[P.third_party_payer] = vt || rng.chance(0.2) ? labels.yes : labels.no;
  row[P.dentist] = dentist;
  row[P.created_at] = formatTimestamp(span.createdDay, workMinute(ctx));
  const updatedDay = rng.range(span.createdDay, ctx.exportDay - 1);
  row[P.updated_at] = formatTimestamp(updatedDay, workMinute(ctx));
  row[P.active] = span.active ? labels.yes : labels.no;
  row[P.deceased_on] = span.deathDay === null ? '' : formatDay(span.deathDay);
  row[P.sms_consent] = sms ? labels.yes : labels.no;
  row[P.remark] = rng.chance(0.12) ? pickRemark(ctx.lang, rng) : '';

  const facts: PatientFacts = {
    id,
    birth: person.birth,
    birthDay: person.birthDay,
    male: person.male,
    firstDay: span.createdDay,
    lastDay: span.lastDay,
    current: span.active,
    dentist,
    vt,
    smsConsent: sms,
  };
  const identity: Identity = {
    last: person.last,
    first: person.first,
    male: person.male,
    birthDay: person.birthDay,
    insz,
  };
  const applied: AppliedDefect[] = [];
  let rawIndex = -1;
  const kinds = ctx.defects.draw('patients');
  if (kinds.length > 0) {
    const damage = damagePatient(ctx, row, kinds, {
      identity,
      createdDay: span.createdDay,
      lastClean: state.lastClean,
    });
    applied.push(...damage.applied);
    rawIndex = damage.rawIndex;
    if (damage.copied) {
      facts.birth = civilFromDays(damage.copied.birthDay);
      facts.birthDay = damage.copied.birthDay;
      facts.male = damage.copied.male;
    }
  }
  const line = ctx.sinks.patients.writeRow(row, rawIndex);
  if (applied.length > 0) ctx.defects.log('patients', String(id), line, applied);
  else state.lastClean = identity;
  return facts;
}
