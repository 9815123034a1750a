/**
 * Distinct counts: exact up to EXACT_DISTINCT_LIMIT distinct values, then a tiny HyperLogLog (Flajolet et al.
 * 2007) of 4,096 one-byte registers (about 1.6 % standard error, 4 KB per column, whatever the row count).
 * Values are counted by two 32-bit hashes of their UTF-8 bytes, so a column can be counted from a file's
 * bytes on one thread and from strings on another and the two merged (see copy-finisher.ts).
 *
 * Imports nothing: the COPY finisher's worker thread loads this module too.
 */

export const EXACT_DISTINCT_LIMIT = 10_000;
const PRECISION = 12;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
/** FNV-1a's offset basis: the first hash's seed. */
const FIRST_SEED = 0x811c9dc5;
/** The second hash's seed. */
export const SECOND_SEED = 0x9747b28c;
const FNV_PRIME = 0x01000193;

/** murmur3's finaliser, as an unsigned 32-bit number: mixes the high bits, which the HyperLogLog reads. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * FNV-1a over UTF-16 code units, then murmur3's finaliser so the high bits are well mixed. Another `seed`
 * gives an independent hash of the same text.
 */
export function hash32(value: string, seed = FIRST_SEED): number {
  let h = seed;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return mix32(h);
}

/** The second hash of the last pair computed; module-level scratch, since hashing is synchronous. */
let pairSecond = 0;

/** The second hash of the last {@link hash32Pair} or {@link utf8HashPair} call. */
export function secondOfPair(): number {
  return pairSecond;
}

/**
 * `hash32(value)` and `hash32(value, seed)` in one pass over the string; returns the first, and the second
 * through {@link secondOfPair} (read it before the next call).
 */
export function hash32Pair(value: string, seed: number): number {
  let h = FIRST_SEED;
  let g = seed;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    h = Math.imul(h ^ code, FNV_PRIME);
    g = Math.imul(g ^ code, FNV_PRIME);
  }
  pairSecond = mix32(g);
  return mix32(h);
}

/**
 * FNV-1a of the UTF-8 bytes of `value` with both seeds (equal to `hash32Pair` for ASCII text), encoding as it
 * goes, then mixed; the second through {@link secondOfPair}. A lone surrogate counts as U+FFFD, as
 * `Buffer.from` encodes it. The COPY finisher hashes a line's bytes the same way.
 */
export function utf8HashPair(value: string): number {
  let h = FIRST_SEED;
  let g = SECOND_SEED;
  for (let i = 0; i < value.length; i++) {
    let code = value.charCodeAt(i);
    if (code < 0x80) {
      h = Math.imul(h ^ code, FNV_PRIME);
      g = Math.imul(g ^ code, FNV_PRIME);
      continue;
    }
    // Up to four UTF-8 bytes, most significant first, packed with the count in `bytes`.
    let bytes: number;
    let count: number;
    if (code < 0x800) {
      bytes = ((0xc0 | (code >> 6)) << 8) | (0x80 | (code & 0x3f));
      count = 2;
    } else {
      const next = value.charCodeAt(i + 1);
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        bytes =
          ((0xf0 | (code >> 18)) << 24) |
          ((0x80 | ((code >> 12) & 0x3f)) << 16) |
          ((0x80 | ((code >> 6) & 0x3f)) << 8) |
          (0x80 | (code & 0x3f));
        count = 4;
      } else {
        if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // a lone surrogate
        bytes = ((0xe0 | (code >> 12)) << 16) | ((0x80 | ((code >> 6) & 0x3f)) << 8) | (0x80 | (code & 0x3f));
        count = 3;
      }
    }
    for (let shift = (count - 1) * 8; shift >= 0; shift -= 8) {
      const byte = (bytes >>> shift) & 0xff;
      h = Math.imul(h ^ byte, FNV_PRIME);
      g = Math.imul(g ^ byte, FNV_PRIME);
    }
  }
  pairSecond = mix32(g);
  return mix32(h);
}

export class HyperLogLog {
  readonly registers: Uint8Array;

  constructor(registers: Uint8Array = new Uint8Array(REGISTERS)) {
    this.registers = registers;
  }

  add(value: string): void {
    this.addHash(hash32(value));
  }

  /** Adds a value by its (well mixed) 32-bit hash. */
  addHash(h: number): void {
    const index = h >>> (32 - PRECISION);
    // Rank of the first 1-bit in the remaining bits; the sentinel bit caps it when they are all zero.
    const rank = Math.clz32(((h << PRECISION) | (1 << (PRECISION - 1))) >>> 0) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Adds every value `other` has seen. */
  merge(other: HyperLogLog): void {
    for (let i = 0; i < REGISTERS; i++) {
      if (other.registers[i]! > this.registers[i]!) this.registers[i] = other.registers[i]!;
    }
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i++) {
      const r = this.registers[i]!;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small cardinalities: linear counting is more accurate than the raw estimate.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }
}

/** What a {@link DistinctCounter} holds, as plain data that can cross to another thread. */
export interface DistinctState {
  /** Pairs of hashes, (0, 0) for an empty slot; null once estimating. */
  exact: Int32Array | null;
  exactCount: number;
  /** The value whose hashes are (0, 0) was seen (it cannot be kept in a slot). */
  hasZero: boolean;
  /** HyperLogLog registers, once estimating. */
  registers: Uint8Array | null;
}

/** The distinct values of one column: kept exactly (by their hash pairs) up to the limit, then estimated. */
export class DistinctCounter {
  private exact: Int32Array | null;
  private exactCount: number;
  private hasZero: boolean;
  private hll: HyperLogLog | null;

