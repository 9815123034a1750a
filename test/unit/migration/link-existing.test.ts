import { describe, expect, it } from 'vitest';
import type { ObjectMap } from '../../../src/mapping/document.js';
import {
  type MatchFields,
  matchFieldsOf,
  matchKeys,
  namesAgree,
  nameWords,
} from '../../../src/migration/link-existing.js';
import type { StagedFile } from '../../../src/store/staged.js';

const BIRTH = 'b'.repeat(40);
const INSZ = 'c'.repeat(40);
const fields: MatchFields = { birthDate: { custom: true, key: BIRTH }, insz: { custom: true, key: INSZ } };

describe('nameWords', () => {
  it('compares names word by word, whatever the order, case, accents or punctuation', () => {
    expect(nameWords('Jan Van den Broeck')).toBe(nameWords('Broeck, jan  van DEN'));
    expect(nameWords('Hélène Dupré')).toBe(nameWords('dupre helene'));
    expect(nameWords('Jan Peeters')).not.toBe(nameWords('Jan Peters'));
  });
});

describe('namesAgree', () => {
  const agree = (a: string, b: string) => namesAgree(nameWords(a), nameWords(b));

  it('takes a fuller name, a reordered name or initials for the same person', () => {
    expect(agree('Jan Peeters', 'PEETERS Jan')).toBe(true);
    expect(agree('Jan Peeters', 'Jan Pieter Peeters')).toBe(true);
    expect(agree('J. Peeters', 'Jan Peeters')).toBe(true);
    expect(agree('Jan Peeters', '')).toBe(true);
  });

  it('tells apart family members sharing an e-mail address', () => {
    expect(agree('Jan Peeters', 'Lisa Peeters')).toBe(false);
    expect(agree('Ouders Janssens', 'Emma Janssens')).toBe(false);
    expect(agree('J. Peeters', 'Lisa Peeters')).toBe(false);
    expect(agree('Jan Peeters', 'Jan Janssens')).toBe(false);
  });
});

describe('matchKeys', () => {
  const body = {
    name: 'Lotte Vermeulen',
    emails: [{ value: 'Lotte@Example.BE', primary: true }],
    custom_fields: { [BIRTH]: '1984-03-07', [INSZ]: '84.03.07-123.45' },
  };

  it("gives the keys in the order of the map's match.by", () => {
    expect(matchKeys(['email', 'name+birthdate'], body, fields)).toEqual([
      'email:lotte@example.be',
      'name+birthdate:lotte vermeulen|1984-03-07',
    ]);
    expect(matchKeys(['insz', 'email'], body, fields)).toEqual(['insz:84030712345', 'email:lotte@example.be']);
  });

  it('matches a Pipedrive answer whose name is written the other way round', () => {
    const remote = { name: 'VERMEULEN Lotte', custom_fields: { [BIRTH]: '1984-03-07' } };
    expect(matchKeys(['name+birthdate'], remote, fields)).toEqual(matchKeys(['name+birthdate'], body, fields));
  });

  it('gives no name+birthdate key without a birth date, or when the map writes no birth date field', () => {
    expect(matchKeys(['name+birthdate'], { name: 'Lotte Vermeulen', custom_fields: {} }, fields)).toEqual([]);
    expect(matchKeys(['name+birthdate'], body, {})).toEqual([]);
    expect(matchKeys(['name+birthdate'], { ...body, custom_fields: { [BIRTH]: 'unknown' } }, fields)).toEqual([]);
  });

  it('gives no key for an incomplete national number or an empty e-mail', () => {
    const partial = { emails: [{ value: ' ' }], custom_fields: { [INSZ]: '8403071234' } };
    expect(matchKeys(['email', 'insz'], partial, fields)).toEqual([]);
  });
});

describe('matchFieldsOf', () => {
  const file: StagedFile = {
    fileId: 1,
    entity: 'patients',
    headers: ['PatNr', 'Geb. datum', 'RRN', 'Naam'],
    columnKeys: ['patient_id', 'birth_date', 'insz', 'last_name'],
    documentsDir: null,
  };
  const objectMap: ObjectMap = {
    source: 'patients',
    target: 'person',
    match: { by: ['name+birthdate'], policy: 'link' },
    rules: [
      { from: ['Geb. datum'], to: 'person.custom:Geboren op', transform: { name: 'date' } },
      { from: ['RRN'], to: 'person.custom:Rijksregisternummer' },
      { from: ['Naam'], to: 'person.name' },
    ],
  };
  const registry = (label: string) =>
    ({ 'Geboren op': { key: BIRTH, type: 'date', options: [] } })[label as 'Geboren op'];

  it('finds the field the map writes the recognised birth-date column to, by its registry key', () => {
    expect(matchFieldsOf(objectMap, file, (_o, label) => registry(label))).toEqual({
      birthDate: { custom: true, key: BIRTH },
    });
  });

  it('finds nothing when the column is left behind or the file was not recognised', () => {
    const leftBehind = { ...objectMap, rules: [{ from: ['Geb. datum'], to: null, why: 'not wanted' }] };
    expect(matchFieldsOf(leftBehind, file, (_o, label) => registry(label))).toEqual({});
    expect(matchFieldsOf(objectMap, undefined, (_o, label) => registry(label))).toEqual({});
  });
});
