import { describe, expect, it } from 'vitest';
import type { MapContent } from '../../../src/mapping/document.js';
import { scoreMap } from '../../../src/mapping/score.js';

const content: MapContent = {
  objects: [
    {
      source: 'patients',
      target: 'person',
      rules: [
        { from: ['Voornaam', 'Naam'], to: 'person.name' },
        { from: ['INSZ'], to: 'person.custom:rijksregisternummer' },
        { from: ['GSM'], to: 'person.emails' },
        { from: ['Opmerking'], to: null, why: 'x' },
        { from: ['Huisarts'], to: 'person.custom:Huisarts' },
      ],
    },
  ],
};

describe('scoreMap', () => {
  it('counts pairs for precision/recall and whole columns for accuracy', () => {
    const score = scoreMap(content, {
      patients: {
        Voornaam: 'person.name',
        Naam: 'person.name',
        INSZ: 'person.custom:Rijksregisternummer',
        GSM: 'person.phones',
        Opmerking: 'SKIP',
        Huisarts: 'person.custom:*',
        Beroep: 'person.custom:Beroep',
      },
    });
    expect(score).toMatchObject({ columns: 7, tp: 4, fp: 1, fn: 2, precision: 0.8, recall: 0.667, accuracy: 0.714 });
    expect(score.f1).toBeCloseTo(0.727, 3);
    expect(score.misses.map((m) => m.header)).toEqual(['GSM', 'Beroep']);
  });
});
