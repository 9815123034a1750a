/**
 * Per-column profile of a staged file, built while the rows stream past, in bounded memory:
 * - fill rate and distinct count over every row (exact up to EXACT_DISTINCT_LIMIT distinct values, then a
 *   HyperLogLog estimate, flagged `distinctEstimated`), counted by hashes of the values' UTF-8 bytes, which
 *   lets a large file's rows be counted from their bytes on the COPY finisher's thread (`addShapes`);
 * - the inferred type from the first TYPE_SAMPLE_LIMIT non-empty values (the majority kind and its share);
 * - three masked samples of different shapes. No raw value ever leaves this module.
 */
import { type Classified, classifyValue, type ValueKind } from './classify.js';
import { ColumnCounts } from './hyperloglog.js';
import { maskValue } from './mask.js';

export { EXACT_DISTINCT_LIMIT } from './hyperloglog.js';
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

/** Empty for the profile: nothing, or only whitespace (checked when the value starts with a space). */
function isBlank(value: string | undefined): boolean {
  return value === undefined || value === '' || (value.charCodeAt(0) === 32 && value.trim() === '');
}

/** The shapes of a column's first values: their kinds (type inference) and a few masked samples. */
class ColumnShapes {
  /** Non-empty values looked at. */
  seen = 0;
  sampled = 0;
  private readonly kinds = new Map<string, number>();
  readonly samples: string[] = [];

  /** False once the column's shapes are known: later values are only counted. */
  get wanted(): boolean {
    return this.sampled < TYPE_SAMPLE_LIMIT || (this.samples.length < SAMPLE_COUNT && this.seen < SAMPLE_ATTEMPTS);
  }

  add(value: string): void {
    this.seen++;
    if (this.sampled < TYPE_SAMPLE_LIMIT) {
      this.sampled++;
      this.count(classifyValue(value));
    }
    if (this.samples.length < SAMPLE_COUNT && this.seen <= SAMPLE_ATTEMPTS) {
      const masked = maskValue(value);
      if (!this.samples.includes(masked)) this.samples.push(detach(masked));
    }
  }

  private count(classified: Classified): void {
    const key = classified.pattern === null ? classified.kind : `${classified.kind}\u0000${classified.pattern}`;
    this.kinds.set(key, (this.kinds.get(key) ?? 0) + 1);
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
  private readonly shapes: ColumnShapes[];
  /** Positions of the columns whose shapes are still wanted. */
  private wanted: number[];
  /** Fill and distinct counts of the rows added with `add`; `mergeCounts` adds the others'. */
  private readonly counts: ColumnCounts;
  private readonly headers: readonly string[];
  private readonly columnKeys: readonly (string | null)[];

  constructor(headers: readonly string[], columnKeys: readonly (string | null)[]) {
    this.headers = headers;
    this.columnKeys = columnKeys;
    this.shapes = headers.map(() => new ColumnShapes());
    this.wanted = headers.map((_, i) => i);
    this.counts = new ColumnCounts(headers.length);
  }

  /** Adds one well-formed row (as many cells as headers). Whitespace-only cells count as empty. */
  add(cells: readonly string[]): void {
    this.addShapes(cells);
    const n = this.shapes.length;
    for (let i = 0; i < n; i++) {
      const value = cells[i];
      if (!isBlank(value)) this.counts.addValue(i, value!);
    }
  }

  /**
   * Adds a well-formed row whose fill and distinct counts are kept elsewhere (see `mergeCounts`): only the
   * shapes of its columns that still want them are looked at, so most rows cost nothing here.
   */
  addShapes(cells: readonly string[]): void {
    this.rows++;
    let done = false;
    for (const i of this.wanted) {
      const value = cells[i];
      if (isBlank(value)) continue;
      const shapes = this.shapes[i]!;
      shapes.add(value!);
      if (!shapes.wanted) done = true;
    }
    if (done) this.wanted = this.wanted.filter((i) => this.shapes[i]!.wanted);
  }

  /** Adds the counts of the rows added with `addShapes`. */
  mergeCounts(counts: ColumnCounts): void {
    this.counts.merge(counts);
  }

  finish(): ColumnProfile[] {
    return this.shapes.map((shapes, position) => {
      const inferred = shapes.inferred();
      const distinct = this.counts.distinct[position]!.result();
      return {
        position,
        header: this.headers[position]!,
        columnKey: this.columnKeys[position] ?? null,
        inferredType: inferred.type,
        typeShare: inferred.share,
        pattern: inferred.pattern,
        fillRate: this.rows === 0 ? 0 : Math.round((this.counts.filled[position]! / this.rows) * 10000) / 10000,
        distinctCount: distinct.count,
        distinctEstimated: distinct.estimated,
        samples: shapes.samples,
      };
    });
  }
}
