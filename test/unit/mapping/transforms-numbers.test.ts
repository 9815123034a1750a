import { describe, expect, it } from 'vitest';
import { applyTransform } from '../../../src/mapping/transforms/index.js';

const run = (name: string, value: string | null) => applyTransform(name, {}, [value]);

describe('amount', () => {
  it.each([
    ['82,00', 82],
    ['1.250,00', 1250],
    ['€ 35', 35],
    ['35.00', 35],
    ['1 250,50', 1250.5],
  ])('reads %s as %s euro', (cell, expected) => {
    expect(run('amount', cell)).toEqual({ ok: true, value: expected });
  });
  it('keeps a negative amount and warns', () => {
    const result = run('amount', '-12,50');
    expect(result).toMatchObject({ ok: true, value: -12.5, warnings: [{ code: 'amount_negative' }] });
  });
  it('reports what is not an amount', () => {
    expect(run('amount', 'n.v.t.')).toMatchObject({ ok: false, defect: { code: 'amount_invalid', severity: 'error' } });
    expect(run('amount', '1,250,00')).toMatchObject({ ok: false, defect: { code: 'amount_invalid' } });
  });
  it('gives nothing for an empty cell', () => {
    expect(run('amount', '')).toEqual({ ok: true, value: null });
  });
});

describe('percentage', () => {
  it.each([
    ['25 %', 25],
    ['25%', 25],
    ['25', 25],
    ['0,25', 25],
    ['1,0', 100],
  ])('reads %s as %s percent', (cell, expected) => {
    expect(run('percentage', cell)).toEqual({ ok: true, value: expected });
  });
  it('reports what is not a percentage', () => {
    expect(run('percentage', 'veel')).toMatchObject({ ok: false, defect: { code: 'percentage_invalid' } });
  });
});

describe('integer', () => {
  it('reads whole numbers with thousands separators', () => {
    expect(run('integer', '2.481.152')).toEqual({ ok: true, value: 2481152 });
    expect(run('integer', '20')).toEqual({ ok: true, value: 20 });
  });
  it('reports a fraction', () => {
    expect(run('integer', '1,5')).toMatchObject({ ok: false });
  });
});

describe('duration_hhmm', () => {
  it.each([
    ['20', '00:20'],
    ['90', '01:30'],
    ['600', '10:00'],
  ])('writes %s minutes as %s', (cell, expected) => {
    expect(run('duration_hhmm', cell)).toEqual({ ok: true, value: expected });
  });
  it.each(['0', '-5', 'een uur', '1440'])('reports %s as an invalid duration', (cell) => {
    expect(run('duration_hhmm', cell)).toMatchObject({ ok: false, defect: { code: 'duration_invalid' } });
  });
});
