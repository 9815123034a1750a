/**
 * Finds patients that repeat an earlier patient's INSZ, or name and birth date, while the patients file
 * streams past, in 12 bytes per slot and no string kept (about 50 MB for a million patients, both keys).
 * Doing this in SQL after the COPY costs two sorts of the whole file (4 s for a million patients); here it
 * costs two hashes per record.
 *
 * A key is reduced to two independent 32-bit hashes (64 bits in all); two different keys are confused with
 * a probability of about 2^-64 per pair. Even then the only effect is a proposed pair that the SQL recording
 * the defect rejects, since it compares the two records' real keys.
 */
import { hash32 } from '../profile/hyperloglog.js';

export type DuplicateKind = 'insz' | 'name';

export interface DuplicateCandidate {
  line: number;
  firstLine: number;
  kind: DuplicateKind;
}

const EMPTY = -1;
const SECOND_SEED = 0x9747b28c;

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
 * Int32s side by side (hash, second hash, line) so a probe touches one cache line: at a million keys the
 * table is far bigger than any cache, and a miss per probe is its whole cost.
 */
class FirstLineTable {
  private slots = FirstLineTable.empty(1 << 12);
  private count = 0;

  private static empty(capacity: number): Int32Array {
    const slots = new Int32Array(capacity * 3);
    for (let i = 2; i < slots.length; i += 3) slots[i] = EMPTY;
    return slots;
  }

  /** Returns the first line the key (h1, h2) was seen on, or records `line` as that and returns -1. */
  firstOrAdd(h1: number, h2: number, line: number): number {
    // Grow at half full, where linear probing stays short (a million keys still fit in 2^21 slots).
    if (this.count * 2 >= this.slots.length / 3) this.grow();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const seen = slots[at + 2]!;
      if (seen === EMPTY) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = line;
        this.count++;
        return EMPTY;
      }
      if (slots[at] === h1 && slots[at + 1] === h2) return seen;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = FirstLineTable.empty((old.length / 3) * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] !== EMPTY) this.firstOrAdd(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

export class DuplicateFinder {
  private readonly insz = new FirstLineTable();
  private readonly names = new FirstLineTable();
  readonly candidates: DuplicateCandidate[] = [];

  /** Feeds one patient (in line order); a repeat of an earlier INSZ wins over a repeat of name and birth. */
  observe(line: number, insz: string | undefined, nameBirth: string | undefined): void {
    let byInsz = EMPTY;
    if (insz !== undefined) {
      // 11 digits: exact as a double; its two 32-bit halves, mixed two ways.
      const n = Number(insz);
      const lo = n >>> 0;
      const hi = (n / 0x100000000) >>> 0;
      byInsz = this.insz.firstOrAdd(
        fmix(lo ^ Math.imul(hi, 0x9e3779b1)),
        fmix(Math.imul(lo, 0x27d4eb2f) ^ hi ^ SECOND_SEED),
        line,
      );
    }
    const byName =
      nameBirth === undefined
        ? EMPTY
        : this.names.firstOrAdd(hash32(nameBirth) | 0, hash32(nameBirth, SECOND_SEED) | 0, line);
    if (byInsz !== EMPTY) this.candidates.push({ line, firstLine: byInsz, kind: 'insz' });
    else if (byName !== EMPTY) this.candidates.push({ line, firstLine: byName, kind: 'name' });
  }
}
