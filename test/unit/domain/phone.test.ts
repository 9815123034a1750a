import { describe, expect, it } from 'vitest';
import { isPhoneCountry, type PhoneCountry, phoneKind, toE164 } from '../../../src/domain/phone.js';

describe('toE164 on Belgian numbers', () => {
  it.each([
    ['0475123456', '+32475123456', 'mobile'],
    ['0475 12 34 56', '+32475123456', 'mobile'],
    ['+32 (0)475 12 34 56', '+32475123456', 'mobile'],
    ['+32 475 12 34 56', '+32475123456', 'mobile'],
    ['0032 475 12 34 56', '+32475123456', 'mobile'],
    ['32475123456', '+32475123456', 'mobile'],
    ['475 12 34 56', '+32475123456', 'mobile'],
    ['0456 12 34 56', '+32456123456', 'mobile'],
    ['02/555.12.12', '+3225551212', 'landline'],
    ['03 231 45 67', '+3232314567', 'landline'],
    ['081/22 33 44', '+3281223344', 'landline'],
    ['09 222 33 44', '+3292223344', 'landline'],
    ['04 223 45 67', '+3242234567', 'landline'],
    ['(02) 555 12 12', '+3225551212', 'landline'],
    ['3225551212', '+3225551212', 'landline'],
    ['0800 12 345', '+3280012345', 'landline'],
  ])('%s → %s (%s)', (raw, e164, kind) => {
    expect(toE164(raw)).toEqual({ e164, kind });
  });

  it('tells a Liège landline (9 digits) from a mobile (10 digits)', () => {
    expect(toE164('04 223 45 67').kind).toBe('landline');
    expect(toE164('0422 34 56 78').e164).toBeNull(); // 04 + 2 is Liège, so 10 digits is one too many
    expect(toE164('0475 12 34 5').e164).toBeNull(); // a mobile with a digit missing is no landline
  });

  it('refuses Excel scientific notation because digits are lost', () => {
    expect(toE164('3,2E+10')).toEqual({ e164: null, kind: null, reason: 'excel_scientific' });
    expect(toE164('3.24751E+10').reason).toBe('excel_scientific');
  });

  it('refuses letters, wrong lengths and empty values', () => {
    expect(toE164('call after 5').reason).toBe('invalid_characters');
    expect(toE164('0475 12 34 56 78').reason).toBe('wrong_length');
    expect(toE164('12345').reason).toBe('wrong_length');
    expect(toE164('   ').reason).toBe('empty');
    expect(toE164('+').reason).toBe('invalid_characters');
  });

  it('refuses numbers of the right length in no Belgian range', () => {
    expect(toE164('0445 12 34 56').reason).toBe('not_a_number_in_use');
    expect(toE164('00 00 00 00').e164).toBeNull();
  });
});

describe('toE164 on foreign numbers', () => {
  it('keeps the country of +, 00 prefixed numbers', () => {
    expect(toE164('+48 601 234 567')).toEqual({ e164: '+48601234567', kind: 'foreign' });
    expect(toE164('0031 6 12345678')).toEqual({ e164: '+31612345678', kind: 'foreign' });
    expect(toE164('+33 (0)6 12 34 56 78')).toEqual({ e164: '+33612345678', kind: 'foreign' });
  });

  it('uses another default country for numbers without prefix', () => {
    expect(toE164('06 12345678', 'NL')).toEqual({ e164: '+31612345678', kind: 'foreign' });
  });

  it('refuses foreign numbers outside their country ranges', () => {
    expect(toE164('+31 12').e164).toBeNull();
    expect(toE164('+999 123456789').e164).toBeNull();
  });
});

describe('isPhoneCountry', () => {
  it('knows ISO country codes', () => {
    expect(isPhoneCountry('NL')).toBe(true);
    expect(isPhoneCountry('XX')).toBe(false);
  });
});

describe('phoneKind', () => {
  /** What toE164 answers, as phoneKind answers it. */
  const viaE164 = (raw: string, country?: PhoneCountry) => {
    const result = toE164(raw, country);
    return result.e164 === null ? result.reason : result.kind;
  };

  it('answers what toE164 answers, on the shapes of a practice file and their edge cases', () => {
    const values = [
      '0475123456',
      '0475 12 34 56',
      '0475/12.34.56',
      '+32475123456',
      '+32 475 12 34 56',
      '0032 475 12 34 56',
      '32475123456',
      '475 12 34 56',
      '02/555.12.12',
      '03 231 45 67',
      '04 223 45 67',
      '0422 34 56 78',
      '3225551212',
      '0800 12 345',
      '070 22 33 44',
      '078 15 12 12',
      '0902 12 345',
      '+320475123456',
      '+32',
      '+320',
      '+',
      '-',
      '.',
      '00',
      '0032',
      '00320475123456',
      '0475 12 34 5',
      '0475 12 34 567',
      '0175 12 34 56',
      '0123456',
      '012345678901',
      '+31 6 12345678',
      '0031612345678',
      '+33 6 18 86 66 68',
      '06 12345678',
      '+1 212 555 0100',
      ' 0475 12 34 56 ',
      '(02) 555 12 12',
      '+32 (0)475 12 34 56',
      '3,2E+10',
      'geen',
      'zie gsm',
      '0475-12-34-56',
      '1234567890123456789012',
    ];
    for (const value of values) expect([value, phoneKind(value)]).toEqual([value, viaE164(value)]);
    for (const value of ['06 12345678', '0612345678', '+32 475 12 34 56', '0475 12 34 56', '020 123 4567']) {
      expect([value, phoneKind(value, 'NL')]).toEqual([value, viaE164(value, 'NL')]);
    }
  });

  it('classifies every 8- and 9-digit Belgian number as toE164 does', () => {
    for (let prefix = 0; prefix < 10_000; prefix += 1) {
      const landline = `0${String(prefix).padStart(4, '0')}${String((prefix * 7919) % 1000).padStart(3, '0')}`;
      expect([landline, phoneKind(landline)]).toEqual([landline, viaE164(landline)]);
    }
    for (let prefix = 0; prefix < 100; prefix += 1) {
      const mobile = `0${String(prefix).padStart(2, '0')}1234567`;
      expect([mobile, phoneKind(mobile)]).toEqual([mobile, viaE164(mobile)]);
    }
  });

  it('says why a number is refused', () => {
    expect(phoneKind('')).toBe('empty');
    expect(phoneKind('   ')).toBe('empty');
    expect(phoneKind('3,2E+10')).toBe('excel_scientific');
    expect(phoneKind('geen')).toBe('invalid_characters');
    expect(phoneKind('0475 12 34 5')).toBe('not_a_number_in_use');
    expect(phoneKind('0123')).toBe('wrong_length');
  });
});
