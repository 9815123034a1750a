import { describe, expect, it } from 'vitest';
import { parseAmount, parseInteger, parsePercentage } from '../../../src/domain/numbers.js';

describe('parseAmount', () => {
  it.each([
    ['82,00', 82],
    ['1.250,00', 1250],
    ['€ 35', 35],
    ['35 €', 35],
    ['EUR 35,5', 35.5],
    ['35.00', 35],
    ['1 250,50', 1250.5],
    ['1\u00a0250,50', 1250.5],
    ['-12,50', -12.5],
    ['−12,50', -12.5],
    ['€ -35', -35],
    ['1.250', 1250],
    ['0.250', 0.25],
    ['1234.567', 1234.567],
    ['1,250', 1.25],
    ['1,250.00', 1250],
    ['1.234.567,89', 1234567.89],
    ['12.345.678', 12345678],
    [',50', 0.5],
    ['0', 0],
  ])('%s → %d', (raw, value) => {
    expect(parseAmount(raw)).toEqual({ value, reason: null });
  });

  it('refuses text, empty cells and stray signs', () => {
    expect(parseAmount('')).toEqual({ value: null, reason: 'empty' });
    expect(parseAmount('  ')).toEqual({ value: null, reason: 'empty' });
    expect(parseAmount('gratis').reason).toBe('unparseable');
    expect(parseAmount('12,50-').reason).toBe('unparseable');
    expect(parseAmount('12,,50').reason).toBe('unparseable');
    expect(parseAmount('€').reason).toBe('unparseable');
    expect(parseAmount('12,').reason).toBe('unparseable');
  });

  it('refuses separators that allow no safe reading', () => {
    expect(parseAmount('1,250,00').reason).toBe('bad_grouping');
    expect(parseAmount('1.250.00').reason).toBe('bad_grouping');
    expect(parseAmount('1,250.000,00').reason).toBe('ambiguous_separators');
    expect(parseAmount('12 50').reason).toBe('bad_grouping');
    expect(parseAmount('1250 000,00').reason).toBe('bad_grouping');
  });
});

describe('parsePercentage', () => {
  it('reads 25 %, 0,25 and 25 all as 25 percent', () => {
    expect(parsePercentage('25 %')).toEqual({ value: 25, reason: null, form: 'percent' });
    expect(parsePercentage('0,25')).toEqual({ value: 25, reason: null, form: 'fraction' });
    expect(parsePercentage('25')).toEqual({ value: 25, reason: null, form: 'plain' });
  });

  it('treats a decimal value up to 1 as a fraction, and 1 without decimals as 1 percent', () => {
    expect(parsePercentage('1,0')).toMatchObject({ value: 100, form: 'fraction' });
    expect(parsePercentage('0.07')).toMatchObject({ value: 7, form: 'fraction' });
    expect(parsePercentage('1')).toMatchObject({ value: 1, form: 'plain' });
    expect(parsePercentage('0,5 %')).toMatchObject({ value: 0.5, form: 'percent' });
    expect(parsePercentage('12,5')).toMatchObject({ value: 12.5, form: 'plain' });
  });

  it('refuses non-numbers', () => {
    expect(parsePercentage('veel %')).toEqual({ value: null, reason: 'unparseable' });
    expect(parsePercentage('%').reason).toBe('empty');
  });
});

describe('parseInteger', () => {
  it('reads whole numbers with or without grouping', () => {
    expect(parseInteger('20')).toEqual({ value: 20, reason: null });
    expect(parseInteger(' -3 ')).toEqual({ value: -3, reason: null });
    expect(parseInteger('2.481.152').value).toBe(2481152);
    expect(parseInteger('2 481 152').value).toBe(2481152);
    expect(parseInteger('20,0').value).toBe(20);
  });

  it('refuses fractions, text and huge values', () => {
    expect(parseInteger('1,5').reason).toBe('not_integer');
    expect(parseInteger('20 min').reason).toBe('unparseable');
    expect(parseInteger('').reason).toBe('empty');
    expect(parseInteger('99999999999999999999').reason).toBe('too_large');
  });
});
