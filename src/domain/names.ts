/**
 * Person names: whitespace and case normalisation, splitting a full name, and a comparison key.
 *
 * Belgian surnames carry particles (`Van den Broeck`, `De Smet`, `de Smet`, `D'Hondt`). The case of a
 * particle is part of the name as registered, so mixed-case input is never re-cased: only ALL CAPS input
 * (`PEETERS`, `VAN DEN BROECK`) becomes Title Case, with this simple, documented rule: every word gets a
 * capital, except a particle that directly follows another particle (`Van den Broeck`, `De la Cruz`). That is
 * the usual Flemish spelling; a registry name written `van den Broeck` cannot be recovered from capitals.
 */

/** Surname particles (Dutch, French, German, Italian, Spanish, Portuguese), lower-case. */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'den',
  'der',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'op',
  'in',
  'uit',
  'uyt',
  'vande',
  'vander',
  'vanden',
  'du',
  'des',
  'la',
  'le',
  'les',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'das',
  'zu',
  'zum',
]);

const SPACES = /[\s\u00a0\u202f]+/g;
const INITIALS = /^(?:\p{Lu}\.-?)+$/u;

/** Trims and turns every run of whitespace (NBSP, tabs, double spaces) into one space. */
export function collapseSpaces(raw: string): string {
  return raw.replace(SPACES, ' ').trim();
}

function isAllCaps(s: string): boolean {
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

/** `JEAN-MARC` → `Jean-Marc`, `D'HONDT` → `D'Hondt`: a capital after the start, a hyphen or an apostrophe. */
function capitalise(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  let boundary = true;
  for (const ch of lower) {
    out += boundary ? ch.toUpperCase() : ch;
    boundary = ch === '-' || ch === "'" || ch === '’';
  }
  return out;
}

function titleCase(value: string): string {
  const words = value.split(' ');
  let previousWasParticle = false;
  for (let i = 0; i < words.length; i++) {
    const lower = words[i]!.toLowerCase();
    const particle = PARTICLES.has(lower);
    words[i] = particle && previousWasParticle ? lower : capitalise(words[i]!);
    previousWasParticle = particle;
  }
  return words.join(' ');
}

/**
 * Collapses whitespace; ALL CAPS becomes Title Case (see the rule at the top); anything else keeps its case.
 * `"PEETERS "` → `Peeters`, `VAN DEN BROECK` → `Van den Broeck`, `de Smet` → `de Smet`.
 */
export function normaliseName(raw: string): string {
  const value = collapseSpaces(raw);
  return isAllCaps(value) ? titleCase(value) : value;
}

/** Joins first and last name for display (`Jan Van den Broeck`); either may be empty. */
export function joinName(first: string, last: string): string {
  const f = collapseSpaces(first);
  const l = collapseSpaces(last);
  return f && l ? `${f} ${l}` : f || l;
}

export interface SplitName {
  first: string;
  last: string;
  /** Which signal decided the split; `order` (last word = surname) is a guess. */
  how: 'comma' | 'single' | 'caps' | 'initials' | 'particle' | 'order';
}

const isParticle = (token: string): boolean => PARTICLES.has(token.toLowerCase());
const isInitials = (token: string): boolean => INITIALS.test(token);

function split(first: readonly string[], last: readonly string[], how: SplitName['how']): SplitName {
  return { first: normaliseName(first.join(' ')), last: normaliseName(last.join(' ')), how };
}

/** Surname = the ALL-CAPS words (with particles just before them), when the other words are not caps. */
function splitByCaps(tokens: readonly string[]): SplitName | null {
  const caps = tokens.map((t) => !isInitials(t) && isAllCaps(t) && t.replace(/[^\p{L}]/gu, '').length > 1);
  if (!caps.includes(true) || caps.every(Boolean)) return null;
  let from = caps.indexOf(true);
  const to = caps.lastIndexOf(true);
  if (caps.slice(from, to + 1).includes(false)) return null;
  while (from > 0 && isParticle(tokens[from - 1]!)) from--;
  return split([...tokens.slice(0, from), ...tokens.slice(to + 1)], tokens.slice(from, to + 1), 'caps');
}

/**
 * Splits a full name into first and last name. Signals, strongest first: a comma (`Dubois, Jean-Marc`), an
 * ALL-CAPS surname (`Jean Marc DUBOIS`), initials (`Dubois J.-M.`), particles (`Van den Broeck Jan`,
 * `Jan Van den Broeck`), and finally word order, taking the last word as the surname (`Lotte Peeters`).
 * Both parts are normalised with {@link normaliseName}.
 */
export function splitFullName(raw: string): SplitName {
  const value = collapseSpaces(raw);
  const comma = value.indexOf(',');
  if (comma >= 0) return split([value.slice(comma + 1).trim()], [value.slice(0, comma).trim()], 'comma');
  const tokens = value === '' ? [] : value.split(' ');
  if (tokens.length <= 1) return split([], tokens, 'single');

  const byCaps = splitByCaps(tokens);
  if (byCaps) return byCaps;

  const initials = tokens.map(isInitials);
  if (initials.includes(true)) {
    return split(
      tokens.filter((_, i) => initials[i]),
      tokens.filter((_, i) => !initials[i]),
      'initials',
    );
  }

  const p = tokens.findIndex((t, i) => isParticle(t) && i < tokens.length - 1);
  if (p === 0) {
    let end = 0;
    while (end < tokens.length - 1 && isParticle(tokens[end]!)) end++;
    return split(tokens.slice(end + 1), tokens.slice(0, end + 1), 'particle');
  }
  if (p > 0) return split(tokens.slice(0, p), tokens.slice(p), 'particle');
  return split(tokens.slice(0, -1), tokens.slice(-1), 'order');
}

const foldCache = new Map<number, string>();

/** True when every char is an ASCII letter or digit: most names, whose key is then simply lower case. */
function isAsciiAlnum(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** Lower-case ASCII letters and digits of one non-ASCII char (`é` → `e`, `ß` → `ss`), cached per char. */
function foldChar(code: number): string {
  let folded = foldCache.get(code);
  if (folded === undefined) {
    folded = String.fromCharCode(code)
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (code === 0xdf) folded = 'ss';
    foldCache.set(code, folded);
  }
  return folded;
}

/**
 * A key for comparing names across records: lower-case, accents removed, only letters and digits kept, so
 * `Van den Broeck` = `Vandenbroeck`, `Jean-Marc` = `Jean Marc`, `Müller` = `Muller`. Not for display.
 */
export function nameKey(raw: string): string {
  if (isAsciiAlnum(raw)) return raw.toLowerCase();
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += raw[i];
    else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else if (code > 127) out += foldChar(code);
  }
  return out;
}
