/**
 * The insurers file: the seven national unions (reference §2.1, confirmed) plus synthetic local funds,
 * labelled as synthetic because the real number ↔ name list is unconfirmed (§2.2). One retired fund
 * (Actief N, valid until 31/12/2014) is listed, as real exports keep merged funds; no patient points at it.
 */

import { FUND_UNIONS } from '../../domain/funds.js';
import type { Rng } from './prng.js';

export interface Fund {
  code: string;
  nl: string;
  fr: string;
  union: string;
  active: boolean;
  /** ISO dates or null. */
  validFrom: string | null;
  validTo: string | null;
}

const union = (code: string, nl: string, fr: string): Fund => ({
  code,
  nl,
  fr,
  union: code[0] ?? '',
  active: true,
  validFrom: null,
  validTo: null,
});

const local = (code: string): Fund => ({
  code,
  nl: `Synthetisch Ziekenfonds ${code}`,
  fr: `Mutualité synthétique ${code}`,
  union: code[0] ?? '',
  active: true,
  validFrom: null,
  validTo: null,
});

export const RETIRED_FUND_CODE = '515';

export const FUNDS: readonly Fund[] = [
  union('100', 'Landsbond der Christelijke Mutualiteiten', 'Alliance nationale des mutualités chrétiennes'),
  union('200', 'Landsbond van de Neutrale Ziekenfondsen', 'Union nationale des mutualités neutres'),
  union('300', 'Nationaal Verbond van Socialistische Mutualiteiten', 'Union nationale des mutualités socialistes'),
  union('400', 'Landsbond van Liberale Mutualiteiten', 'Union nationale des mutualités libérales'),
  union('500', 'Landsbond van de Onafhankelijke Ziekenfondsen', 'Union nationale des mutualités libres'),
  union('600', 'Hulpkas voor Ziekte- en Invaliditeitsverzekering', "Caisse auxiliaire d'assurance maladie-invalidité"),
  union('900', 'Kas der Geneeskundige Verzorging van HR Rail', 'Caisse des soins de santé de HR Rail'),
  local('116'),
  local('131'),
  local('235'),
  local('306'),
  local('319'),
  local('403'),
  local('509'),
  local('526'),
  {
    code: RETIRED_FUND_CODE,
    nl: `Synthetisch Ziekenfonds ${RETIRED_FUND_CODE} (opgeheven)`,
    fr: `Mutualité synthétique ${RETIRED_FUND_CODE} (supprimée)`,
    union: '5',
    active: false,
    validFrom: null,
    validTo: '2014-12-31',
  },
];

/** Codes a clean patient may carry, with relative weights (roughly the unions' market shares). */
const ACTIVE_FUNDS: readonly [string, number][] = [
  ['100', 30],
  ['116', 6],
  ['131', 6],
  ['200', 5],
  ['235', 3],
  ['300', 10],
  ['306', 4],
  ['319', 2],
  ['400', 5],
  ['403', 3],
  ['500', 14],
  ['509', 6],
  ['526', 4],
  ['600', 1],
  ['900', 1],
];
const ACTIVE_WEIGHTS = ACTIVE_FUNDS.map(([, w]) => w);

export function pickFund(rng: Rng): string {
  return ACTIVE_FUNDS[rng.weighted(ACTIVE_WEIGHTS)]?.[0] ?? '100';
}

/**
 * Free-text spellings of a fund and the union code each resolves to (D07, `fund_alias`): the aliases of the
 * shared fund table (src/domain/funds.ts), so the validator resolves every one of them.
 */
export const FUND_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  FUND_UNIONS.flatMap((union) => union.aliases.map((alias) => [alias, union.code])),
);
const ALIAS_NAMES = Object.keys(FUND_ALIASES);

export function pickFundAlias(rng: Rng): { alias: string; code: string } {
  const alias = rng.pick(ALIAS_NAMES);
  return { alias, code: FUND_ALIASES[alias] ?? '100' };
}

/**
 * Fund values no reader can resolve (D07/D08, `fund_unknown`): codes whose first digit is no union, a lost
 * leading digit, and names of no fund. The retired fund of the insurers file is not used: its code still
 * names a union, so only a check against the insurers file could tell.
 */
export const UNKNOWN_FUND_VALUES = ['700', '750', '800', '087', 'Mutualiteit Zuid', 'Ziekenkas X'];

/** CT1/CT2 pairs a clean patient carries: both in the official lists (§2.3), VT digit consistent. */
export const CLEAN_CT_PAIRS: readonly [string, string, number][] = [
  ['110', '110', 40],
  ['100', '100', 12],
  ['111', '111', 10],
  ['101', '101', 4],
  ['120', '120', 8],
  ['121', '121', 3],
  ['130', '130', 5],
  ['131', '131', 3],
  ['140', '140', 3],
  ['141', '141', 2],
  ['150', '150', 2],
  ['151', '151', 1],
];
const CT_WEIGHTS = CLEAN_CT_PAIRS.map(([, , w]) => w);

export function pickCtPair(rng: Rng): [string, string] {
  const pair = CLEAN_CT_PAIRS[rng.weighted(CT_WEIGHTS)] ?? ['110', '110', 1];
  return [pair[0], pair[1]];
}

/** Values in neither CT list (D10, `ct_invalid`). */
export const INVALID_CT_VALUES = ['112', '200', '115', '160', '011', '999', '1100'];
