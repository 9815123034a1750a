import { describe, expect, it } from 'vitest';
import { collapseSpaces, joinName, nameKey, normaliseName, splitFullName } from '../../../src/domain/names.js';

describe('normaliseName', () => {
  it('trims and collapses NBSP and double spaces', () => {
    expect(normaliseName('  Peeters\u00a0 ')).toBe('Peeters');
    expect(normaliseName('Van  den\u00a0Broeck')).toBe('Van den Broeck');
    expect(collapseSpaces('\tJan \u202f Smet ')).toBe('Jan Smet');
  });

  it('title-cases ALL CAPS, lower-casing particles that follow a particle', () => {
    expect(normaliseName('PEETERS ')).toBe('Peeters');
    expect(normaliseName('VAN DEN BROECK')).toBe('Van den Broeck');
    expect(normaliseName('DE LA CRUZ')).toBe('De la Cruz');
    expect(normaliseName('JEAN-MARC')).toBe('Jean-Marc');
    expect(normaliseName("D'HONDT")).toBe("D'Hondt");
    expect(normaliseName('ÉLODIE')).toBe('Élodie');
  });

  it('keeps the case of mixed-case names', () => {
    expect(normaliseName('de Smet')).toBe('de Smet');
    expect(normaliseName('van den Broeck')).toBe('van den Broeck');
    expect(normaliseName('McLaren')).toBe('McLaren');
  });
});

describe('joinName', () => {
  it('joins first and last, tolerating empty parts', () => {
    expect(joinName('Jan', 'Van den Broeck')).toBe('Jan Van den Broeck');
    expect(joinName('', 'Peeters')).toBe('Peeters');
    expect(joinName(' Lotte ', '')).toBe('Lotte');
    expect(joinName('', '')).toBe('');
  });
});

describe('splitFullName', () => {
  it.each([
    ['Dubois, Jean-Marc', 'Jean-Marc', 'Dubois', 'comma'],
    ['Jean Marc DUBOIS', 'Jean Marc', 'Dubois', 'caps'],
    ['Jan VAN DEN BROECK', 'Jan', 'Van den Broeck', 'caps'],
    ['Dubois J.-M.', 'J.-M.', 'Dubois', 'initials'],
    ['J. Peeters', 'J.', 'Peeters', 'initials'],
    ['Van den Broeck Jan', 'Jan', 'Van den Broeck', 'particle'],
    ['de Smet Anne', 'Anne', 'de Smet', 'particle'],
    ['Jan Van den Broeck', 'Jan', 'Van den Broeck', 'particle'],
    ['Anne de Smet', 'Anne', 'de Smet', 'particle'],
    ['Lotte Peeters', 'Lotte', 'Peeters', 'order'],
    ['Jean Marc Dubois', 'Jean Marc', 'Dubois', 'order'],
    ['Peeters', '', 'Peeters', 'single'],
  ])('%s → first %s, last %s (%s)', (raw, first, last, how) => {
    expect(splitFullName(raw)).toEqual({ first, last, how });
  });

  it('handles empty input', () => {
    expect(splitFullName('  ')).toEqual({ first: '', last: '', how: 'single' });
  });
});

describe('nameKey', () => {
  it('lower-cases plain ASCII names and folds everything else', () => {
    expect(nameKey('Peeters')).toBe('peeters');
    expect(nameKey('PEETERS2')).toBe('peeters2');
    expect(nameKey('Van den Broeck')).toBe('vandenbroeck');
    expect(nameKey("D'Hondt-Müller")).toBe('dhondtmuller');
    expect(nameKey('Strauß')).toBe('strauss');
    expect(nameKey('Ana\u0001is')).toBe('anais');
    expect(nameKey('')).toBe('');
  });

  it('makes spelling variants of one name equal', () => {
    expect(nameKey('Van den Broeck')).toBe(nameKey('Vandenbroeck'));
    expect(nameKey('Jean-Marc')).toBe(nameKey('Jean Marc'));
    expect(nameKey('Müller')).toBe('muller');
    expect(nameKey('Strauß')).toBe('strauss');
    expect(nameKey("D'Hondt")).toBe('dhondt');
  });

  it('keeps different names apart', () => {
    expect(nameKey('Peeters')).not.toBe(nameKey('Peters'));
  });
});
