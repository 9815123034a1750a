/**
 * The record keys of a file as 64-bit hashes (8 bytes each, no string kept: 16 MB for a million patients),
 * so references to it can be checked while the referencing rows stream past instead of by a scan of every
 * referencing row in SQL afterwards. A key that is absent from the set is certainly absent from the file;
 * the rows found that way are candidates, confirmed in SQL against the real keys. A reference to a missing
 * record could only pass unseen if its key shared all 64 bits with another key of the file (about 2^-64 per
 * pair), the same bet as the duplicate finder's.
 */
import { hash32Pair, SECOND_SEED, secondOfPair } from '../profile/hyperloglog.js';

const INITIAL_CAPACITY = 1 << 12;

/** The two 32-bit hashes of a key, as `KeyHashSet` keeps them. */
export function keyHashOf(key: string): [number, number] {
  const h1 = hash32Pair(key, SECOND_SEED) | 0;
  return [h1, secondOfPair() | 0];
}

export class KeyHashSet {
  /** Pairs of Int32 (hash, second hash); a pair of zeros is an empty slot, so (0, 0) itself is kept aside. */
  private slots = new Int32Array(INITIAL_CAPACITY * 2);
  private count = 0;
  private hasZero = false;

  add(key: string): void {
    const h1 = hash32Pair(key, SECOND_SEED) | 0;
    this.addHash(h1, secondOfPair() | 0);
  }

  has(key: string): boolean {
    const h1 = hash32Pair(key, SECOND_SEED) | 0;
    return this.hasHash(h1, secondOfPair() | 0);
  }

  /** Adds a key by its two hashes (see `keyHashOf`). */
  addHash(h1: number, h2: number): void {
    if (h1 === 0 && h2 === 0) {
      this.hasZero = true;
      return;
    }
    // Grow at half full, where linear probing stays short.
    if (this.count * 4 >= this.slots.length) this.grow();
    if (this.insert(this.slots, h1, h2)) this.count++;
  }

  /** True when a key with these two hashes (see `keyHashOf`) was added. */
  hasHash(h1: number, h2: number): boolean {
    if (h1 === 0 && h2 === 0) return this.hasZero;
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const a = slots[slot * 2]!;
      const b = slots[slot * 2 + 1]!;
      if (a === h1 && b === h2) return true;
      if (a === 0 && b === 0) return false;
    }
  }

  /** Puts (h1, h2) in `slots` unless it is there; true when it was added. */
  private insert(slots: Int32Array, h1: number, h2: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const a = slots[slot * 2]!;
      const b = slots[slot * 2 + 1]!;
      if (a === h1 && b === h2) return false;
      if (a === 0 && b === 0) {
        slots[slot * 2] = h1;
        slots[slot * 2 + 1] = h2;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.insert(slots, old[at]!, old[at + 1]!);
    }
    this.slots = slots;
  }
}
