/**
 * Finds each date column's dominant pattern family, for `date_format_mixed`.
 *
 * A mixed column can only be recognised once the column's usual pattern is known, and that needs a pass
 * over the data. Ferry's choice: the caller feeds records to a tracker during a first pass (the profile
 * pass, or the first few thousand rows when a second full pass is too expensive) and hands
 * `dominantPatterns()` to `createRecordValidator` as `options.dominantPatterns`. Observing costs one
 * `patternOf` per date cell and a counter increment.
 */
import { datePatternFamily, patternOf } from '../../domain/dates.js';
import type { EntityName } from '../entities.js';
import { dateKeys } from './entity-rules.js';
import type { RecordCells } from './types.js';

export interface PatternTracker {
  /** Counts the pattern family of each non-empty date/timestamp cell of the record. */
  observe(cells: RecordCells): void;
  /**
   * The most frequent family per column key (`d/M/yyyy`, `yyyy-MM-dd`, …); ties go to the family seen first.
   * Columns without any readable date are absent.
   */
  dominantPatterns(): Map<string, string>;
}

export function createPatternTracker(entity: EntityName): PatternTracker {
  const keys = dateKeys(entity);
  const counts = new Map<string, Map<string, number>>(keys.map((k) => [k, new Map()]));
  return {
    observe(cells) {
      for (const key of keys) {
        const raw = cells[key];
        if (raw === undefined || raw === '') continue;
        const pattern = patternOf(raw);
        if (pattern === null) continue;
        const family = datePatternFamily(pattern);
        const perKey = counts.get(key)!;
        perKey.set(family, (perKey.get(family) ?? 0) + 1);
      }
    },
    dominantPatterns() {
      const result = new Map<string, string>();
      for (const [key, perKey] of counts) {
        let best: string | undefined;
        let bestCount = 0;
        for (const [family, count] of perKey) {
          if (count > bestCount) {
            best = family;
            bestCount = count;
          }
        }
        if (best !== undefined) result.set(key, best);
      }
      return result;
    },
  };
}
