import { describe, expect, it } from 'vitest';
import { applyTransform } from '../../../src/mapping/transforms/index.js';

const run = (name: string, values: (string | null)[], args = {}) => applyTransform(name, args, values);

describe('trim', () => {
  it('returns the cell without surrounding spaces', () => {
    expect(run('trim', ['  Peeters '])).toEqual({ ok: true, value: 'Peeters' });
  });
  it('turns a blank cell into nothing', () => {
    expect(run('trim', ['   '])).toEqual({ ok: true, value: null });
    expect(run('trim', [null])).toEqual({ ok: true, value: null });
  });
});

describe('constant', () => {
  it('writes its value whatever the record', () => {
    expect(run('constant', [], { value: 'EUR' })).toEqual({ ok: true, value: 'EUR' });
  });
  it('refuses cells: a constant reads no column', () => {
    expect(() => run('constant', ['x'], { value: 'EUR' })).toThrow(RangeError);
  });
});

describe('concat', () => {
  it('joins the non-empty cells with the separator', () => {
    expect(run('concat', ['Controle', ' Jaarlijkse controle '], { separator: ' – ' })).toEqual({
      ok: true,
      value: 'Controle – Jaarlijkse controle',
    });
  });
  it('skips empty cells and gives nothing when all are empty', () => {
    expect(run('concat', ['', 'Bleking'], { separator: ' – ' })).toEqual({ ok: true, value: 'Bleking' });
    expect(run('concat', ['', null])).toEqual({ ok: true, value: null });
  });
});

describe('labelled_lines', () => {
  it('writes one labelled line per non-empty cell', () => {
    const result = run('labelled_lines', ['1', '', 'J'], { labels: ['Stoel', 'Status', 'SMSVerstuurd'] });
    expect(result).toEqual({ ok: true, value: 'Stoel: 1\nSMSVerstuurd: J' });
  });
});

describe('rich_text_to_plain', () => {
  it('keeps plain text as it is', () => {
    expect(run('rich_text_to_plain', ['Controle ok.\nTandsteen onderfront.'])).toEqual({
      ok: true,
      value: 'Controle ok.\nTandsteen onderfront.',
    });
  });
  it('converts RTF to plain text and says so', () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20 Sintrom \\'e9\\'e9n keer per dag\\par}";
    const result = run('rich_text_to_plain', [rtf]);
    expect(result).toMatchObject({ ok: true, value: 'Sintrom één keer per dag' });
    expect(result.ok && result.warnings?.[0]?.code).toBe('note_rich_text');
  });
  it('converts HTML to plain text', () => {
    const result = run('rich_text_to_plain', ['<p>Vulling <b>46 MO</b> composiet.</p>']);
    expect(result).toMatchObject({ ok: true, value: 'Vulling 46 MO composiet.' });
  });
});

describe('map_values', () => {
  const args = { values: { Geattesteerd: 'won', Geannuleerd: 'lost', Open: 'open' } };
  it('looks values up case-insensitively', () => {
    expect(run('map_values', ['geattesteerd'], args)).toEqual({ ok: true, value: 'won' });
    expect(run('map_values', [' Open '], args)).toEqual({ ok: true, value: 'open' });
  });
  it('falls back to the default when one is given', () => {
    expect(run('map_values', ['Controle'], { values: { Blokkering: 'task' }, default: 'meeting' })).toEqual({
      ok: true,
      value: 'meeting',
    });
  });
  it('reports a value it does not know instead of guessing', () => {
    const result = run('map_values', ['Betwist'], args);
    expect(result).toMatchObject({ ok: false, defect: { code: 'value_unmapped', severity: 'error' } });
  });
});

describe('yes_no', () => {
  it.each([
    ['J', true],
    ['N', false],
    ['O', true],
    ['Y', true],
    ['ja', true],
    ['Nee', false],
    ['oui', true],
    ['NON', false],
    ['1', true],
    ['0', false],
  ])('reads %s as %s', (cell, expected) => {
    expect(run('yes_no', [cell])).toEqual({ ok: true, value: expected });
  });
  it('gives nothing for an empty cell', () => {
    expect(run('yes_no', [''])).toEqual({ ok: true, value: null });
  });
  it('reports anything else as a defect, never as false', () => {
    expect(run('yes_no', ['misschien'])).toMatchObject({ ok: false, defect: { code: 'boolean_invalid' } });
    expect(run('yes_no', ['G'])).toMatchObject({ ok: false });
  });
});
