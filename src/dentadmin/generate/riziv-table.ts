/**
 * The RIZIV/INAMI codes the generator uses (domain reference §1.3–1.4), with age bands, tooth kind and amounts.
 * Validity dates come from the shared dated table (src/domain/riziv-codes.ts), so what the generator calls
 * valid on a day is exactly what the validator calls valid. Age bands are the generator's own, narrower than
 * the rules where a rule moved (18 → 19), so a clean treatment is never on a boundary. Amounts are SYNTHETIC
 * (cents), not the official tariff. The `from`/`to` written here document the table and a test compares them.
 */

import { RIZIV_TABLE_START, rizivRows } from '../../domain/riziv.js';
import { parseIsoDay } from './calendar.js';

export type ToothKind = 'none' | 'permanent' | 'deciduous';

export interface GeneratorCode {
  code: string;
  nl: string;
  fr: string;
  /** ISO dates, inclusive; `to` null = still valid. */
  from: string;
  to: string | null;
  ageMin: number;
  ageMax: number;
  tooth: ToothKind;
  /** Reimbursement and patient co-payment (remgeld) in cents; the fee is their sum plus any supplement. */
  reimbursementCents: number;
  copayCents: number;
}

const OPEN = null;
const NOMEN_START = '2005-09-01';

const c = (
  code: string,
  nl: string,
  fr: string,
  from: string,
  to: string | null,
  ages: [number, number],
  tooth: ToothKind,
  amounts: [number, number],
): GeneratorCode => ({
  code,
  nl,
  fr,
  from,
  to,
  ageMin: ages[0],
  ageMax: ages[1],
  tooth,
  reimbursementCents: amounts[0],
  copayCents: amounts[1],
});

