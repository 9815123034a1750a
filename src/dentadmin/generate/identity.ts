/**
 * Identity values: INSZ/NISS (regular and BIS), RIZIV provider numbers, phones and e-mail addresses.
 * The generator builds INSZ from day numbers in its hot loop instead of calling src/domain/insz.ts with ISO
 * strings; a test checks both give the same numbers. Formulas: domain reference §3.
 */

import type { Civil } from './calendar.js';
import { EMAIL_DOMAINS, FOREIGN_MOBILES, type Place } from './people-data.js';
import type { Rng } from './prng.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** INSZ check digits: 97 − (first 9 digits mod 97), on "2" + the digits for births from 2000. */
export function inszCheck(nineDigits: string, bornFrom2000: boolean): number {
  const base = Number(nineDigits) + (bornFrom2000 ? 2_000_000_000 : 0);
  return 97 - (base % 97);
}

export type InszKind = 'regular' | 'bis20' | 'bis40';

/** Builds an INSZ (or BIS number: month + 20 or + 40) for a birth date and a day counter (odd = male). */
export function makeInsz(birth: Civil, counter: number, kind: InszKind = 'regular'): string {
  const monthOffset = kind === 'bis20' ? 20 : kind === 'bis40' ? 40 : 0;
  const nine = `${pad(birth.y % 100, 2)}${pad(birth.m + monthOffset, 2)}${pad(birth.d, 2)}${pad(counter, 3)}`;
  return `${nine}${pad(inszCheck(nine, birth.y >= 2000), 2)}`;
}

/** True when the 11 digits pass the checksum for either century. */
export function isValidInsz(insz: string): boolean {
  if (!/^\d{11}$/.test(insz)) return false;
  const nine = insz.slice(0, 9);
  const check = Number(insz.slice(9));
  return check === inszCheck(nine, false) || check === inszCheck(nine, true);
}

/** The same nine digits with check digits that fail for both centuries (D01). */
export function breakInszChecksum(insz: string, rng: Rng): string {
  const nine = insz.slice(0, 9);
  const bad = new Set([inszCheck(nine, false), inszCheck(nine, true)]);
  let check = rng.range(1, 99);
  while (bad.has(check)) check = (check % 99) + 1;
  return `${nine}${pad(check, 2)}`;
}

/**
 * Hands out day counters so no two patients share an INSZ: per birth day and sex the 499 possible
 * counters are visited in a day-dependent order. Memory is two small typed arrays, whatever the patient count.
 */
export class InszRegistry {
  private readonly used: Uint16Array;

  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    // Two sexes × three kinds (regular, BIS +20, BIS +40) per day.
    this.used = new Uint16Array((lastDay - firstDay + 1) * 6);
  }

  /** Returns a counter for that day and sex, or null when all 499 are taken (the caller picks another day). */
  take(day: number, male: boolean, kind: InszKind): number | null {
    const kindIndex = kind === 'regular' ? 0 : kind === 'bis20' ? 1 : 2;
    const slot = ((day - this.firstDay) * 3 + kindIndex) * 2 + (male ? 0 : 1);
    const k = this.used[slot];
    if (k === undefined) throw new Error(`birth day outside the registry range: ${day}`);
    if (k >= 499) return null;
    this.used[slot] = k + 1;
    const start = Math.imul(day, 2654435761) >>> 0;
    const pos = (start + k * 37) % 499;
    return male ? pos * 2 + 1 : pos * 2 + 2;
  }
}

/** A RIZIV/INAMI provider number `3-XXXXX-CC-001` (check digits 97 − (first 6 digits mod 97)). */
export function makeProviderNumber(rng: Rng): string {
  const seq = rng.digits(5);
  const check = 97 - (Number(`3${seq}`) % 97);
  return `3-${seq}-${pad(check, 2)}-001`;
}

function fillDigits(template: string, rng: Rng): string {
  return template.replace(/%(\d)/g, (_, n: string) => rng.digits(Number(n)));
}

