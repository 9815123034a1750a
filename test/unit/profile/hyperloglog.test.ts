import { describe, expect, it } from 'vitest';
import { hash32, hash32Pair, secondOfPair } from '../../../src/dentadmin/profile/hyperloglog.js';

describe('hash32Pair', () => {
  it('gives hash32 with the default seed and with the other seed, in one pass', () => {
    for (const value of ['', 'a', 'peeters|lotte|1987-03-14', 'Müller 😀', 'x'.repeat(1000)]) {
      const first = hash32Pair(value, 0x9747b28c);
      expect([first, secondOfPair()]).toEqual([hash32(value), hash32(value, 0x9747b28c)]);
    }
  });
});
