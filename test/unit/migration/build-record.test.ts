import { describe, expect, it } from 'vitest';
import type { ObjectMap } from '../../../src/mapping/document.js';
import { blockingDefect, buildRecords, type SourceRow } from '../../../src/migration/build-record.js';

const row = (key: string, cells: Record<string, string>, line = 2): SourceRow => ({
  entity: 'patients',
  key,
  line,
  contentHash: `h${key}`,
  cells: new Map(Object.entries(cells)),
});

const patients: ObjectMap = {
  source: 'patients',
  target: 'person',
  rules: [
    { from: ['Voornaam', 'Naam'], to: 'person.name', transform: { name: 'join_name' } },
    { from: ['Telefoon'], to: 'person.phones', transform: { name: 'phone', args: { label: 'home' } } },
    { from: ['GSM'], to: 'person.phones', transform: { name: 'phone', args: { label: 'mobile' } } },
    { from: ['Geboortedatum'], to: 'person.custom:Geboortedatum', transform: { name: 'date' } },
    { from: ['GewijzigdOp'], to: null, why: 'Pipedrive keeps its own' },
  ],
};

describe('buildRecords', () => {
  it('applies every rule and collects list targets from several columns', () => {
    const [record] = buildRecords(
      patients,
      [
        row('1001', {
          Voornaam: 'Lotte',
          Naam: 'Peeters',
          Telefoon: '03 231 45 67',
          GSM: '0475 12 34 56',
          Geboortedatum: '14/03/1987',
          GewijzigdOp: 'x',
        }),
      ],
      {},
    );
    expect(record).toMatchObject({ sourceKey: 'patients:1001', object: 'person' });
    expect(record!.fields).toEqual({
      'person.name': 'Lotte Peeters',
      'person.phones': [
        { value: '+3232314567', label: 'home' },
        { value: '+32475123456', label: 'mobile' },
      ],
      'person.custom:Geboortedatum': '1987-03-14',
    });
    expect(record!.defects).toEqual([]);
  });

  it('keeps a defect instead of guessing, and an error blocks the record', () => {
    const [record] = buildRecords(
      patients,
      [row('1002', { Voornaam: 'A', Naam: 'B', Geboortedatum: '31/02/2020', GSM: '3,2E+10' })],
      {},
    );
    expect(record!.fields['person.custom:Geboortedatum']).toBeUndefined();
    expect(record!.defects.map((d) => d.code).sort()).toEqual(['date_invalid', 'phone_invalid']);
    expect(blockingDefect(record!)?.code).toBe('date_invalid');
  });

  it('skips a record without a value Pipedrive requires instead of sending it to be refused', () => {
    const [nameless, dateless] = buildRecords(
      patients,
      [row('1003', { Voornaam: ' ', Naam: '' }), row('1004', { Voornaam: '', Naam: '', Geboortedatum: '00/00/0000' })],
      {},
    );
    expect(blockingDefect(nameless!)).toMatchObject({ code: 'name_missing', severity: 'error' });
    // The first error is the reason given; a second one for the same record adds nothing.
    expect(dateless!.defects.map((d) => d.code)).toEqual(['date_invalid']);
  });

  it('expands a recurring appointment into one activity per occurrence with its own key', () => {
    const appointments: ObjectMap = {
      source: 'appointments',
      target: 'activity',
      rules: [
        {
          from: ['Herhaling', 'Start'],
          to: 'activity.recurrence',
          transform: { name: 'rrule_occurrences', args: { horizonDays: 365 } },
        },
        { from: ['Reden'], to: 'activity.subject' },
      ],
    };
    const records = buildRecords(
      appointments,
      [
        {
          ...row('A9004', { Herhaling: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', Start: '03/11/2025 12:00', Reden: 'Pauze' }),
          entity: 'appointments',
        },
      ],
      { now: new Date('2025-11-01T00:00:00Z') },
    );
    expect(records.map((r) => r.sourceKey)).toEqual([
      'appointments:A9004',
      'appointments:A9004#2',
      'appointments:A9004#3',
    ]);
    expect(records.map((r) => [r.fields['activity.due_date'], r.fields['activity.due_time']])).toEqual([
      ['2025-11-03', '11:00'],
      ['2025-11-10', '11:00'],
      ['2025-11-17', '11:00'],
    ]);
    expect(records[0]!.fields['activity.recurrence']).toBeUndefined();
  });

  it('folds rows that share the fold columns into one record', () => {
    const lines: ObjectMap = {
      source: 'care_plan_lines',
      target: 'note',
      fold: { by: ['PlanID'] },
      rules: [
        { from: ['PlanID'], to: 'note.deal_id', transform: { name: 'ref', args: { entity: 'care_plans' } } },
        { from: ['Omschrijving'], to: 'note.content' },
      ],
    };
    const rows = [
      { ...row('P700:1', { PlanID: 'P700', Omschrijving: 'Extractie 36' }), entity: 'care_plan_lines' },
      { ...row('P700:2', { PlanID: 'P700', Omschrijving: 'Afdruk' }), entity: 'care_plan_lines' },
      { ...row('P701:1', { PlanID: 'P701', Omschrijving: 'Kroon' }), entity: 'care_plan_lines' },
    ];
    const records = buildRecords(lines, rows, {});
    expect(records.map((r) => [r.sourceKey, r.fields['note.content']])).toEqual([
      ['care_plan_lines:P700', 'Extractie 36\n\nAfdruk'],
      ['care_plan_lines:P701', 'Kroon'],
    ]);
  });

  it('builds nothing for a file left behind or for users', () => {
    expect(buildRecords({ source: 'users', target: 'user', rules: [] }, [row('TDM', {})], {})).toEqual([]);
    expect(buildRecords({ source: 'x', target: null, rules: [] }, [row('1', {})], {})).toEqual([]);
  });
});
