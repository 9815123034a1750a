import { describe, expect, it } from 'vitest';
import { inszBirthDate, inszSex, isBisNumber, isValidInsz, makeInsz, normaliseInsz } from '../../../src/domain/insz.js';

const VALID = [
  '93051822361',
  '73031805784',
  '73011136173',
  '88222999936',
  '08222999934',
  '88422999979',
  '08422999977',
  '87031412443',
  '52110203705',
  '12063021185',
  '85012208874',
  '68441801517',
];

describe('isValidInsz', () => {
  it.each(VALID)('accepts the reference vector %s', (digits) => {
    expect(isValidInsz(digits)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidInsz('87031412444')).toBe(false);
  });

  it('accepts a number born in 2012 only thanks to the "2" prefix', () => {
    // Without the prefix, 97 - (120630211 mod 97) is not 85.
    expect(97 - (120630211 % 97)).not.toBe(85);
    expect(isValidInsz('12063021185')).toBe(true);
  });

  it('rejects wrong lengths, letters and impossible month fields', () => {
    expect(isValidInsz('9305182236')).toBe(false);
    expect(isValidInsz('930518223611')).toBe(false);
    expect(isValidInsz('93O51822361')).toBe(false);
    expect(isValidInsz('')).toBe(false);
  });

  it('rejects a correct checksum on an impossible month (15) or day (35)', () => {
    const withCheck = (nine: number): string => `${nine}${String(97 - (nine % 97)).padStart(2, '0')}`;
    expect(isValidInsz(withCheck(931518223))).toBe(false);
    expect(isValidInsz(withCheck(930535223))).toBe(false);
    expect(isValidInsz(withCheck(930518223))).toBe(true);
  });

  it('rejects check digits 00, 98 and 99 whatever the rest', () => {
    for (const check of ['00', '98', '99']) expect(isValidInsz(`930518223${check}`)).toBe(false);
  });
});

describe('normaliseInsz', () => {
  it('strips eID formatting and says so', () => {
    expect(normaliseInsz('87.03.14-124.43')).toEqual({
      digits: '87031412443',
      reformatted: true,
      restoredLeadingZero: false,
    });
    expect(normaliseInsz('870314 124 43').digits).toBe('87031412443');
  });

  it('keeps a clean number as is, surrounding spaces do not count as reformatting', () => {
    expect(normaliseInsz(' 93051822361 ')).toEqual({
      digits: '93051822361',
      reformatted: false,
      restoredLeadingZero: false,
    });
  });

  it('restores a leading zero lost by Excel only when the result is valid', () => {
    expect(normaliseInsz('8222999934')).toEqual({
      digits: '08222999934',
      reformatted: false,
      restoredLeadingZero: true,
    });
    expect(normaliseInsz('8222999935').digits).toBeNull();
  });

  it('returns null digits for letters, Excel floats and wrong lengths', () => {
    expect(normaliseInsz('9.30518E+10').digits).toBeNull();
    expect(normaliseInsz('abc').digits).toBeNull();
    expect(normaliseInsz('123456789').digits).toBeNull();
  });

  it('passes an 11-digit number with a bad checksum through for the checksum check to report', () => {
    expect(normaliseInsz('87031412444').digits).toBe('87031412444');
  });
});

describe('inszBirthDate', () => {
  it('reads a 1900s date', () => {
    expect(inszBirthDate('93051822361')).toEqual({ year: 1993, month: 5, day: 18, iso: '1993-05-18' });
  });

  it('takes the century from the matching checksum', () => {
    expect(inszBirthDate('12063021185')?.iso).toBe('2012-06-30');
  });

  it('removes the BIS month offsets', () => {
    expect(inszBirthDate('68441801517')?.iso).toBe('1968-04-18');
    expect(inszBirthDate('88222999936')?.iso).toBe('1988-02-29');
    expect(inszBirthDate('08222999934')?.iso).toBe('2008-02-29');
  });

  it('gives null month and day for 00', () => {
    const digits = makeInsz('1970-00-00', 15);
    expect(inszBirthDate(digits)).toEqual({ year: 1970, month: null, day: null, iso: null });
  });

  it('returns null for an invalid number', () => {
    expect(inszBirthDate('87031412444')).toBeNull();
  });
});

describe('inszSex and isBisNumber', () => {
  it('reads odd counters as M and even as F', () => {
    expect(inszSex('93051822361')).toBe('M');
    expect(inszSex('87031412443')).toBe('F');
    expect(inszSex('85012208874')).toBe('F');
  });

  it('knows the sex of BIS +40 numbers but not of BIS +20', () => {
    expect(inszSex('68441801517')).toBe('M');
    expect(inszSex('88222999936')).toBe('unknown');
    expect(inszSex('87031412444')).toBe('unknown');
  });

  it('tells BIS numbers from national numbers', () => {
    expect(isBisNumber('68441801517')).toBe(true);
    expect(isBisNumber('88222999936')).toBe(true);
    expect(isBisNumber('93051822361')).toBe(false);
  });
});

describe('makeInsz', () => {
  it('reproduces the reference vectors', () => {
    expect(makeInsz('1993-05-18', 223)).toBe('93051822361');
    expect(makeInsz('2012-06-30', 211)).toBe('12063021185');
    expect(makeInsz('1968-04-18', 15, 40)).toBe('68441801517');
    expect(makeInsz('2008-02-29', 999 - 1, 20)).toMatch(/^08222999/);
  });

  it('produces valid numbers across both centuries', () => {
    for (const date of ['1900-01-01', '1999-12-31', '2000-01-01', '2024-02-29']) {
      for (const counter of [1, 2, 997, 998]) expect(isValidInsz(makeInsz(date, counter))).toBe(true);
    }
  });

  it('rejects out-of-range input', () => {
    expect(() => makeInsz('1899-12-31', 1)).toThrow(RangeError);
    expect(() => makeInsz('1990-01-01', 0)).toThrow(RangeError);
    expect(() => makeInsz('1990-01-01', 999)).toThrow(RangeError);
    expect(() => makeInsz('01/01/1990', 1)).toThrow(RangeError);
  });
});
