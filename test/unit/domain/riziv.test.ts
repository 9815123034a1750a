import { describe, expect, it } from 'vitest';
import {
  currentCodes,
  isPlausibleRizivCode,
  isRizivFormat,
  RIZIV_CODES,
  RIZIV_TABLE_START,
  rizivCodeOn,
  rizivRows,
  rizivStatusOn,
} from '../../../src/domain/riziv.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('isRizivFormat and isPlausibleRizivCode', () => {
  it('accepts six digits only', () => {
    expect(isRizivFormat('301011')).toBe(true);
    for (const bad of ['30101', '3010111', '30101a', '301 011', '']) expect(isRizivFormat(bad)).toBe(false);
  });

  it('accepts real codes whose last digit is the first five mod 7', () => {
    for (const code of ['301011', '301022', '371615', '304975', '389675', '384042']) {
      expect(isPlausibleRizivCode(code)).toBe(true);
    }
  });

  it('rejects typos and invented codes', () => {
    expect(isPlausibleRizivCode('301012')).toBe(false);
    expect(isPlausibleRizivCode('371165')).toBe(false);
    expect(isPlausibleRizivCode('101035')).toBe(false);
    expect(isPlausibleRizivCode('30101')).toBe(false);
  });
});

describe('RIZIV_CODES table', () => {
  it('holds only codes (and hospital pairs) that pass the mod-7 check', () => {
    for (const row of RIZIV_CODES) {
      expect(isPlausibleRizivCode(row.code), row.code).toBe(true);
      if (row.hospitalCode) expect(isPlausibleRizivCode(row.hospitalCode), row.hospitalCode).toBe(true);
    }
  });

  it('has well-formed, ordered dates and both descriptions', () => {
    for (const row of RIZIV_CODES) {
      expect(row.validFrom).toMatch(ISO);
      if (row.validTo !== null) {
        expect(row.validTo).toMatch(ISO);
        expect(row.validTo > row.validFrom).toBe(true);
      }
      expect(row.descriptionNl.length).toBeGreaterThan(3);
      expect(row.descriptionFr.length).toBeGreaterThan(3);
    }
  });

  it('lists each ambulant code once', () => {
    const codes = RIZIV_CODES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('rizivStatusOn', () => {
  it('keeps 371556 valid in 2016 and retired in 2019', () => {
    expect(rizivStatusOn('371556', '2016-05-01')).toBe('valid');
    expect(rizivStatusOn('371556', '2018-01-31')).toBe('valid');
    expect(rizivStatusOn('371556', '2018-02-01')).toBe('retired');
    expect(rizivStatusOn('371556', '2019-05-01')).toBe('retired');
  });

  it('retires 377090 after March 2024 and starts its successors in April', () => {
    expect(rizivStatusOn('377090', '2024-03-31')).toBe('valid');
    expect(rizivStatusOn('377090', '2024-06-01')).toBe('retired');
    expect(rizivStatusOn('377296', '2024-03-31')).toBe('not_yet_valid');
    expect(rizivStatusOn('377296', '2024-04-01')).toBe('valid');
  });

  it('models the 1/7/2022 deletions and new extraction codes', () => {
    expect(rizivStatusOn('371151', '2022-06-30')).toBe('valid');
    expect(rizivStatusOn('371151', '2022-07-01')).toBe('retired');
    expect(rizivStatusOn('304975', '2022-06-30')).toBe('not_yet_valid');
    expect(rizivStatusOn('304975', '2025-03-10')).toBe('valid');
  });

  it('knows hospital codes of a pair', () => {
    expect(rizivStatusOn('301022', '2025-01-14')).toBe('valid');
    expect(rizivStatusOn('371560', '2019-01-01')).toBe('retired');
  });

  it('treats codes from the table start as valid before it', () => {
    expect(rizivStatusOn('301011', '2004-06-01')).toBe('valid');
    expect(rizivStatusOn('371556', '1999-01-01')).toBe('valid');
    expect(RIZIV_TABLE_START).toBe('2005-09-01');
  });

  it('says unknown for codes outside the table', () => {
    expect(rizivStatusOn('999996', '2025-01-01')).toBe('unknown_code');
    expect(rizivStatusOn('301012', '2025-01-01')).toBe('unknown_code');
  });
});

describe('currentCodes, rizivCodeOn, rizivRows', () => {
  it('lists what is in force on a date', () => {
    const today = currentCodes('2025-06-01').map((r) => r.code);
    expect(today).toContain('301011');
    expect(today).toContain('377296');
    expect(today).not.toContain('377090');
    expect(today).not.toContain('371556');
    const in2016 = currentCodes('2016-01-01').map((r) => r.code);
    expect(in2016).toContain('371556');
    expect(in2016).not.toContain('371615');
    expect(in2016).not.toContain('389675');
  });

  it('finds the row for labels and all rows of a code', () => {
    expect(rizivCodeOn('301022', '2025-01-01')?.code).toBe('301011');
    expect(rizivCodeOn('371556', '2020-01-01')).toBeUndefined();
    expect(rizivRows('371556')).toHaveLength(1);
    expect(rizivRows('123456')).toEqual([]);
  });
});