export const GENERATOR_RIZIV_CODES: readonly GeneratorCode[] = [
  // Adults (from the 19th birthday)
  c(
    '301011',
    'Raadpleging in de spreekkamer',
    'Consultation au cabinet',
    NOMEN_START,
    OPEN,
    [19, 99],
    'none',
    [2400, 600],
  ),
  c('301593', 'Jaarlijks mondonderzoek', 'Examen buccal annuel', NOMEN_START, OPEN, [19, 79], 'none', [7050, 400]),
  c(
    '301254',
    'DPSI parodontale screening',
    'DPSI dépistage parodontal',
    NOMEN_START,
    OPEN,
    [19, 99],
    'none',
    [1450, 350],
  ),
  c(
    '301372',
    'Parodontaal mondonderzoek',
    'Examen buccal parodontal',
    NOMEN_START,
    OPEN,
    [19, 54],
    'none',
    [6200, 1550],
  ),
  c(
    '301151',
    'Supplement bloedingsrisico',
    'Supplément risque hémorragique',
    NOMEN_START,
    '2022-06-30',
    [19, 99],
    'none',
    [1900, 500],
  ),
  c(
    '304975',
    'Extractie vanaf 50e verjaardag',
    'Extraction à partir du 50e anniversaire',
    '2022-07-01',
    OPEN,
    [53, 99],
    'permanent',
    [3350, 850],
  ),
  c('305130', 'Hechting van een wonde', "Suture d'une plaie", '2022-07-01', OPEN, [19, 99], 'permanent', [2800, 700]),
  c(
    '303796',
    'Bioactief dentinesubstituut',
    'Substitut dentinaire bioactif',
    '2024-01-01',
    OPEN,
    [19, 99],
    'permanent',
    [2600, 650],
  ),
  c(
    '307090',
    'Panoramische radiografie (analoog)',
    'Radiographie panoramique (analogique)',
    NOMEN_START,
    '2024-03-31',
    [19, 99],
    'none',
    [3200, 800],
  ),
  c(
    '307274',
    'Panoramische radiografie (digitaal)',
    'Radiographie panoramique (numérique)',
    NOMEN_START,
    '2024-03-31',
    [19, 99],
    'none',
    [3200, 800],
  ),
  c(
    '307296',
    'Panoramische radiografie analoog',
    'Radiographie panoramique analogique',
    '2024-04-01',
    OPEN,
    [19, 99],
    'none',
    [3300, 830],
  ),
  c(
    '389675',
    'Standaardafdruk (pseudocode)',
    'Empreinte standard (pseudocode)',
    '2017-09-01',
    OPEN,
    [50, 99],
    'none',
    [0, 0],
  ),
  c(
    '306935',
    'Volledige onderprothese',
    'Prothèse complète inférieure',
    NOMEN_START,
    OPEN,
    [50, 99],
    'none',
    [48000, 12000],
  ),
  // Children (before the 18th birthday)
  c('371033', 'Raadpleging (< 19 j)', 'Consultation (< 19 ans)', NOMEN_START, OPEN, [0, 17], 'none', [2700, 0]),
  c(
    '371556',
    'Mondonderzoek 1e semester',
    'Examen buccal 1er semestre',
    NOMEN_START,
    '2018-01-31',
    [1, 17],
    'none',
    [5450, 0],
  ),
  c(
    '371615',
    'Preventief mondonderzoek 1e semester',
    'Examen buccal préventif 1er semestre',
    '2018-02-01',
    OPEN,
    [1, 17],
    'none',
    [5450, 0],
  ),
  c(
    '371571',
    'Preventief mondonderzoek 2e semester',
    'Examen buccal préventif 2e semestre',
    NOMEN_START,
    OPEN,
    [1, 17],
    'none',
    [5450, 0],
  ),
  c(
    '371151',
    'Supplement bloedingsrisico (< 18 j)',
    'Supplément risque hémorragique (< 18 ans)',
    NOMEN_START,
    '2022-06-30',
    [3, 17],
    'none',
    [1900, 0],
  ),
  c(
    '373811',
    'Vulling melktand 1 vlak',
    'Obturation dent de lait 1 face',
    NOMEN_START,
    OPEN,
    [3, 11],
    'deciduous',
    [3900, 0],
  ),
  c(
    '373833',
    'Vulling melktand 2 vlakken',
    'Obturation dent de lait 2 faces',
    NOMEN_START,
    OPEN,
    [3, 11],
    'deciduous',
    [5100, 0],
  ),
  c(
    '373855',
    'Vulling melktand 3 of meer vlakken',
    'Obturation dent de lait 3 faces ou plus',
    NOMEN_START,
    OPEN,
    [3, 11],
    'deciduous',
    [6200, 0],
  ),
  c(
    '373892',
    'Vulling blijvende tand 1 vlak (< 15 j)',
    'Obturation dent définitive 1 face (< 15 ans)',
    NOMEN_START,
    OPEN,
    [7, 14],
    'permanent',
    [4200, 0],
  ),
  c(
    '373914',
    'Vulling blijvende tand 2 vlakken (< 15 j)',
    'Obturation dent définitive 2 faces (< 15 ans)',
    NOMEN_START,
    OPEN,
    [7, 14],
    'permanent',
    [5600, 0],
  ),
  c(
    '373936',
    'Vulling blijvende tand 3 vlakken (< 15 j)',
    'Obturation dent définitive 3 faces (< 15 ans)',
    NOMEN_START,
    OPEN,
    [7, 14],
    'permanent',
    [6900, 0],
  ),
  c(
    '374371',
    'Vulling 1 vlak (15-18 j)',
    'Obturation 1 face (15-18 ans)',
    NOMEN_START,
    OPEN,
    [15, 17],
    'permanent',
    [4200, 0],
  ),
  c(
    '374393',
    'Vulling 2 vlakken (15-18 j)',
    'Obturation 2 faces (15-18 ans)',
    NOMEN_START,
    OPEN,
    [15, 17],
    'permanent',
    [5600, 0],
  ),
  c(
    '374415',
    'Vulling 3 vlakken (15-18 j)',
    'Obturation 3 faces (15-18 ans)',
    NOMEN_START,
    OPEN,
    [15, 17],
    'permanent',
    [6900, 0],
  ),
  c(
    '374312',
    'Wortelkanaalbehandeling 1 kanaal',
    'Traitement radiculaire 1 canal',
    NOMEN_START,
    OPEN,
    [7, 17],
    'permanent',
    [7400, 0],
  ),
  c('374975', 'Extractie (< 18 j)', 'Extraction (< 18 ans)', '2022-07-01', OPEN, [5, 17], 'permanent', [3350, 0]),
  c(
    '373796',
    'Bioactief dentinesubstituut (< 19 j)',
    'Substitut dentinaire bioactif (< 19 ans)',
    '2024-01-01',
    OPEN,
    [7, 17],
    'permanent',
    [2600, 0],
  ),
  c(
    '377090',
    'Panoramische radiografie 7-18 j (analoog)',
    'Radiographie panoramique 7-18 ans (analogique)',
    NOMEN_START,
    '2024-03-31',
    [7, 17],
    'none',
    [3200, 0],
  ),
  c(
    '377274',
    'Panoramische radiografie 7-18 j (digitaal)',
    'Radiographie panoramique 7-18 ans (numérique)',
    NOMEN_START,
    '2024-03-31',
    [7, 17],
    'none',
    [3200, 0],
  ),
  c(
    '377296',
    'Panoramische radiografie 7-19 j analoog',
    'Radiographie panoramique 7-19 ans analogique',
    '2024-04-01',
    OPEN,
    [7, 17],
    'none',
    [3300, 0],
  ),
  c(
    '377311',
    'Panoramische radiografie 7-19 j digitaal',
    'Radiographie panoramique 7-19 ans numérique',
    '2024-04-01',
    OPEN,
    [7, 17],
    'none',
    [3300, 0],
  ),
];

