/**
 * Keeps clean patients from looking like duplicates by accident. The validator calls two patients the same
 * person when they share name and birth date, unless both carry (different) INSZ numbers; with a million
 * patients and a few per cent without INSZ, such pairs would otherwise turn up by chance. Two bitsets of
 * hashed keys (8 MB each) remember what was written; a hash clash only costs a redrawn first name.
 */

import { nameKey } from '../../domain/names.js';

const BITS = 26;
const MASK = (1 << BITS) - 1;

function hashKey(last: string, first: string, birthDay: number): number {
  const text = `${nameKey(last)}|${nameKey(first)}|${birthDay}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & MASK;
}

const has = (bits: Uint32Array, key: number): boolean => ((bits[key >>> 5] ?? 0) & (1 << (key & 31))) !== 0;

function set(bits: Uint32Array, key: number): void {
  bits[key >>> 5] = (bits[key >>> 5] ?? 0) | (1 << (key & 31));
}

export class NameBirthGuard {
  private readonly everyone = new Uint32Array(1 << (BITS - 5));
  private readonly withoutInsz = new Uint32Array(1 << (BITS - 5));

  /** True when a patient with this name and birth day could pass for an earlier one. */
  clashes(last: string, first: string, birthDay: number, hasInsz: boolean): boolean {
    const key = hashKey(last, first, birthDay);
    return hasInsz ? has(this.withoutInsz, key) : has(this.everyone, key);
  }

  add(last: string, first: string, birthDay: number, hasInsz: boolean): void {
    const key = hashKey(last, first, birthDay);
    set(this.everyone, key);
    if (!hasInsz) set(this.withoutInsz, key);
  }
}
