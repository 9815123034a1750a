import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  formatDay,
  parseIsoDay,
  weekday,
} from '../../../src/dentadmin/generate/calendar.js';
import { csvField, encodeText } from '../../../src/dentadmin/generate/csv-sink.js';
import { FUND_ALIASES, FUNDS, UNKNOWN_FUND_VALUES } from '../../../src/dentadmin/generate/funds.js';
import { breakInszChecksum, InszRegistry, isValidInsz, makeInsz } from '../../../src/dentadmin/generate/identity.js';
import * as people from '../../../src/dentadmin/generate/people-data.js';
import { Rng } from '../../../src/dentadmin/generate/prng.js';
import { GENERATOR_RIZIV_CODES, passesMod7 } from '../../../src/dentadmin/generate/riziv-table.js';
import { resolveFund } from '../../../src/domain/funds.js';
import * as sharedInsz from '../../../src/domain/insz.js';
import { RIZIV_TABLE_START, rizivRows } from '../../../src/domain/riziv.js';

describe('INSZ helpers', () => {
  test('build the reference test vectors', () => {
    expect(makeInsz({ y: 1993, m: 5, d: 18 }, 223)).toBe('93051822361');
    expect(makeInsz({ y: 1987, m: 3, d: 14 }, 124)).toBe('87031412443');
    expect(makeInsz({ y: 2012, m: 6, d: 30 }, 211)).toBe('12063021185');
    expect(makeInsz({ y: 1968, m: 4, d: 18 }, 15, 'bis40')).toBe('68441801517');
    expect(makeInsz({ y: 2008, m: 2, d: 29 }, 999, 'bis20')).toBe('08222999934');
  });

  test('agree with the shared INSZ helpers of src/domain', () => {
    const rng = new Rng('shared');
    for (let i = 0; i < 500; i++) {
      const birth = civilFromDays(rng.range(-25_000, 20_000));
      const counter = rng.range(1, 998);
      const iso = `${birth.y}-${String(birth.m).padStart(2, '0')}-${String(birth.d).padStart(2, '0')}`;
      expect(makeInsz(birth, counter)).toBe(sharedInsz.makeInsz(iso, counter));
      expect(makeInsz(birth, counter, 'bis40')).toBe(sharedInsz.makeInsz(iso, counter, 40));
      expect(sharedInsz.isValidInsz(makeInsz(birth, counter, 'bis20'))).toBe(true);
    }
  });

  test('a broken checksum fails for both centuries', () => {
    const rng = new Rng('x');
    for (let i = 0; i < 500; i++) {
      const insz = makeInsz(civilFromDays(rng.range(-25_000, 20_000)), rng.range(1, 998));
      expect(isValidInsz(insz)).toBe(true);
      expect(isValidInsz(breakInszChecksum(insz, rng))).toBe(false);
    }
  });

  test('the registry never hands out the same counter twice for a day and sex', () => {
    const registry = new InszRegistry(0, 10);
    const seen = new Set<number>();
    for (let i = 0; i < 499; i++) seen.add(registry.take(5, true, 'regular') ?? -1);
    expect(seen.size).toBe(499);
    expect([...seen].every((c) => c % 2 === 1 && c >= 1 && c <= 997)).toBe(true);
    expect(registry.take(5, true, 'regular')).toBeNull();
    expect(registry.take(5, false, 'regular')).not.toBeNull();
  });
});

describe('RIZIV table', () => {
  test('documents the validity dates of the shared table it takes them from', () => {
    for (const code of GENERATOR_RIZIV_CODES) {
      const shared = rizivRows(code.code).find((r) => r.code === code.code);
      expect(shared, code.code).toBeDefined();
      expect(shared?.validFrom === RIZIV_TABLE_START ? '2005-09-01' : shared?.validFrom, code.code).toBe(code.from);
      expect(shared?.validTo, code.code).toBe(code.to);
    }
  });

  test('every code passes the mod-7 heuristic and has a sane validity and age band', () => {
    for (const code of GENERATOR_RIZIV_CODES) {
      expect(passesMod7(code.code), code.code).toBe(true);
      if (code.to !== null) expect(parseIsoDay(code.to)).toBeGreaterThan(parseIsoDay(code.from));
      expect(code.ageMin).toBeLessThanOrEqual(code.ageMax);
    }
  });
});

describe('calendar', () => {
  test('round-trips day numbers and formats dd/mm/yyyy', () => {
    for (let day = -40_000; day < 30_000; day += 37) {
      const c = civilFromDays(day);
      expect(daysFromCivil(c.y, c.m, c.d)).toBe(day);
    }
    expect(formatDay(parseIsoDay('2025-11-01'))).toBe('01/11/2025');
    expect(weekday(parseIsoDay('2025-11-03'))).toBe(0);
    expect(() => parseIsoDay('2025-02-30')).toThrow();
  });
});

describe('data lists', () => {
  test('every word survives Windows-1252', () => {
    const words = Object.values(people).flatMap((v) => (Array.isArray(v) ? v : []));
    const strings = words.flatMap((w) =>
      typeof w === 'string' ? [w] : Object.values(w).filter((x) => typeof x === 'string'),
    );
    strings.push(...FUNDS.flatMap((f) => [f.nl, f.fr]));
    for (const s of strings) expect(iconv.decode(iconv.encode(s, 'win1252'), 'win1252'), s).toBe(s);
  });

  test('every fund alias resolves, as an alias, to a fund in the insurers file', () => {
    const codes = new Set(FUNDS.map((f) => f.code));
    for (const [alias, code] of Object.entries(FUND_ALIASES)) {
      expect(codes.has(code)).toBe(true);
      expect(resolveFund(alias), alias).toMatchObject({ code, how: 'alias' });
    }
  });

  test('unknown fund values resolve to nothing, and every fund of the insurers file resolves', () => {
    for (const value of UNKNOWN_FUND_VALUES) expect(resolveFund(value), value).toBeNull();
    for (const fund of FUNDS) expect(resolveFund(fund.code), fund.code).not.toBeNull();
  });

  test('Windows-1252 encoding is exact on both the fast and the iconv path', () => {
    expect([...encodeText('é;Ã©', 'cp1252')]).toEqual([0xe9, 0x3b, 0xc3, 0xa9]);
    expect([...encodeText('€ Œ é', 'cp1252')]).toEqual([0x80, 0x20, 0x8c, 0x20, 0xe9]);
    expect([...encodeText('é', 'utf8bom')]).toEqual([0xc3, 0xa9]);
  });

  test('CSV fields are quoted only when they hold ; " or a line break', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
});
