/**
 * Belgian sickness funds (ziekenfondsen / mutualités): the seven national unions and the names people type.
 *
 * Every fund has a 3-digit number whose first digit is its national union (domain notes §2.1, §2.2):
 * 1 Christian, 2 neutral, 3 socialist, 4 liberal, 5 independent, 6 HZIV/CAAMI, 9 HR Rail. Which local number
 * is which fund is not confirmed, so a local code such as `131` resolves to its union only.
 * Brand names map to their union; the brand list is our best knowledge (§9.2 open question), for instance
 * Helan and Partenamut under the independent union (500).
 */

export type FundUnionDigit = 1 | 2 | 3 | 4 | 5 | 6 | 9;

export interface FundUnion {
  code: '100' | '200' | '300' | '400' | '500' | '600' | '900';
  union: FundUnionDigit;
  name: { nl: string; fr: string };
  /** Brand and short names, as written (normalised for matching at load). */
  aliases: readonly string[];
}

export const FUND_UNIONS: readonly FundUnion[] = Object.freeze([
  {
    code: '100',
    union: 1,
    name: { nl: 'Landsbond der Christelijke Mutualiteiten', fr: 'Alliance nationale des mutualités chrétiennes' },
    aliases: [
      'CM',
      'MC',
      'LCM',
      'ANMC',
      'Christelijke Mutualiteit',
      'Christelijke Mutualiteiten',
      'Christelijk Ziekenfonds',
      'Mutualité Chrétienne',
      'Mutualités Chrétiennes',
      'MC Liège',
      'CM Antwerpen',
      'Christelijke Mut.',
    ],
  },
  {
    code: '200',
    union: 2,
    name: { nl: 'Landsbond van de Neutrale Ziekenfondsen', fr: 'Union nationale des mutualités neutres' },
    aliases: [
      'Neutraal Ziekenfonds',
      'Neutrale Ziekenfondsen',
      'Vlaams & Neutraal Ziekenfonds',
      'Vlaams en Neutraal Ziekenfonds',
      'VNZ',
      'LNZ',
      'UNMN',
      'Mutualité Neutre',
      'Mutualités Neutres',
    ],
  },
  {
    code: '300',
    union: 3,
    name: {
      nl: 'Nationaal Verbond van Socialistische Mutualiteiten',
      fr: 'Union nationale des mutualités socialistes',
    },
    aliases: [
      'Solidaris',
      'Socialistische Mutualiteit',
      'Socialistische Mutualiteiten',
      'Mutualité Socialiste',
      'Mutualités Socialistes',
      'NVSM',
      'UNMS',
      'Bond Moyson',
    ],
  },
  {
    code: '400',
    union: 4,
    name: { nl: 'Landsbond van Liberale Mutualiteiten', fr: 'Union nationale des mutualités libérales' },
    aliases: [
      'Liberale Mutualiteit',
      'Liberale Mutualiteiten',
      'Mutualité Libérale',
      'Mutualités Libérales',
      'LM',
      'ML',
      'LLM',
      'UNML',
    ],
  },
  {
    code: '500',
    union: 5,
    name: { nl: 'Landsbond van de Onafhankelijke Ziekenfondsen', fr: 'Union nationale des mutualités libres' },
    aliases: [
      'Helan',
      'Partenamut',
      'Onafhankelijk Ziekenfonds',
      'Onafhankelijke Ziekenfondsen',
      'Mutualité Libre',
      'Mutualités Libres',
      'LOZ',
      'MLOZ',
    ],
  },
  {
    code: '600',
    union: 6,
    name: {
      nl: 'Hulpkas voor Ziekte- en Invaliditeitsverzekering',
      fr: "Caisse auxiliaire d'assurance maladie-invalidité",
    },
    aliases: ['HZIV', 'CAAMI', 'HZIV/CAAMI', 'Hulpkas', 'Caisse auxiliaire', 'HKIV'],
  },
  {
    code: '900',
    union: 9,
    name: { nl: 'Kas der Geneeskundige Verzorging van HR Rail', fr: 'Caisse des soins de santé de HR Rail' },
    aliases: ['HR Rail', 'HRRail', 'Kas HR Rail', 'Caisse HR Rail', 'NMBS', 'SNCB'],
  },
] satisfies FundUnion[]);

export interface ResolvedFund {
  /** The fund's own 3-digit code when one was given (`131`), else its union's code (`100`). */
  code: string;
  /** The union's code: `100` … `900`. */
  unionCode: FundUnion['code'];
  union: FundUnionDigit;
  /** The union's official names (local fund names are not confirmed). */
  canonicalName: { nl: string; fr: string };
  /** `code`: a (local or union) fund number; `alias`: a name or abbreviation that needs the canonical code. */
  how: 'code' | 'alias';
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9]+/g;

/** Lower-case, accents off, every run of punctuation/space one space: `Mutualité Chrétienne` → `mutualite chretienne`. */
export function normaliseFundName(raw: string): string {
  return raw.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(NON_ALNUM, ' ').trim();
}

const BY_DIGIT = new Map<number, FundUnion>(FUND_UNIONS.map((u) => [u.union, u]));
const BY_ALIAS = new Map<string, FundUnion>();
for (const union of FUND_UNIONS) {
  BY_ALIAS.set(normaliseFundName(union.name.nl), union);
  BY_ALIAS.set(normaliseFundName(union.name.fr), union);
  for (const alias of union.aliases) BY_ALIAS.set(normaliseFundName(alias), union);
}
/** Multi-word aliases, tokenised, for abbreviated input such as `Christelijke Mut.`. */
const ALIAS_TOKENS = [...BY_ALIAS].filter(([key]) => key.includes(' ')).map(([key, u]) => [key.split(' '), u] as const);

/** A leading fund number, alone or followed by a name: `300`, `0300`, `300 - Solidaris`. */
const LEADING_CODE = /^0?([1-9]\d{2})(?:$|[^0-9])/;

function fromCode(code: string): ResolvedFund | null {
  const union = BY_DIGIT.get(code.charCodeAt(0) - 48);
  if (!union) return null;
  return { code, unionCode: union.code, union: union.union, canonicalName: union.name, how: 'code' };
}

function fromAlias(union: FundUnion): ResolvedFund {
  return { code: union.code, unionCode: union.code, union: union.union, canonicalName: union.name, how: 'alias' };
}

/** Each input token is a prefix (3+ letters) of the alias token at the same place. */
function matchesAbbreviated(tokens: readonly string[], aliasTokens: readonly string[]): boolean {
  if (tokens.length !== aliasTokens.length) return false;
  return tokens.every((t, i) => t === aliasTokens[i] || (t.length >= 3 && aliasTokens[i]!.startsWith(t)));
}

/**
 * Resolves a fund as written in an export: a 3-digit code (local codes resolve to their union, `how: 'code'`)
 * or a name/abbreviation in Dutch or French (`CM`, `Mutualité Chrétienne`, `Christelijke Mut.`, `Helan`,
 * `how: 'alias'`). Returns null for anything unknown, including codes whose first digit is no union (7xx).
 */
export function resolveFund(raw: string): ResolvedFund | null {
  const value = raw.trim();
  if (value === '') return null;
  const code = LEADING_CODE.exec(value);
  if (code) return fromCode(code[1]!);
  const key = normaliseFundName(value);
  const union = BY_ALIAS.get(key);
  if (union) return fromAlias(union);
  const tokens = key.split(' ');
  for (const [aliasTokens, candidate] of ALIAS_TOKENS) {
    if (matchesAbbreviated(tokens, aliasTokens)) return fromAlias(candidate);
  }
  return null;
}