  constructor(state: DistinctState = { exact: new Int32Array(64), exactCount: 0, hasZero: false, registers: null }) {
    this.exact = state.exact;
    this.exactCount = state.exactCount;
    this.hasZero = state.hasZero;
    this.hll = state.registers === null ? null : new HyperLogLog(state.registers);
  }

  /** True once the count is an estimate: then only the first hash of a value is used. */
  get estimating(): boolean {
    return this.hll !== null;
  }

  add(h1: number, h2: number): void {
    if (this.hll !== null) {
      this.hll.addHash(h1);
      return;
    }
    if ((h1 | h2) === 0) {
      if (!this.hasZero) {
        this.hasZero = true;
        this.grew();
      }
      return;
    }
    if ((this.exactCount + 1) * 4 > this.exact!.length) this.exact = rehash(this.exact!, this.exact!.length * 2);
    if (insertPair(this.exact!, h1, h2)) {
      this.exactCount++;
      this.grew();
    }
  }

  /** Adds every value `other` has seen. */
  merge(other: DistinctCounter): void {
    if (other.hll !== null) {
      this.toEstimate();
      this.hll!.merge(other.hll);
    }
    if (other.hasZero) this.add(0, 0);
    const pairs = other.exact;
    if (pairs === null) return;
    for (let at = 0; at < pairs.length; at += 2) {
      if ((pairs[at]! | pairs[at + 1]!) !== 0) this.add(pairs[at]!, pairs[at + 1]!);
    }
  }

  /** The count, and whether it is an estimate (never below the limit then). */
  result(): { count: number; estimated: boolean } {
    if (this.hll === null) return { count: this.exactCount + (this.hasZero ? 1 : 0), estimated: false };
    return { count: Math.max(EXACT_DISTINCT_LIMIT, this.hll.estimate()), estimated: true };
  }

  state(): DistinctState {
    return {
      exact: this.exact,
      exactCount: this.exactCount,
      hasZero: this.hasZero,
      registers: this.hll?.registers ?? null,
    };
  }

  private grew(): void {
    if (this.exactCount + (this.hasZero ? 1 : 0) > EXACT_DISTINCT_LIMIT) this.toEstimate();
  }

  private toEstimate(): void {
    if (this.hll !== null) return;
    const hll = new HyperLogLog();
    const pairs = this.exact!;
    for (let at = 0; at < pairs.length; at += 2) if ((pairs[at]! | pairs[at + 1]!) !== 0) hll.addHash(pairs[at]!);
    if (this.hasZero) hll.addHash(0);
    this.hll = hll;
    this.exact = null;
    this.exactCount = 0;
  }
}

/** Puts (h1, h2) in the open-addressing table `pairs` unless it is there; true when added. */
function insertPair(pairs: Int32Array, h1: number, h2: number): boolean {
  const mask = pairs.length / 2 - 1;
  for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
    const a = pairs[slot * 2]!;
    const b = pairs[slot * 2 + 1]!;
    if (a === (h1 | 0) && b === (h2 | 0)) return false;
    if ((a | b) === 0) {
      pairs[slot * 2] = h1;
      pairs[slot * 2 + 1] = h2;
      return true;
    }
  }
}

function rehash(pairs: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  for (let at = 0; at < pairs.length; at += 2) {
    if ((pairs[at]! | pairs[at + 1]!) !== 0) insertPair(grown, pairs[at]!, pairs[at + 1]!);
  }
  return grown;
}

/** Fill and distinct counts of a file's columns. */
export class ColumnCounts {
  readonly filled: number[];
  readonly distinct: DistinctCounter[];

  constructor(columns: number, states?: { filled: number[]; distinct: DistinctState[] }) {
    this.filled = states?.filled ?? new Array<number>(columns).fill(0);
    this.distinct = states?.distinct.map((s) => new DistinctCounter(s)) ?? [];
    for (let i = this.distinct.length; i < columns; i++) this.distinct.push(new DistinctCounter());
  }

  /** Counts a non-empty value of `column` by its two hashes. */
  add(column: number, h1: number, h2: number): void {
    this.filled[column]!++;
    this.distinct[column]!.add(h1, h2);
  }

  /** Counts a non-empty value of `column`. */
  addValue(column: number, value: string): void {
    const h1 = utf8HashPair(value);
    this.add(column, h1, secondOfPair());
  }

  merge(other: ColumnCounts): void {
    for (let i = 0; i < this.filled.length; i++) {
      this.filled[i]! += other.filled[i]!;
      this.distinct[i]!.merge(other.distinct[i]!);
    }
  }

  /** Merges counts that crossed from another thread as {@link state}. */
  mergeState(state: { filled: number[]; distinct: DistinctState[] }): void {
    this.merge(new ColumnCounts(this.filled.length, state));
  }

  /** Plain data for another thread (`new ColumnCounts(columns, counts.state())` there). */
  state(): { filled: number[]; distinct: DistinctState[] } {
    return { filled: this.filled, distinct: this.distinct.map((d) => d.state()) };
  }
}
