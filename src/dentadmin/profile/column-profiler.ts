/**
 * Per-column profile of a staged file, built while the rows stream past, in bounded memory:
 * - fill rate and distinct count over every row (exact up to EXACT_DISTINCT_LIMIT distinct values, then a
 *   HyperLogLog estimate, flagged `distinctEstimated`);
 * - the inferred type from the first TYPE_SAMPLE_LIMIT non-empty values (the majority kind and its share);
 * - three masked samples of different shapes. No raw value ever leaves this module.
 */
import { type Classified, classifyValue, type ValueKind } from './classify.js';
import { HyperLogLog } from './hyperloglog.js';
import { maskValue } from './mask.js';

export const EXACT_DISTINCT_LIMIT = 10_000;
export const TYPE_SAMPLE_LIMIT = 10_000;
export const SAMPLE_COUNT = 3;
/** Values looked at for samples of different shapes; a column of one shape stops looking after these. */
const SAMPLE_ATTEMPTS = 200;

export type InferredType = ValueKind | 'empty';

/** What the field-map proposer may know about a column: shapes and counts, never a value. */
export interface ColumnProfile {
  position: number;
  header: string;
  columnKey: string | null;
  inferredType: InferredType;
  /** Share of the sampled non-empty values that have the inferred type. */
  typeShare: number;
  /** Date/timestamp pattern (`dd/MM/yyyy`) or decimal mark (`9,99`) of the inferred type, else null. */
  pattern: string | null;
  /** Share of rows with a non-empty value. */
  fillRate: number;
  distinctCount: number;
  distinctEstimated: boolean;
  /** Up to three masked values (`Aaaaa`, `99/99/9999`). */
  samples: string[];
}

/** A copy that does not keep the whole input chunk alive (V8 slices share their parent string). */
function detach(value: string): string {
  return ` ${value}`.slice(1);
}

class ColumnStats {
  filled = 0;
  sampled = 0;
  private exact: Set<string> | null = new Set();
  private hll: HyperLogLog | null = null;
  private readonly kinds = new Map<string, number>();
  readonly samples: string[] = [];

  add(value: string): void {
    this.filled++;
    if (this.exact !== null) {
      if (!this.exact.has(value)) {
        this.exact.add(detach(value));
        if (this.exact.size > EXACT_DISTINCT_LIMIT) this.switchToEstimate();
      }
    } else this.hll!.add(value);
    if (this.sampled < TYPE_SAMPLE_LIMIT) {
      this.sampled++;
      this.count(classifyValue(value));
    }
    if (this.samples.length < SAMPLE_COUNT && this.filled <= SAMPLE_ATTEMPTS) {
      const masked = maskValue(value);
      if (!this.samples.includes(masked)) this.samples.push(detach(masked));
    }
  }

  private switchToEstimate(): void {
    const hll = new HyperLogLog();
    for (const value of this.exact!) hll.add(value);
    this.hll = hll;
    this.exact = null;
  }

  private count(classified: Classified): void {
    const key = classified.pattern === null ? classified.kind : `${classified.kind}\u0000${classified.pattern}`;
    this.kinds.set(key, (this.kinds.get(key) ?? 0) + 1);
  }

  distinct(): { count: number; estimated: boolean } {
    if (this.exact !== null) return { count: this.exact.size, estimated: false };
    return { count: Math.max(EXACT_DISTINCT_LIMIT, this.hll!.estimate()), estimated: true };
  }

  /** The majority kind (its patterns pooled) and its most common pattern. */
  inferred(): { type: InferredType; share: number; pattern: string | null } {
    if (this.sampled === 0) return { type: 'empty', share: 0, pattern: null };
    const byKind = new Map<string, { total: number; pattern: string | null; patternCount: number }>();
    for (const [key, n] of this.kinds) {
      const [kind, pattern = null] = key.split('\u0000');
      const entry = byKind.get(kind!) ?? { total: 0, pattern: null, patternCount: 0 };
      entry.total += n;
      if (pattern !== null && n > entry.patternCount) {
        entry.pattern = pattern;
        entry.patternCount = n;
      }
      byKind.set(kind!, entry);
    }
    let best: [string, { total: number; pattern: string | null }] | null = null;
    for (const entry of byKind) if (best === null || entry[1].total > best[1].total) best = entry;
    const [type, { total, pattern }] = best!;
    return { type: type as InferredType, share: Math.round((total / this.sampled) * 1000) / 1000, pattern };
  }
}

export class FileProfiler {
  private rows = 0;
  private readonly columns: ColumnStats[];

  constructor(
    private readonly headers: readonly string[],
    private readonly columnKeys: readonly (string | null)[],
  ) {
    this.columns = headers.map(() => new ColumnStats());
  }

  /** Adds one well-formed row (as many cells as headers). Whitespace-only cells count as empty. */
  add(cells: readonly string[]): void {
    this.rows++;
    const n = this.columns.length;
    for (let i = 0; i < n; i++) {
      const value = cells[i];
      if (value === undefined || value === '') continue;
      if (value.charCodeAt(0) === 32 && value.trim() === '') continue;
      this.columns[i]!.add(value);
    }
  }

  finish(): ColumnProfile[] {
    return this.columns.map((stats, position) => {
      const inferred = stats.inferred();
      const distinct = stats.distinct();
      return {
        position,
        header: this.headers[position]!,
        columnKey: this.columnKeys[position] ?? null,
        inferredType: inferred.type,
        typeShare: inferred.share,
        pattern: inferred.pattern,
        fillRate: this.rows === 0 ? 0 : Math.round((stats.filled / this.rows) * 10000) / 10000,
        distinctCount: distinct.count,
        distinctEstimated: distinct.estimated,
        samples: stats.samples,
      };
    });
  }
}
