/**
 * Finds patients that repeat an earlier patient's INSZ, or name and birth date: their keys are hashed while
 * the patients file streams past, in 12 bytes per key and no string kept (24 MB for a million patients,
 * both keys), and compared once it is read. Doing this in SQL after the COPY costs two sorts of the whole
 * file (4 s for a million patients); here it costs two hashes per record.
 *
 * A key is reduced to two independent 32-bit hashes (64 bits in all); two different keys are confused with
 * a probability of about 2^-64 per pair. Even then the only effect is a proposed pair that the SQL recording
 * the defect rejects, since it compares the two records' real keys.
 */
import { hash32Pair, SECOND_SEED, secondOfPair } from '../profile/hyperloglog.js';

export type DuplicateKind = 'insz' | 'name';

export interface DuplicateCandidate {
  line: number;
  firstLine: number;
  kind: DuplicateKind;
}

const EMPTY = -1;

/** murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * An open-addressing map from a 64-bit hashed key to the first line it was seen on. Each slot is three
 * Int32s side by side (hash, second hash, line) so a probe touches one cache line.
 */
class FirstLineTable {
  private slots: Int32Array;
  private readonly mask: number;

  /** A table for up to `keys` keys, kept at most half full, where linear probing stays short. */
  constructor(keys: number) {
    let capacity = 16;
    while (capacity < keys * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
    this.clear();
  }

  clear(): void {
    const slots = this.slots;
    for (let i = 2; i < slots.length; i += 3) slots[i] = EMPTY;
  }

  /** Returns the first line the key (h1, h2) was seen on, or records `line` as that and returns -1. */
  firstOrAdd(h1: number, h2: number, line: number): number {
    const slots = this.slots;
    for (let slot = h1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * 3;
      const seen = slots[at + 2]!;
      if (seen === EMPTY) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = line;
        return EMPTY;
      }
      if (slots[at] === h1 && slots[at + 1] === h2) return seen;
    }
  }
}

/** Buckets the keys are split into before looking for repeats: 2^8, by the top bits of the first hash. */
const BUCKET_BITS = 8;

/**
 * The hashed keys of one kind (INSZ, or name and birth date) in line order: 12 bytes each, appended as the
 * file streams past, looked at once at the end. A single table of a million keys is far bigger than any
 * cache, so a look-up there costs a cache miss; split by the top bits of the hash into 256 buckets (one
 * sequential pass, order kept), each bucket's table stays in cache.
 */
class KeyLog {
  private data = new Int32Array(3 * 1024);
  private count = 0;

  add(h1: number, h2: number, line: number): void {
    if ((this.count + 1) * 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.count * 3;
    this.data[at] = h1;
    this.data[at + 1] = h2;
    this.data[at + 2] = line;
    this.count++;
  }

  /** Adds `line → first line` for every key that repeats one seen on an earlier line. */
  repeats(into: Map<number, number>): void {
    const { data, count } = this;
    const shift = 32 - BUCKET_BITS;
    const starts = new Int32Array((1 << BUCKET_BITS) + 1);
    for (let i = 0; i < count; i++) starts[(data[i * 3]! >>> shift) + 1]!++;
    let largest = 0;
    for (let b = 0; b < 1 << BUCKET_BITS; b++) {
      largest = Math.max(largest, starts[b + 1]!);
      starts[b + 1]! += starts[b]!;
    }
    const sorted = new Int32Array(count * 3);
    const next = starts.slice(0, 1 << BUCKET_BITS);
    for (let i = 0; i < count; i++) {
      const to = next[data[i * 3]! >>> shift]!++ * 3;
      sorted[to] = data[i * 3]!;
      sorted[to + 1] = data[i * 3 + 1]!;
      sorted[to + 2] = data[i * 3 + 2]!;
    }
    const table = new FirstLineTable(largest);
    for (let b = 0; b < 1 << BUCKET_BITS; b++) {
      if (starts[b] === starts[b + 1]) continue;
      table.clear();
      for (let i = starts[b]!; i < starts[b + 1]!; i++) {
        const first = table.firstOrAdd(sorted[i * 3]!, sorted[i * 3 + 1]!, sorted[i * 3 + 2]!);
        if (first !== EMPTY) into.set(sorted[i * 3 + 2]!, first);
      }
    }
  }
}

export class DuplicateFinder {
  private readonly insz = new KeyLog();
  private readonly names = new KeyLog();
  private found: DuplicateCandidate[] | null = null;

  /** Feeds one patient (in line order). */
  observe(line: number, insz: string | undefined, nameBirth: string | undefined): void {
    if (insz !== undefined) {
      // 11 digits: exact as a double; its two 32-bit halves, mixed two ways.
      const n = Number(insz);
      const lo = n >>> 0;
      const hi = (n / 0x100000000) >>> 0;
      this.insz.add(fmix(lo ^ Math.imul(hi, 0x9e3779b1)), fmix(Math.imul(lo, 0x27d4eb2f) ^ hi ^ SECOND_SEED), line);
    }
    if (nameBirth !== undefined) {
      const h1 = hash32Pair(nameBirth, SECOND_SEED) | 0;
      this.names.add(h1, secondOfPair() | 0, line);
    }
  }

  /**
   * The patients that repeat an earlier one, in line order, each with the first line of its kind; a repeat
   * of an earlier INSZ wins over a repeat of name and birth date. Call once every patient is observed.
   */
  get candidates(): readonly DuplicateCandidate[] {
    if (this.found !== null) return this.found;
    const byInsz = new Map<number, number>();
    const byName = new Map<number, number>();
    this.insz.repeats(byInsz);
    this.names.repeats(byName);
    const found: DuplicateCandidate[] = [];
    for (const [line, firstLine] of byInsz) found.push({ line, firstLine, kind: 'insz' });
    for (const [line, firstLine] of byName) if (!byInsz.has(line)) found.push({ line, firstLine, kind: 'name' });
    found.sort((a, b) => a.line - b.line);
    this.found = found;
    return found;
  }
}