/** First subscriber digit in service per one-digit zone (libphonenumber's Belgian fixed-line ranges). */
const FIRST_DIGIT: Record<string, [number, number]> = { '2': [2, 8], '3': [2, 8], '4': [2, 3], '9': [2, 4] };

function subscriber(zone: string, rng: Rng): string {
  const [low, high] = FIRST_DIGIT[zone] ?? [2, 9];
  return `${rng.range(low, high)}${rng.digits(zone.length === 1 ? 6 : 5)}`;
}

const MOBILE_PREFIXES = [
  '470',
  '471',
  '472',
  '473',
  '474',
  '475',
  '476',
  '477',
  '478',
  '479',
  '483',
  '484',
  '485',
  '486',
  '487',
  '488',
  '489',
  '491',
  '492',
  '493',
  '494',
  '495',
  '496',
  '497',
  '498',
  '499',
  '456',
  '460',
  '468',
];

/** A valid Belgian mobile number in one of the formats people type. */
export function makeMobile(rng: Rng): string {
  const p = rng.pick(MOBILE_PREFIXES);
  const a = rng.digits(2);
  const b = rng.digits(2);
  const c = rng.digits(2);
  switch (rng.int(7)) {
    case 0:
      return `0${p}${a}${b}${c}`;
    case 1:
      return `0${p}/${a}.${b}.${c}`;
    case 2:
      return `+32 ${p} ${a} ${b} ${c}`;
    case 3:
      return `+32${p}${a}${b}${c}`;
    case 4:
      return `0032 ${p} ${a} ${b} ${c}`;
    default:
      return `0${p} ${a} ${b} ${c}`;
  }
}

/** A valid Belgian landline in the caller's zone, in one of the formats people type. */
export function makeLandline(place: Place, rng: Rng): string {
  const zone = place.zone;
  const rest = subscriber(zone, rng);
  const grouped =
    zone.length === 1
      ? `${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5)}`
      : `${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4)}`;
  switch (rng.int(5)) {
    case 0:
      return `0${zone}/${grouped}`;
    case 1:
      return `0${zone}${rest}`;
    case 2:
      return `+32 ${zone} ${grouped}`;
    case 3:
      return `0${zone}/${grouped.replaceAll(' ', '.')}`;
    default:
      return `0${zone} ${grouped}`;
  }
}

export function makeForeignMobile(rng: Rng): string {
  return fillDigits(rng.pick(FOREIGN_MOBILES), rng);
}

/** Phone values no parser can turn into an E.164 number (D11). */
export function makeBadPhone(rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return `04${rng.range(70, 99)} ${rng.digits(2)} ${rng.digits(2)}`; // 8 digits: too short
    case 1:
      return `04${rng.range(70, 99)}${rng.digits(8)}`; // 12 digits: too long
    case 2:
      return rng.digits(4);
    default:
      return rng.pick(['onbekend', 'geen', 'inconnu', 'zie gsm', '-']);
  }
}

/** Lower-case ASCII of a name for an e-mail local part ("Françoise D'Hondt" → "francoise", "dhondt"). */
export function emailWord(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function makeEmail(first: string, last: string, rng: Rng, domain?: string): string {
  const f = emailWord(first) || 'info';
  const l = emailWord(last) || 'patient';
  const local = rng.int(3) === 0 ? `${f[0] ?? 'x'}${l}` : `${f}.${l}`;
  const suffix = rng.int(5) === 0 ? String(rng.range(1, 99)) : '';
  return `${local}${suffix}@${domain ?? rng.pick(EMAIL_DOMAINS)}`;
}

/** Addresses that fail any e-mail syntax check (D35). */
export function breakEmail(email: string, rng: Rng): string {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  switch (rng.int(5)) {
    case 0:
      return `${local}@@${domain}`;
    case 1:
      return `${local}.${domain}`; // the @ lost
    case 2:
      return `${local.replace('.', ' ')} @${domain}`;
    case 3:
      return `${local}@`; // no domain
    default:
      return `${local}@${domain},`;
  }
}
