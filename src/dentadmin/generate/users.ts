/**
 * The practice's users (providers and staff): 5–12 people, among them one inactive former dentist `OUD`.
 * Clinical rows pick their provider from this pool, so a clean row never names an unknown provider.
 */

import { daysFromCivil, formatTimestamp } from './calendar.js';
import type { AppliedDefect } from './defect-log.js';
import { emptyRow, keyIndex } from './defect-log.js';
import { breakEmail, makeBadPhone, makeMobile, makeProviderNumber } from './identity.js';
import type { Labels, Lang } from './labels.js';
import { FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES_FLEMISH, LAST_NAMES_WALLOON } from './people-data.js';
import type { Rng } from './prng.js';

/** The former dentist's last working day: he may appear on rows up to this day only. */
export const OLD_DENTIST_CODE = 'OUD';
export const OLD_DENTIST_LAST_DAY = daysFromCivil(2019, 6, 30);

/** Provider codes that are in no users file (D21, `provider_unknown`). */
export const UNKNOWN_PROVIDER_CODES = ['XYZ', 'TD9', 'STG', 'VRW', 'ZZ1'];

export interface UserPool {
  /** Active dentists (general, orthodontist, periodontist). */
  dentists: string[];
  hygienists: string[];
  /** Assistants and secretaries: they book appointments. */
  staff: string[];
}

export interface User {
  code: string;
  /** Assistant or secretary: never a clinical provider. */
  staff: boolean;
  last: string;
  first: string;
  role: string;
  riziv: string;
  conventioned: string;
  mobile: string;
  active: boolean;
}

type Kind = 'dentist' | 'orthodontist' | 'periodontist' | 'hygienist' | 'assistant' | 'secretary';

function composition(rng: Rng): Kind[] {
  const kinds: Kind[] = [];
  const dentists = rng.range(2, 4);
  for (let i = 0; i < dentists; i++) kinds.push('dentist');
  if (rng.chance(0.5)) kinds.push(rng.chance(0.5) ? 'orthodontist' : 'periodontist');
  const hygienists = rng.range(1, 2);
  for (let i = 0; i < hygienists; i++) kinds.push('hygienist');
  const assistants = rng.range(1, 3);
  for (let i = 0; i < assistants; i++) kinds.push('assistant');
  if (rng.chance(0.6)) kinds.push('secretary');
  return kinds;
}

const PREFIX: Record<Kind, string> = {
  dentist: 'TD',
  orthodontist: 'OR',
  periodontist: 'PA',
  hygienist: 'MH',
  assistant: 'AS',
  secretary: 'SE',
};

function uniqueCode(kind: Kind, last: string, taken: Set<string>): string {
  const letters = last.toUpperCase().replace(/[^A-Z]/g, '');
  for (const letter of letters) {
    const code = `${PREFIX[kind]}${letter}`;
    if (!taken.has(code) && code !== OLD_DENTIST_CODE) return code;
  }
  for (let n = 1; ; n++) {
    const code = `${PREFIX[kind]}${n}`;
    if (!taken.has(code)) return code;
  }
}

export function buildUsers(rng: Rng, labels: Labels): { pool: UserPool; users: User[] } {
  const taken = new Set<string>();
  const users: User[] = [];
  const pool: UserPool = { dentists: [], hygienists: [], staff: [] };
  for (const kind of composition(rng)) {
    const female = rng.chance(0.6);
    const last = rng.pick(rng.chance(0.6) ? LAST_NAMES_FLEMISH : LAST_NAMES_WALLOON);
    const first = rng.pick(female ? FIRST_NAMES_FEMALE.slice(8, 47) : FIRST_NAMES_MALE.slice(12, 46));
    const code = uniqueCode(kind, last, taken);
    taken.add(code);
    const provider = kind === 'dentist' || kind === 'orthodontist' || kind === 'periodontist';
    users.push({
      code,
      staff: !provider && kind !== 'hygienist',
      last,
      first,
      role: labels.roles[kind],
      riziv: provider ? makeProviderNumber(rng) : '',
      conventioned: provider
        ? rng.pick([labels.conventioned.yes, labels.conventioned.yes, labels.conventioned.partial])
        : kind === 'hygienist'
          ? labels.conventioned.no
          : '',
      mobile: provider || rng.chance(0.4) ? makeMobile(rng) : '',
      active: true,
    });
    if (provider) pool.dentists.push(code);
    else if (kind === 'hygienist') pool.hygienists.push(code);
    else pool.staff.push(code);
  }
  users.push({
    code: OLD_DENTIST_CODE,
    staff: false,
    last: rng.pick(LAST_NAMES_FLEMISH),
    first: rng.pick(FIRST_NAMES_MALE.slice(12, 25)),
    role: labels.roles.dentist,
    riziv: makeProviderNumber(rng),
    conventioned: labels.conventioned.yes,
    mobile: '',
    active: false,
  });
  return { pool, users };
}

const U = keyIndex('users', [
  'user_code',
  'last_name',
  'first_name',
  'role',
  'riziv_number',
  'conventioned',
  'email',
  'mobile',
  'active',
  'last_login',
] as const);

export function practiceDomain(lang: Lang): string {
  return lang === 'fr' ? 'cabinet-dentaire-example.be' : 'tandartspraktijk-example.be';
}

export function userRow(user: User, labels: Labels, lang: Lang, exportDay: number, rng: Rng): string[] {
  const row = emptyRow('users');
  row[U.user_code] = user.code;
  row[U.last_name] = user.last;
  row[U.first_name] = user.first;
  row[U.role] = user.role;
  row[U.riziv_number] = user.riziv;
  row[U.conventioned] = user.conventioned;
  const local = `${user.first}.${user.last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  row[U.email] = `${local}@${practiceDomain(lang)}`;
  row[U.mobile] = user.mobile;
  row[U.active] = user.active ? labels.yes : labels.no;
  row[U.last_login] = user.active
    ? formatTimestamp(exportDay - rng.range(1, 6), rng.range(7 * 60, 19 * 60))
    : formatTimestamp(OLD_DENTIST_LAST_DAY, 18 * 60);
  return row;
}

/** Damages a user row for one of the kinds tried in order; returns what was done (empty: nothing fitted). */
export function damageUser(row: string[], staff: boolean, kinds: readonly string[], rng: Rng): AppliedDefect[] {
  for (const kind of kinds) {
    // Only staff lose their name: a nameless provider would be skipped and take its clinical rows along.
    if (kind === 'name_missing' && staff) {
      row[U.last_name] = '';
      row[U.first_name] = '';
      return [{ code: 'name_missing', key: 'last_name' }];
    }
    if (kind === 'email_invalid') {
      row[U.email] = breakEmail(row[U.email] ?? '', rng);
      return [{ code: 'email_invalid', key: 'email' }];
    }
    if (kind === 'phone_invalid') {
      row[U.mobile] = makeBadPhone(rng);
      return [{ code: 'phone_invalid', key: 'mobile' }];
    }
  }
  return [];
}
