import { describe, expect, it } from 'vitest';
import { cleanHeaders, dropTrailingCells } from '../../../src/dentadmin/read/headers.js';

describe('cleanHeaders', () => {
  it('strips a BOM glued to the first header, NBSP and padding', () => {
    const clean = cleanHeaders(['\uFEFFPatNr', ' Naam\u00a0', '\u00a0Voor\u00a0naam ']);
    expect(clean.headers).toEqual(['PatNr', 'Naam', 'Voor naam']);
    expect(clean.bomAsText).toBe(false);
  });

  it('strips a BOM that was read as text (ï»¿) and says so', () => {
    const clean = cleanHeaders(['\u00ef\u00bb\u00bfPatNr', 'Naam']);
    expect(clean.headers).toEqual(['PatNr', 'Naam']);
    expect(clean.bomAsText).toBe(true);
  });

  it('drops a trailing empty column and names an empty one in the middle', () => {
    expect(cleanHeaders(['PatNr', 'Naam', ''])).toMatchObject({ headers: ['PatNr', 'Naam'], droppedTrailing: 1 });
    expect(cleanHeaders(['PatNr', ' ', 'Naam']).headers).toEqual(['PatNr', '(column 2)', 'Naam']);
  });
});

describe('dropTrailingCells', () => {
  it('drops the empty cells under dropped header columns, and keeps a row whose extra cell holds text', () => {
    expect(dropTrailingCells(['1', 'Peeters', ''], 2, 1)).toEqual(['1', 'Peeters']);
    expect(dropTrailingCells(['1', 'Peeters'], 2, 1)).toEqual(['1', 'Peeters']);
    expect(dropTrailingCells(['1', 'Peeters', 'x'], 2, 1)).toEqual(['1', 'Peeters', 'x']);
    expect(dropTrailingCells(['1', 'Peeters', ''], 2, 0)).toEqual(['1', 'Peeters', '']);
  });
});
