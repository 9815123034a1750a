import { describe, expect, it } from 'vitest';
import { detectLanguage, normaliseHeader, resolveColumns } from '../../../src/mapping/headers.js';
import { allFiles, column, sourceFile } from './fixture-sources.js';

describe('normaliseHeader', () => {
  it('splits camel case, drops accents and punctuation, names % and °', () => {
    expect(normaliseHeader('GezinshoofdPatNr')).toBe('gezinshoofd pat nr');
    expect(normaliseHeader('Prénom')).toBe('prenom');
    expect(normaliseHeader('Remgeld %')).toBe('remgeld pct');
    expect(normaliseHeader('N°')).toBe('n nr');
    expect(normaliseHeader(' Geb. datum ')).toBe('geb datum');
  });
});

describe('resolveColumns', () => {
  it('trusts the reader’s column keys', () => {
    const resolved = resolveColumns(sourceFile('patients'));
    expect(resolved.get('Voornaam')).toEqual({ key: 'first_name', how: 'ingest', confidence: 0.99 });
    expect(resolved.size).toBe(30);
  });
  it('recognises Dutch, French and English synonyms without the reader', () => {
    const file = {
      entity: 'patients' as const,
      fileName: 'p.csv',
      columns: [column('Achternaam'), column('Prénom'), column('Date of birth', 'date'), column('Courriel', 'email')],
    };
    const resolved = resolveColumns(file);
    expect(resolved.get('Achternaam')?.key).toBe('last_name');
    expect(resolved.get('Prénom')?.key).toBe('first_name');
    expect(resolved.get('Date of birth')).toMatchObject({ key: 'birth_date', how: 'exact' });
    expect(resolved.get('Courriel')?.key).toBe('email');
  });
  it('finds a synonym inside a longer header, but not a part of a word', () => {
    const file = {
      entity: 'patients' as const,
      fileName: 'p.csv',
      columns: [column('Voornaam kind'), column('GSM moeder', 'phone'), column('Naamloos veld')],
    };
    const resolved = resolveColumns(file);
    expect(resolved.get('Voornaam kind')).toMatchObject({ key: 'first_name', how: 'phrase' });
    expect(resolved.get('GSM moeder')).toMatchObject({ key: 'mobile', how: 'phrase' });
    expect(resolved.has('Naamloos veld')).toBe(false);
  });
  it('recognises a column by its values when one column of that kind is left', () => {
    const file = {
      entity: 'patients' as const,
      fileName: 'p.csv',
      columns: [column('Identificatie', 'insz'), column('Veld 7', 'text')],
    };
    expect(resolveColumns(file).get('Identificatie')).toMatchObject({ key: 'insz', how: 'values', confidence: 0.7 });
  });
  it('leaves two phone columns it cannot tell apart open', () => {
    const file = {
      entity: 'patients' as const,
      fileName: 'p.csv',
      columns: [column('Contact 1', 'phone'), column('Contact 2', 'phone')],
    };
    expect(resolveColumns(file).size).toBe(0);
  });
});

describe('detectLanguage', () => {
  it('reads the practice language from the headers', () => {
    expect(detectLanguage(allFiles('nl'))).toBe('nl');
    expect(detectLanguage(allFiles('fr'))).toBe('fr');
  });
});
