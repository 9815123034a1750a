import { describe, expect, it } from 'vitest';
import { DuplicateFinder } from '../../../src/dentadmin/ingest/duplicate-finder.js';
import { KeyHashSet } from '../../../src/dentadmin/ingest/key-hashes.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('DuplicateFinder', () => {
  it('proposes what a map of every key to its first line proposes, INSZ first', () => {
    const next = random(7);
    const finder = new DuplicateFinder();
    const firstInsz = new Map<string, number>();
    const firstName = new Map<string, number>();
    const expected: { line: number; firstLine: number; kind: 'insz' | 'name' }[] = [];
    let line = 2;
    for (let i = 0; i < 60_000; i++) {
      line += next() < 0.05 ? 3 : 1; // multi-line records and ragged rows leave gaps
      const insz = next() < 0.1 ? undefined : String(10_000_000_000 + Math.floor(next() * 50_000));
      const name = next() < 0.1 ? undefined : `name${Math.floor(next() * 40_000)}|x|1987-03-14`;
      finder.observe(line, insz, name);
      const byInsz = insz === undefined ? undefined : firstInsz.get(insz);
      const byName = name === undefined ? undefined : firstName.get(name);
      if (insz !== undefined && byInsz === undefined) firstInsz.set(insz, line);
      if (name !== undefined && byName === undefined) firstName.set(name, line);
      if (byInsz !== undefined) expected.push({ line, firstLine: byInsz, kind: 'insz' });
      else if (byName !== undefined) expected.push({ line, firstLine: byName, kind: 'name' });
    }
    expect(expected.length).toBeGreaterThan(10_000);
    expect(finder.candidates).toEqual(expected);
  });

  it('has no candidates without repeats', () => {
    const finder = new DuplicateFinder();
    finder.observe(2, '87031412345', 'a|b|1987-03-14');
    finder.observe(3, undefined, undefined);
    expect(finder.candidates).toEqual([]);
  });
});

describe('KeyHashSet', () => {
  it('knows the keys it was given and no others', () => {
    const set = new KeyHashSet();
    for (let i = 0; i < 50_000; i++) set.add(`P${i}`);
    set.add('');
    for (let i = 0; i < 50_000; i++) expect(set.has(`P${i}`)).toBe(true);
    for (let i = 50_000; i < 60_000; i++) expect(set.has(`P${i}`)).toBe(false);
    expect(set.has('')).toBe(true);
    expect(set.has('p0')).toBe(false);
  });
});
