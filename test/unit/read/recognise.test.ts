import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../../../src/dentadmin/entities.js';
import { normaliseHeader, recogniseEntity, undoMojibake } from '../../../src/dentadmin/read/recognise.js';

describe('recogniseEntity', () => {
  it.each(ENTITY_NAMES)('recognises %s from its Dutch and its French headers', (entity) => {
    for (const lang of ['nl', 'fr'] as const) {
      const headers = ENTITIES[entity].columns.map((c) => c[lang]);
      const result = recogniseEntity(headers);
      expect(result.entity).toBe(entity);
      expect(result.confidence).toBe(1);
      expect(result.columnKeys).toEqual(ENTITIES[entity].columns.map((c) => c.key));
    }
  });

  it('tells insurers from users although both start with Code', () => {
    expect(recogniseEntity(['Code', 'NaamNL', 'NaamFR', 'Landsbond', 'Actief', 'GeldigVan', 'GeldigTot']).entity).toBe(
      'insurers',
    );
    expect(
      recogniseEntity([
        'Code',
        'Naam',
        'Voornaam',
        'Rol',
        'RIZIVnr',
        'Geconventioneerd',
        'E-mail',
        'GSM',
        'Actief',
        'LaatsteLogin',
      ]).entity,
    ).toBe('users');
  });

  it('matches headers written differently (case, accents, spaces, aliases) and keeps unknown columns', () => {
    const headers = ['patnr', 'NOM', 'Prenom', 'Date de naissance', 'Numéro national', 'E mail', 'Eigen veld'];
    const result = recogniseEntity(headers);
    expect(result.entity).toBe('patients');
    expect(result.columnKeys).toEqual(['patient_id', 'last_name', 'first_name', 'birth_date', 'insz', 'email', null]);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('gives a lower confidence when columns are missing or extra', () => {
    const treatments = ENTITIES.treatments.columns.map((c) => c.nl);
    const partial = recogniseEntity([...treatments.slice(0, 12), 'Extra1', 'Extra2']);
    expect(partial.entity).toBe('treatments');
    expect(partial.confidence).toBeLessThan(1);
    expect(partial.confidence).toBeGreaterThan(0.5);
  });

  it('reports an unknown entity below the threshold', () => {
    const result = recogniseEntity(['Factuurnr', 'Bedrag', 'Vervaldag']);
    expect(result.entity).toBeNull();
    expect(result.confidence).toBeLessThan(0.5);
  });

  it('matches headers whose accents were double-encoded, and says so', () => {
    const headers = ENTITIES.patients.columns.map((c) => c.fr).map((h) => (h === 'Prénom' ? 'PrÃ©nom' : h));
    const result = recogniseEntity(headers);
    expect(result.entity).toBe('patients');
    expect(result.columnKeys[2]).toBe('first_name');
    expect(result.repairedHeaders).toEqual(['PrÃ©nom']);
  });
});

describe('normaliseHeader and undoMojibake', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseHeader(' Prénom ')).toBe('prenom');
    expect(normaliseHeader('E-mail')).toBe('email');
    expect(normaliseHeader('N°')).toBe('n');
  });

  it('undoes UTF-8 read as Windows-1252 only when that is what happened', () => {
    expect(undoMojibake('PrÃ©nom')).toBe('Prénom');
    expect(undoMojibake('Prénom')).toBeNull();
    expect(undoMojibake('PatNr')).toBeNull();
  });
});
