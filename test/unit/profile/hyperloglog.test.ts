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

describe('utf8HashPair', () => {
  it('hashes the UTF-8 bytes Buffer.from gives, lone surrogates as U+FFFD', async () => {
    const { ColumnCounts } = await import('../../../src/dentadmin/profile/hyperloglog.js');
    for (const value of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'Zoë Müller-Ø 日本 😀😀']) {
      const fromString = new ColumnCounts(1);
      fromString.addValue(0, value);
      const bytes = Buffer.from(value, 'utf8');
      const fromBytes = new ColumnCounts(1);
      let h = 0x811c9dc5;
      let g = 0x9747b28c;
      for (const byte of bytes) {
        h = Math.imul(h ^ byte, 0x01000193);
        g = Math.imul(g ^ byte, 0x01000193);
      }
      const mix = (x: number) => {
        let v = x;
        v ^= v >>> 16;
        v = Math.imul(v, 0x85ebca6b);
        v ^= v >>> 13;
        v = Math.imul(v, 0xc2b2ae35);
        v ^= v >>> 16;
        return v >>> 0;
      };
      fromBytes.add(0, mix(h), mix(g));
      expect(fromString.state()).toEqual(fromBytes.state());
    }
  });
});
