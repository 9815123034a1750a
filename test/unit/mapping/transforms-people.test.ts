import { describe, expect, it } from 'vitest';
import { applyTransform } from '../../../src/mapping/transforms/index.js';

const run = (name: string, values: (string | null)[], args = {}) => applyTransform(name, args, values);

describe('join_name', () => {
  it('joins first and last name', () => {
    expect(run('join_name', ['Lotte', 'Peeters'])).toEqual({ ok: true, value: 'Lotte Peeters' });
  });
  it('turns ALL CAPS into Title Case and keeps particles', () => {
    expect(run('join_name', ['JAN', 'VAN DEN BROECK'])).toEqual({ ok: true, value: 'Jan Van den Broeck' });
    expect(run('join_name', ['Sofie', 'de Smet'])).toEqual({ ok: true, value: 'Sofie de Smet' });
  });
  it('works with one part, and gives nothing without any', () => {
    expect(run('join_name', ['', 'PEETERS '])).toEqual({ ok: true, value: 'Peeters' });
    expect(run('join_name', ['Peeters'])).toEqual({ ok: true, value: 'Peeters' });
    expect(run('join_name', [' ', null])).toEqual({ ok: true, value: null });
  });
});

describe('split_full_name', () => {
  it.each([
    ['Dubois, Jean-Marc', ['Jean-Marc', 'Dubois']],
    ['Jan Van den Broeck', ['Jan', 'Van den Broeck']],
    ['Van den Broeck Jan', ['Jan', 'Van den Broeck']],
    ['Jean Marc DUBOIS', ['Jean Marc', 'Dubois']],
  ])('splits %s', (cell, expected) => {
    expect(run('split_full_name', [cell])).toEqual({ ok: true, value: expected });
  });
  it('flags a split made from word order alone', () => {
    const result = run('split_full_name', ['Lotte Peeters']);
    expect(result).toMatchObject({ ok: true, value: ['Lotte', 'Peeters'], warnings: [{ code: 'name_split_guessed' }] });
  });
  it('gives two empty parts for an empty cell', () => {
    expect(run('split_full_name', [''])).toEqual({ ok: true, value: [null, null] });
  });
});

describe('insz', () => {
  it('normalises the eID format and checks the check digits', () => {
    expect(run('insz', ['87.03.14-124.43'])).toEqual({ ok: true, value: '87031412443' });
    expect(run('insz', ['870314 124 43'])).toEqual({ ok: true, value: '87031412443' });
    expect(run('insz', ['12063021185'])).toEqual({ ok: true, value: '12063021185' });
    expect(run('insz', ['68441801517'])).toEqual({ ok: true, value: '68441801517' });
  });
  it('puts back a leading zero lost by Excel, with a warning', () => {
    const result = run('insz', ['8222999934']);
    expect(result).toMatchObject({ ok: true, value: '08222999934', warnings: [{ code: 'insz_format' }] });
  });
  it('reports a wrong check digit and a wrong length', () => {
    expect(run('insz', ['87031412444'])).toMatchObject({
      ok: false,
      defect: { code: 'insz_checksum', severity: 'error' },
    });
    expect(run('insz', ['870314'])).toMatchObject({ ok: false, defect: { code: 'insz_format', severity: 'error' } });
    expect(run('insz', ['onbekend'])).toMatchObject({ ok: false });
  });
});

describe('phone', () => {
  it('writes Belgian numbers in E.164 with the rule’s label', () => {
    expect(run('phone', ['0475 12 34 56'], { label: 'mobile' })).toEqual({
      ok: true,
      value: { value: '+32475123456', label: 'mobile' },
    });
    expect(run('phone', ['02/555.12.12'], { label: 'home' })).toEqual({
      ok: true,
      value: { value: '+3225551212', label: 'home' },
    });
    expect(run('phone', ['+32 (0)475 12 34 56'])).toEqual({
      ok: true,
      value: { value: '+32475123456', label: 'mobile' },
    });
  });
  it('keeps foreign numbers in their own country', () => {
    expect(run('phone', ['+48 601 234 567'])).toMatchObject({ ok: true, value: { value: '+48601234567' } });
  });
  it('reports numbers Excel damaged or that are too short', () => {
    expect(run('phone', ['3,2E+10'])).toMatchObject({
      ok: false,
      defect: { code: 'phone_invalid', severity: 'warning' },
    });
    expect(run('phone', ['12'])).toMatchObject({ ok: false, defect: { code: 'phone_invalid' } });
  });
});

describe('email', () => {
  it('trims and lower-cases', () => {
    expect(run('email', [' Lotte.Peeters@Example.BE '])).toEqual({ ok: true, value: 'lotte.peeters@example.be' });
    expect(run('email', ['a@b.be'], { label: 'home' })).toEqual({
      ok: true,
      value: { value: 'a@b.be', label: 'home' },
    });
  });
  it('reports an invalid address instead of fixing it', () => {
    expect(run('email', ['dirk.maes@@x.be'])).toMatchObject({ ok: false, defect: { code: 'email_invalid' } });
    expect(run('email', ['jan@telenet'])).toMatchObject({ ok: false });
  });
});

describe('fund', () => {
  it('resolves a fund code to the insurers record', () => {
    expect(run('fund', ['100'])).toEqual({ ok: true, value: { ref: 'insurers', key: '100', union: '100' } });
    expect(run('fund', ['131'])).toEqual({ ok: true, value: { ref: 'insurers', key: '131', union: '100' } });
  });
  it('resolves spellings to one canonical fund, with a warning', () => {
    for (const spelling of ['CM', 'Mutualité Chrétienne', 'Christelijke Mut.']) {
      expect(run('fund', [spelling])).toMatchObject({
        ok: true,
        value: { ref: 'insurers', key: '100' },
        warnings: [{ code: 'fund_alias' }],
      });
    }
  });
  it('reports an unknown fund', () => {
    expect(run('fund', ['Mutualiteit Nergens'])).toMatchObject({ ok: false, defect: { code: 'fund_unknown' } });
    expect(run('fund', ['700'])).toMatchObject({ ok: false });
  });
});
