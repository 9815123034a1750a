import { describe, expect, it } from 'vitest';
import { FUND_UNIONS, normaliseFundName, resolveFund } from '../../../src/domain/funds.js';

describe('resolveFund by code', () => {
  it('resolves the seven union codes', () => {
    for (const union of FUND_UNIONS) {
      expect(resolveFund(union.code)).toMatchObject({ code: union.code, union: union.union, how: 'code' });
    }
  });

  it('resolves local fund codes to their union, keeping the local code', () => {
    expect(resolveFund('131')).toEqual({
      code: '131',
      unionCode: '100',
      union: 1,
      canonicalName: {
        nl: 'Landsbond der Christelijke Mutualiteiten',
        fr: 'Alliance nationale des mutualités chrétiennes',
      },
      how: 'code',
    });
    expect(resolveFund('306')).toMatchObject({ unionCode: '300', union: 3 });
    expect(resolveFund('0306')).toMatchObject({ code: '306' });
    expect(resolveFund('300 - Solidaris')).toMatchObject({ code: '300', how: 'code' });
  });

  it('refuses codes whose first digit is no union, and other lengths', () => {
    expect(resolveFund('700')).toBeNull();
    expect(resolveFund('812')).toBeNull();
    expect(resolveFund('3000987654')).toBeNull();
    expect(resolveFund('30')).toBeNull();
    expect(resolveFund('')).toBeNull();
  });
});

describe('resolveFund by name', () => {
  it.each([
    ['CM', '100'],
    ['MC', '100'],
    ['Christelijke Mutualiteit', '100'],
    ['christelijke mutualiteiten', '100'],
    ['Mutualité Chrétienne', '100'],
    ['MUTUALITE CHRETIENNE', '100'],
    ['MC Liège', '100'],
    ['Christelijke Mut.', '100'],
    ['Solidaris', '300'],
    ['Socialistische Mutualiteit', '300'],
    ['Liberale Mutualiteit', '400'],
    ['Mutualité libérale', '400'],
    ['Helan', '500'],
    ['Partenamut', '500'],
    ['Vlaams & Neutraal Ziekenfonds', '200'],
    ['HZIV/CAAMI', '600'],
    ['CAAMI', '600'],
    ['HR Rail', '900'],
    ['Landsbond der Christelijke Mutualiteiten', '100'],
    ['Union nationale des mutualités socialistes', '300'],
  ])('%s → %s', (raw, code) => {
    expect(resolveFund(raw)).toMatchObject({ code, unionCode: code, how: 'alias' });
  });

  it('refuses unknown names and too-short abbreviations', () => {
    expect(resolveFund('Euromut')).toBeNull();
    expect(resolveFund('Ziekenfonds')).toBeNull();
    expect(resolveFund('Ch Mu')).toBeNull();
  });
});

describe('normaliseFundName', () => {
  it('drops accents, case and punctuation', () => {
    expect(normaliseFundName(' Mutualité  Chrétienne. ')).toBe('mutualite chretienne');
    expect(normaliseFundName("Caisse auxiliaire d'assurance")).toBe('caisse auxiliaire d assurance');
  });
});
