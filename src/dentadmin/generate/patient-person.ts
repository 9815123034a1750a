/**
 * Who a new patient is: origin, name, sex, birth day, address and contact data, drawn from the data stream.
 * Children of a household head share its name, address and landline.
 */

import { birthdayDay, type Civil, civilFromDays } from './calendar.js';
import { type InszKind, makeEmail, makeForeignMobile, makeLandline, makeMobile } from './identity.js';
import {
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  LAST_NAMES_FLEMISH,
  LAST_NAMES_FOREIGN,
  LAST_NAMES_WALLOON,
  PLACES,
  type Place,
  STREETS_FR,
  STREETS_NL,
} from './people-data.js';
import type { Rng } from './prng.js';

export interface Person {
  last: string;
  first: string;
  male: boolean;
  birthDay: number;
  birth: Civil;
  inszKind: InszKind | 'none';
  /** N, F, D or E. */
  language: string;
  street: string;
  nr: string;
  box: string;
  place: Place;
  city: string;
  phone: string;
  mobile: string;
  email: string;
}

export interface Household {
  id: number;
  person: Person;
  childrenLeft: number;
}

const DAYS_PER_YEAR = 365.2425;

function languageFor(place: Place, foreign: boolean, rng: Rng): string {
  if (foreign && rng.chance(0.35)) return rng.chance(0.8) ? 'E' : 'D';
  if (place.region === 'vl') return rng.chance(0.97) ? 'N' : 'F';
  if (place.region === 'wa') return rng.chance(0.97) ? 'F' : 'N';
  return rng.chance(0.65) ? 'F' : 'N';
}

function lastNameFor(place: Place, foreign: boolean, rng: Rng): string {
  if (foreign) return rng.pick(LAST_NAMES_FOREIGN);
  if (place.region === 'vl') return rng.pick(rng.chance(0.92) ? LAST_NAMES_FLEMISH : LAST_NAMES_WALLOON);
  if (place.region === 'wa') return rng.pick(rng.chance(0.9) ? LAST_NAMES_WALLOON : LAST_NAMES_FLEMISH);
  return rng.pick(rng.chance(0.5) ? LAST_NAMES_WALLOON : LAST_NAMES_FLEMISH);
}

function inszKindFor(foreign: boolean, rng: Rng): InszKind | 'none' {
  if (!foreign) return rng.chance(0.01) ? 'none' : 'regular';
  const x = rng.float();
  if (x < 0.25) return 'bis40';
  if (x < 0.35) return 'bis20';
  if (x < 0.5) return 'none';
  return 'regular';
}

/** Age in years for an adult or a child patient, weighted like a general practice's list. */
function drawBirthDay(exportDay: number, child: boolean, rng: Rng): number {
  const years = child ? rng.range(2, 17) : rng.chance(0.15) ? rng.range(70, 94) : rng.range(18, 69);
  return exportDay - Math.floor(years * DAYS_PER_YEAR) - rng.int(365);
}

function contacts(person: Omit<Person, 'phone' | 'mobile' | 'email'>, foreign: boolean, rng: Rng) {
  const phone = rng.chance(0.35) ? makeLandline(person.place, rng) : '';
  const mobile = rng.chance(0.85) ? (foreign && rng.chance(0.3) ? makeForeignMobile(rng) : makeMobile(rng)) : '';
  const email = rng.chance(0.7) ? makeEmail(person.first, person.last, rng) : '';
  return { phone, mobile, email };
}

/** A new, independent person (adult, or now and then a child registered alone). */
export function drawPerson(exportDay: number, rng: Rng): Person {
  const place = rng.pick(PLACES);
  const foreign = rng.chance(place.region === 'bru' ? 0.3 : 0.08);
  const male = rng.chance(0.48);
  const birthDay = drawBirthDay(exportDay, rng.chance(0.1), rng);
  const language = languageFor(place, foreign, rng);
  const frenchSide = language === 'F' || (place.region === 'wa' && language !== 'N');
  const base = {
    last: lastNameFor(place, foreign, rng),
    first: rng.pick(male ? FIRST_NAMES_MALE : FIRST_NAMES_FEMALE),
    male,
    birthDay,
    birth: civilFromDays(birthDay),
    inszKind: inszKindFor(foreign, rng),
    language,
    street: rng.pick(
      place.region === 'bru' ? (frenchSide ? STREETS_FR : STREETS_NL) : place.region === 'wa' ? STREETS_FR : STREETS_NL,
    ),
    nr: `${rng.range(1, 250)}${rng.chance(0.05) ? rng.pick(['A', 'B', 'C']) : ''}`,
    box: rng.chance(0.15) ? String(rng.range(1, 24)) : '',
    place,
    city: place.region === 'vl' ? place.nl : place.region === 'wa' ? place.fr : frenchSide ? place.fr : place.nl,
  };
  return { ...base, ...contacts(base, foreign, rng) };
}

/** A child of the household head, born at least 18 years after the head; null when no such birth fits. */
export function drawChild(head: Person, exportDay: number, rng: Rng): Person | null {
  const earliest = Math.max(birthdayDay(head.birth, 18), exportDay - Math.floor(17 * DAYS_PER_YEAR));
  const latest = exportDay - 400;
  if (earliest > latest) return null;
  const male = rng.chance(0.5);
  const birthDay = rng.range(earliest, latest);
  const first = rng.pick(male ? FIRST_NAMES_MALE.slice(0, 12) : FIRST_NAMES_FEMALE.slice(0, 12));
  return {
    ...head,
    first,
    male,
    birthDay,
    birth: civilFromDays(birthDay),
    inszKind: head.inszKind === 'regular' ? 'regular' : rng.chance(0.5) ? 'regular' : 'none',
    mobile: '',
    email: head.email === '' || rng.chance(0.5) ? '' : head.email,
  };
}
