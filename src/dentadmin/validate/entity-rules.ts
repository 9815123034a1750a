/**
 * Which generic checks apply to which columns of each entity. Everything here is data; the record-level
 * logic (names, INSZ against birth date, codes on the service date, references) is in `entity-checks.ts`.
 */
import { ENTITIES, type EntityName } from '../entities.js';
import type { DateRule } from './cell-checks.js';

const date = (key: string, noFuture: boolean): DateRule => ({ key, kind: 'date', noFuture });
const timestamp = (key: string, noFuture: boolean): DateRule => ({ key, kind: 'timestamp', noFuture });

/**
 * Date and timestamp columns. `noFuture` is off where a future value is normal: appointments, plan and
 * fund end dates.
 */
export const DATE_RULES: Readonly<Record<EntityName, readonly DateRule[]>> = {
  patients: [
    date('birth_date', true),
    date('deceased_on', true),
    timestamp('created_at', true),
    timestamp('updated_at', true),
  ],
  insurers: [date('valid_from', false), date('valid_to', false)],
  users: [timestamp('last_login', true)],
  treatments: [date('date', true)],
  care_plans: [date('created_at', true), date('valid_until', false), date('agreed_on', true)],
  care_plan_lines: [],
  appointments: [timestamp('start', false), timestamp('created_at', true)],
  notes: [timestamp('date', true)],
  documents: [date('date', true)],
};

/** Money columns: `amount_invalid`, `amount_negative`. */
export const AMOUNT_KEYS: Readonly<Record<EntityName, readonly string[]>> = {
  patients: [],
  insurers: [],
  users: [],
  treatments: ['fee', 'reimbursement', 'copayment', 'supplement'],
  care_plans: ['total_fee', 'patient_share'],
  care_plan_lines: ['amount'],
  appointments: [],
  notes: [],
  documents: [],
};

/** Phone columns: `phone_invalid`. */
export const PHONE_KEYS: Readonly<Partial<Record<EntityName, readonly string[]>>> = {
  patients: ['phone', 'mobile'],
  users: ['mobile'],
};

/** E-mail columns: `email_invalid`. */
export const EMAIL_KEYS: Readonly<Partial<Record<EntityName, readonly string[]>>> = {
  patients: ['email'],
  users: ['email'],
};

/** Free-text columns (kinds `text` and `memo` in the entity spec): `mojibake`. */
export function textKeys(entity: EntityName): string[] {
  return ENTITIES[entity].columns.filter((c) => c.kind === 'text' || c.kind === 'memo').map((c) => c.key);
}

/** Date and timestamp columns of an entity, for the pattern tracker. */
export function dateKeys(entity: EntityName): string[] {
  return DATE_RULES[entity].map((rule) => rule.key);
}
