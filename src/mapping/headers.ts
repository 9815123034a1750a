/**
 * Which column key a header stands for, decided without a model: the ingest's own recognition, then exact
 * synonyms, then a synonym phrase inside a longer header, then the column's values (an INSZ column is the
 * INSZ, whatever its header). Synonyms outrank similarity on purpose: `Naam` next to `Voornaam` is the last
 * name, not the full name (field-mapping reference §4.1).
 */
import { type ColumnKind, ENTITIES, type EntityName } from '../dentadmin/entities.js';
import type { ProfileKind } from './kinds.js';
import type { ColumnProfile, SourceFile, SourceLanguage } from './sources.js';
import { EXTRA_SYNONYMS } from './synonyms.js';

/** `GezinshoofdPatNr` → `gezinshoofd pat nr`, `Remgeld %` → `remgeld pct`, `Prénom` → `prenom`, `N°` → `n nr`. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/°/g, ' nr ')
    .replace(/%/g, ' pct ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type KeyHow = 'ingest' | 'exact' | 'phrase' | 'values';

export interface ResolvedColumn {
  key: string;
  how: KeyHow;
  confidence: number;
}

const CONFIDENCE: Record<KeyHow, number> = { ingest: 0.99, exact: 0.97, phrase: 0.85, values: 0.7 };

interface Spelling {
  key: string;
  tokens: string[];
  text: string;
}

const spellingCache = new Map<EntityName, Spelling[]>();

/** Every spelling of every column of an entity: DentAdmin's nl/fr headers, its aliases and our synonyms. */
function spellingsOf(entity: EntityName): Spelling[] {
  const cached = spellingCache.get(entity);
  if (cached) return cached;
  const list: Spelling[] = [];
  for (const column of ENTITIES[entity].columns) {
    const extra = EXTRA_SYNONYMS[entity][column.key] ?? [];
    const all = new Set([column.nl, column.fr, ...(column.aliases ?? []), ...extra].map(normaliseHeader));
    for (const text of all) if (text !== '') list.push({ key: column.key, text, tokens: text.split(' ') });
  }
  spellingCache.set(entity, list);
  return list;
}

function exactKey(entity: EntityName, normalised: string): string | null {
  const keys = new Set(
    spellingsOf(entity)
      .filter((s) => s.text === normalised)
      .map((s) => s.key),
  );
  return keys.size === 1 ? [...keys][0]! : null;
}

function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** Short spellings that say too little on their own to be found inside a longer header. */
const TOO_LOOSE = new Set(['nr', 'no', 'nn', 'cp', 'bus', 'box', 'bte', 'zip', 'rrn', 'sex', 'dob', 'fdi']);

/** The longest synonym found as whole words inside the header (`GSM moeder` → mobile); loose ones never. */
function phraseKey(entity: EntityName, normalised: string): string | null {
  const tokens = normalised.split(' ');
  let best: { length: number; keys: Set<string> } = { length: 0, keys: new Set() };
  for (const spelling of spellingsOf(entity)) {
    if (spelling.text.length < 3 || TOO_LOOSE.has(spelling.text) || !containsRun(tokens, spelling.tokens)) continue;
    const length = spelling.text.length;
    if (length > best.length) best = { length, keys: new Set([spelling.key]) };
    else if (length === best.length) best.keys.add(spelling.key);
  }
  return best.keys.size === 1 ? [...best.keys][0]! : null;
}

/** Profile kinds specific enough to identify a column by its values alone, and the column kinds they fit. */
const VALUE_KINDS: Partial<Record<ProfileKind, readonly ColumnKind[]>> = {
  insz: ['insz'],
  email: ['email'],
  phone: ['phone'],
  riziv: ['riziv'],
  date: ['date'],
  timestamp: ['timestamp'],
  memo: ['memo'],
  boolean: ['boolean'],
  decimal: ['decimal'],
  amount: ['decimal'],
  percentage: ['decimal'],
};

/**
 * Resolves the headers of one file to column keys; each key is used once, strongest evidence first.
 * Headers that stay unresolved are absent from the result: they are left for the LLM or a person.
 */
export function resolveColumns(file: SourceFile): Map<string, ResolvedColumn> {
  const entity = file.entity;
  const specs = ENTITIES[entity].columns;
  const taken = new Set<string>();
  const result = new Map<string, ResolvedColumn>();
  const assign = (column: ColumnProfile, key: string, how: KeyHow) => {
    taken.add(key);
    result.set(column.header, { key, how, confidence: CONFIDENCE[how] });
  };
  const open = () => file.columns.filter((c) => !result.has(c.header));

  for (const column of file.columns) {
    const key = column.columnKey;
    if (key !== null && specs.some((s) => s.key === key) && !taken.has(key)) assign(column, key, 'ingest');
  }
  for (const column of open()) {
    const key = exactKey(entity, normaliseHeader(column.header));
    if (key !== null && !taken.has(key)) assign(column, key, 'exact');
  }
  for (const column of open()) {
    const key = phraseKey(entity, normaliseHeader(column.header));
    if (key !== null && !taken.has(key)) assign(column, key, 'phrase');
  }
  for (const column of open()) {
    const kinds = VALUE_KINDS[column.kind];
    if (kinds === undefined || column.fillRate === 0) continue;
    const free = specs.filter((s) => kinds.includes(s.kind) && !taken.has(s.key));
    // Only when one column of that kind is left: two free phone columns cannot be told apart by values.
    const sameKindOpen = open().filter((c) => c.kind === column.kind).length;
    if (free.length === 1 && sameKindOpen === 1) assign(column, free[0]!.key, 'values');
  }
  return result;
}

/** The practice language: the one whose DentAdmin headers the files match most often (Dutch on a tie). */
export function detectLanguage(files: readonly SourceFile[]): SourceLanguage {
  let nl = 0;
  let fr = 0;
  for (const file of files) {
    const specs = ENTITIES[file.entity].columns;
    for (const column of file.columns) {
      const h = normaliseHeader(column.header);
      const spec = specs.find((s) => normaliseHeader(s.nl) === h || normaliseHeader(s.fr) === h);
      if (!spec || spec.nl === spec.fr) continue;
      if (normaliseHeader(spec.nl) === h) nl++;
      else fr++;
    }
  }
  return fr > nl ? 'fr' : 'nl';
}
