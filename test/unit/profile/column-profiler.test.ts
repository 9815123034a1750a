import { describe, expect, it } from 'vitest';
import { EXACT_DISTINCT_LIMIT, FileProfiler } from '../../../src/dentadmin/profile/column-profiler.js';
import { HyperLogLog } from '../../../src/dentadmin/profile/hyperloglog.js';

describe('FileProfiler', () => {
  it('profiles each column: type and its share, pattern, fill rate, distinct count, masked samples', () => {
    const profiler = new FileProfiler(
      ['PatNr', 'Naam', 'Geboortedatum', 'Actief', 'Eigen'],
      ['patient_id', 'last_name', 'birth_date', 'active', null],
    );
    const names = ['Peeters', 'Janssens', 'Maes', 'Peeters'];
    names.forEach((name, i) => {
      profiler.add([String(1001 + i), name, i === 3 ? '1987-03-14' : `1${i}/03/1987`, 'J', i === 0 ? 'x' : '']);
    });
    const [id, name, birth, active, extra] = profiler.finish();
    expect(id).toMatchObject({
      position: 0,
      header: 'PatNr',
      columnKey: 'patient_id',
      inferredType: 'integer',
      typeShare: 1,
      fillRate: 1,
      distinctCount: 4,
      distinctEstimated: false,
    });
    expect(name).toMatchObject({ inferredType: 'text', distinctCount: 3, samples: ['Aaaaaaa', 'Aaaaaaaa', 'Aaaa'] });
    expect(birth).toMatchObject({
      inferredType: 'date',
      typeShare: 1,
      pattern: 'dd/MM/yyyy',
      samples: ['99/99/9999', '9999-99-99'],
    });
    expect(active).toMatchObject({ inferredType: 'boolean', distinctCount: 1, samples: ['A'] });
    expect(extra).toMatchObject({ columnKey: null, fillRate: 0.25 });
  });

  it('never stores a raw value in a profile', () => {
    const profiler = new FileProfiler(['Naam', 'E-mail'], ['last_name', 'email']);
    profiler.add(['Peeters', 'lotte.peeters@example.be']);
    const json = JSON.stringify(profiler.finish());
    expect(json).not.toMatch(/Peeters|lotte|example/);
  });

  it('reports an empty column as empty', () => {
    const profiler = new FileProfiler(['Bus'], ['box']);
    profiler.add(['']);
    profiler.add(['  ']);
    expect(profiler.finish()[0]).toMatchObject({ inferredType: 'empty', fillRate: 0, distinctCount: 0, samples: [] });
  });

  it('switches to an estimate above the exact limit', () => {
    const profiler = new FileProfiler(['PatNr'], ['patient_id']);
    const n = EXACT_DISTINCT_LIMIT * 5;
    for (let i = 0; i < n; i++) profiler.add([String(100000 + i)]);
    const [profile] = profiler.finish();
    expect(profile!.distinctEstimated).toBe(true);
    expect(Math.abs(profile!.distinctCount - n) / n).toBeLessThan(0.05);
  });
});

describe('HyperLogLog', () => {
  it('estimates within a few percent, small and large', () => {
    for (const n of [100, 5_000, 200_000]) {
      const hll = new HyperLogLog();
      for (let i = 0; i < n; i++) hll.add(`value-${i}`);
      for (let i = 0; i < n; i++) hll.add(`value-${i}`);
      expect(Math.abs(hll.estimate() - n) / n).toBeLessThan(0.05);
    }
  });
});
