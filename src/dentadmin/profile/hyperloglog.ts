/**
 * A tiny HyperLogLog (Flajolet et al. 2007) for distinct counts of columns with more distinct values than we
 * keep exactly. 4,096 one-byte registers: about 1.6 % standard error, 4 KB per column, whatever the row count.
 */

const PRECISION = 12;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/**
 * FNV-1a over UTF-16 code units, then murmur3's finaliser so the high bits are well mixed. Another `seed`
 * gives an independent hash of the same text.
 */
export function hash32(value: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The second hash of {@link hash32Pair}; module-level scratch, since hashing is synchronous. */
let pairSecond = 0;

/**
 * `hash32(value)` and `hash32(value, seed)` in one pass over the string; returns the first, and the second
 * through {@link secondOfPair} (read it before the next call).
 */
export function hash32Pair(value: string, seed: number): number {
  let h = 0x811c9dc5;
  let g = seed;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    h = Math.imul(h ^ code, 0x01000193);
    g = Math.imul(g ^ code, 0x01000193);
  }
  pairSecond = mix(g);
  return mix(h);
}

/** The second hash of the last {@link hash32Pair} call. */
export function secondOfPair(): number {
  return pairSecond;
}

/** murmur3's finaliser, as an unsigned 32-bit number. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HyperLogLog {
  private readonly registers = new Uint8Array(REGISTERS);

  add(value: string): void {
    const h = hash32(value);
    const index = h >>> (32 - PRECISION);
    // Rank of the first 1-bit in the remaining bits; the sentinel bit caps it when they are all zero.
    const rank = Math.clz32(((h << PRECISION) | (1 << (PRECISION - 1))) >>> 0) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
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
