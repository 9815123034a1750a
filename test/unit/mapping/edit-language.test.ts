import { describe, expect, it } from 'vitest';
import { parseEdit } from '../../../src/mapping/edit-language.js';

describe('parseEdit', () => {
  it('reads map, with or without quotes around the column', () => {
    const expected = {
      ok: true,
      command: { kind: 'map', column: { source: null, header: 'GSM' }, target: 'person.phones' },
    };
    expect(parseEdit('map GSM to person.phones')).toEqual(expected);
    expect(parseEdit('map `GSM` to person.phones')).toEqual(expected);
    expect(parseEdit('MAP "GSM" TO person.phones')).toEqual(expected);
    expect(parseEdit('Map “GSM” to person.phones.')).toEqual(expected);
    expect(parseEdit('<@U0FERRY> map GSM to person.phones')).toEqual(expected);
  });

  it('keeps spaces and dots in headers and custom labels', () => {
    expect(parseEdit('map Geb. datum to person.custom:Geboortedatum')).toMatchObject({
      command: { column: { source: null, header: 'Geb. datum' }, target: 'person.custom:Geboortedatum' },
    });
    expect(parseEdit("map 'Tel. privé' to person.phones")).toMatchObject({
      command: { column: { header: 'Tel. privé' } },
    });
    expect(parseEdit('map Voornaam patiënt to person.first_name')).toMatchObject({
      command: { column: { header: 'Voornaam patiënt' } },
    });
  });

  it('names the file when a header is in several files', () => {
    expect(parseEdit('map treatments.PatNr to deal.person_id')).toMatchObject({
      command: { column: { source: 'treatments', header: 'PatNr' } },
    });
  });

  it('reads ignore, with an optional reason', () => {
    expect(parseEdit('ignore GewijzigdOp')).toEqual({
      ok: true,
      command: { kind: 'ignore', column: { source: null, header: 'GewijzigdOp' }, reason: null },
    });
    expect(parseEdit('Ignore `Opmerking` because it holds health data')).toMatchObject({
      command: { column: { header: 'Opmerking' }, reason: 'it holds health data' },
    });
  });

  it('reads new, with the type optional', () => {
    expect(parseEdit('new person field "Huisarts" varchar from Huisarts')).toEqual({
      ok: true,
      command: {
        kind: 'new',
        object: 'person',
        label: 'Huisarts',
        type: 'varchar',
        column: { source: null, header: 'Huisarts' },
      },
    });
    expect(parseEdit('NEW deal field "Tand nummer" from `Tand`')).toMatchObject({
      command: { kind: 'new', object: 'deal', label: 'Tand nummer', type: null, column: { header: 'Tand' } },
    });
  });

  it('reads transform, with key=value arguments', () => {
    expect(parseEdit('transform GSM phone label=mobile')).toEqual({
      ok: true,
      command: { kind: 'transform', column: { source: null, header: 'GSM' }, name: 'phone', args: { label: 'mobile' } },
    });
    expect(parseEdit('transform Status map_values Geattesteerd=won "Niet gekomen"=lost default=open')).toMatchObject({
      command: {
        name: 'map_values',
        args: { values: { Geattesteerd: 'won', 'Niet gekomen': 'lost' }, default: 'open' },
      },
    });
    expect(parseEdit('transform Remgeld % percentage')).toMatchObject({
      command: { column: { header: 'Remgeld %' }, name: 'percentage' },
    });
    expect(parseEdit('transform Taal none')).toMatchObject({ command: { name: 'none', args: {} } });
  });

  it('reads undo', () => {
    expect(parseEdit(' undo ')).toEqual({ ok: true, command: { kind: 'undo' } });
  });

  it('answers a bad command with a sentence saying what it understands', () => {
    expect(parseEdit('delete GSM')).toEqual({
      ok: false,
      message: expect.stringMatching(/^I don't understand "delete"\. I understand: map <column> to <field>/),
    });
    expect(parseEdit('map GSM')).toMatchObject({
      ok: false,
      message: expect.stringContaining('map <column> to <field>'),
    });
    expect(parseEdit('new patient field "X" varchar from Y')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"patient" is not a Pipedrive object'),
    });
    expect(parseEdit('new person field "X" birthday from Y')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"birthday" is not a Pipedrive field type'),
    });
    expect(parseEdit('transform GSM guess')).toMatchObject({ ok: false, message: expect.stringContaining('one of') });
    expect(parseEdit('transform GSM phone mobile')).toMatchObject({
      ok: false,
      message: expect.stringContaining('key=value'),
    });
    expect(parseEdit('undo twice')).toEqual({ ok: false, message: 'undo takes no arguments.' });
    expect(parseEdit('')).toMatchObject({ ok: false });
  });
});