/** A code with its validity as day numbers, for the hot loop. */
export interface DatedCode extends GeneratorCode {
  fromDay: number;
  toDay: number;
}

const FAR_FUTURE_DAY = 1_000_000;
const FAR_PAST_DAY = -1_000_000;

/** Validity as the shared table has it; the table's start date means "since before the table" there. */
function sharedValidity(code: string): { fromDay: number; toDay: number } {
  const row = rizivRows(code).find((r) => r.code === code);
  if (!row) throw new Error(`generator code ${code} is not in the shared RIZIV table`);
  return {
    fromDay: row.validFrom === RIZIV_TABLE_START ? FAR_PAST_DAY : parseIsoDay(row.validFrom),
    toDay: row.validTo === null ? FAR_FUTURE_DAY : parseIsoDay(row.validTo),
  };
}

export const DATED_CODES: readonly DatedCode[] = GENERATOR_RIZIV_CODES.map((code) => ({
  ...code,
  ...sharedValidity(code.code),
}));

/** Codes valid on `day` for a patient of `age`. */
export function codesFor(day: number, age: number): DatedCode[] {
  return DATED_CODES.filter((c) => c.fromDay <= day && day <= c.toDay && c.ageMin <= age && age <= c.ageMax);
}

/** Codes already retired (or not yet introduced) on `day` that would otherwise fit the patient's age (D22). */
export function invalidCodesFor(day: number, age: number): DatedCode[] {
  return DATED_CODES.filter((c) => (day > c.toDay || day < c.fromDay) && c.ageMin <= age && age <= c.ageMax);
}

/** Mod-7 plausibility heuristic of the reference §1.2: digit 6 == (digits 1–5) mod 7. */
export function passesMod7(code: string): boolean {
  return /^\d{6}$/.test(code) && Number(code.slice(0, 5)) % 7 === Number(code[5]);
}

/** Non-reimbursed work written without a nomenclature code (amounts synthetic, cents). */
export interface PrivateItem {
  nl: string;
  fr: string;
  cents: number;
  tooth: ToothKind;
  ageMin: number;
}

export const PRIVATE_ITEMS: readonly PrivateItem[] = [
  { nl: 'Bleking (niet terugbetaald)', fr: 'Blanchiment (non remboursé)', cents: 25000, tooth: 'none', ageMin: 18 },
  {
    nl: 'Keramische kroon (niet terugbetaald)',
    fr: 'Couronne céramique (non remboursée)',
    cents: 85000,
    tooth: 'permanent',
    ageMin: 18,
  },
  { nl: 'Implantaat', fr: 'Implant', cents: 210000, tooth: 'permanent', ageMin: 20 },
  { nl: 'Tandsteenverwijdering (ereloon)', fr: 'Détartrage (honoraires)', cents: 6800, tooth: 'none', ageMin: 12 },
  { nl: 'Sealing', fr: 'Scellement de sillons', cents: 3500, tooth: 'permanent', ageMin: 6 },
  { nl: 'Mondhygiënesessie', fr: "Séance d'hygiène bucco-dentaire", cents: 7500, tooth: 'none', ageMin: 3 },
];

/** Days where the set of valid codes changes; between two of them `codesFor` gives the same answer. */
const BOUNDARIES: readonly number[] = [...new Set(DATED_CODES.flatMap((c) => [c.fromDay, c.toDay + 1]))].sort(
  (a, b) => a - b,
);
const codeCache = new Map<number, readonly DatedCode[]>();

function periodOf(day: number): number {
  let period = 0;
  while (period < BOUNDARIES.length && (BOUNDARIES[period] ?? Number.POSITIVE_INFINITY) <= day) period++;
  return period;
}

/** Cached `codesFor`: the hot loop asks this millions of times for a few hundred distinct answers. */
export function validCodes(day: number, age: number): readonly DatedCode[] {
  const key = periodOf(day) * 200 + Math.min(Math.max(age, 0), 199);
  let codes = codeCache.get(key);
  if (!codes) {
    codes = codesFor(day, age);
    codeCache.set(key, codes);
  }
  return codes;
}

/** Surfaces a filling code covers (1, 2, 3 or more), 0 when the code is not a filling. */
export function surfaceCount(code: string): number {
  if (code === '373811' || code === '373892' || code === '374371') return 1;
  if (code === '373833' || code === '373914' || code === '374393') return 2;
  if (code === '373855' || code === '373936' || code === '374415') return 3;
  return 0;
}
