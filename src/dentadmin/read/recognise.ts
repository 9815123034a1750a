/**
 * Which entity a file holds, judged from its headers alone (Dutch, French or a known alias), never from its
 * file name: practices rename files, and `export (2).csv` says nothing.
 */
import iconv from 'iconv-lite';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../entities.js';

/** Below this confidence a file is reported as an unknown entity rather than guessed. */
export const MIN_CONFIDENCE = 0.5;

export interface Recognition {
  entity: EntityName | null;
  /** The best-scoring entity, even below the threshold (null when no header matched at all). */
  closest: EntityName | null;
  /**
   * In [0, 1]: the share of the file's headers the entity knows, discounted by up to half for the entity's
   * columns the file lacks. A complete export scores 1; a partial export of the right entity still scores
   * above the threshold, since the headers it has are the entity's.
   */
  confidence: number;
  /** Column key per header position for the recognised entity; null for a header it does not know. */
  columnKeys: (string | null)[];
  /** Headers that only matched once their mojibake (`PrÃ©nom`) was undone; reported, data is untouched. */
  repairedHeaders: string[];
}

/** `Prénom`, `PRENOM`, `prénom ` and `Pré-nom` all become `prenom`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The text a UTF-8 string would have had before being read as Windows-1252, or null when it was not that. */
export function undoMojibake(text: string): string | null {
  if (!/[\u00c2-\u00ef]/.test(text)) return null;
  try {
    const repaired = new TextDecoder('utf-8', { fatal: true }).decode(iconv.encode(text, 'win1252'));
    return repaired === text ? null : repaired;
  } catch {
    return null;
  }
}

/** Normalised name → column key, per entity (Dutch, French and aliases). */
const LOOKUP: ReadonlyMap<EntityName, ReadonlyMap<string, string>> = new Map(
  ENTITY_NAMES.map((name) => {
    const map = new Map<string, string>();
    for (const column of ENTITIES[name].columns) {
      for (const label of [column.nl, column.fr, ...(column.aliases ?? [])]) {
        const key = normaliseHeader(label);
        if (!map.has(key)) map.set(key, column.key);
      }
    }
    return [name, map] as const;
  }),
);

function keysFor(entity: EntityName, normalised: readonly string[]): (string | null)[] {
  const lookup = LOOKUP.get(entity)!;
  const used = new Set<string>();
  return normalised.map((name) => {
    const key = lookup.get(name);
    // A second header with the same meaning stays unknown: the first one is the column we read.
    if (key === undefined || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/** Scores every entity and keeps the best; `entity` is null when even the best is below MIN_CONFIDENCE. */
export function recogniseEntity(headers: readonly string[]): Recognition {
  const repairedHeaders: string[] = [];
  const normalised = headers.map((header) => {
    const plain = normaliseHeader(header);
    const repaired = undoMojibake(header);
    if (repaired === null) return plain;
    repairedHeaders.push(header);
    return normaliseHeader(repaired);
  });
  let best: Recognition = {
    entity: null,
    closest: null,
    confidence: 0,
    columnKeys: headers.map(() => null),
    repairedHeaders,
  };
  for (const entity of ENTITY_NAMES) {
    const columnKeys = keysFor(entity, normalised);
    const matched = columnKeys.filter((key) => key !== null).length;
    const precision = matched / headers.length;
    const recall = matched / ENTITIES[entity].columns.length;
    const confidence = precision * (0.5 + 0.5 * recall);
    if (confidence > best.confidence) best = { entity, closest: entity, confidence, columnKeys, repairedHeaders };
  }
  const confidence = Math.round(best.confidence * 1000) / 1000;
  return best.confidence < MIN_CONFIDENCE ? { ...best, entity: null, confidence } : { ...best, confidence };
}
