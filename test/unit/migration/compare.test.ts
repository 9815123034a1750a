import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../src/migration/compare.js';
import { changedFields } from '../../../src/migration/delta-update.js';
import { phasesOf } from '../../../src/migration/load-run.js';
import { isOwnRecord } from '../../../src/migration/match-remote.js';
import { chooseCovering, inScope } from '../../../src/migration/sample.js';

describe('compareFields', () => {
  it('treats the same value written two ways as a match', () => {
    const result = compareFields(
      {
        due_time: '09:30',
        emails: [{ value: 'a@x.be' }],
        custom_fields: { k: { value: 6, currency: 'EUR' }, a: { value: 'Kerkstraat 1', route: 'Kerkstraat' } },
        add_time: '2025-01-14 08:18:00',
      },
      {
        due_time: '09:30:00',
        emails: [{ value: 'a@x.be', primary: true }],
        custom_fields: { k: { value: 6, currency: 'EUR' }, a: { value: 'Kerkstraat 1' } },
        add_time: '2025-01-14T08:18:00Z',
      },
    );
    expect(result.map((r) => r.status)).toEqual(['match', 'match', 'match', 'match', 'match']);
  });

  it('tells a changed value from a value Pipedrive dropped', () => {
    const result = compareFields({ name: 'A', custom_fields: { k: 'x' } }, { name: 'B', custom_fields: {} });
    expect(result).toEqual([
      { field: 'name', expected: 'A', actual: 'B', status: 'mismatch' },
      { field: 'custom_fields.k', expected: 'x', actual: null, status: 'dropped by Pipedrive' },
    ]);
  });

  it('matches an object value whose keys come back in another order', () => {
    // What Ferry sent is read back from a jsonb column, which reorders keys; Pipedrive answers in its own order.
    const result = compareFields({ custom_fields: { k: { b: 2, a: 1 } } }, { custom_fields: { k: { a: 1, b: 2 } } });
    expect(result.map((r) => r.status)).toEqual(['match']);
  });
});

describe('changedFields', () => {
  it('returns only what differs, custom fields one by one', () => {
    expect(
      changedFields({ name: 'A', custom_fields: { a: 1, b: 2 } }, { name: 'A', custom_fields: { a: 1, b: 3 } }),
    ).toEqual({ custom_fields: { b: 3 } });
    expect(changedFields({ name: 'A' }, { name: 'A' })).toEqual({});
  });

  it('does not count the same value with its object keys in another order as changed', () => {
    // What Ferry sent, as a jsonb column gives it back: keys reordered at every level.
    const stored = {
      emails: [{ label: 'home', value: 'a@b.be', primary: true }],
      custom_fields: { k: { b: 1, a: 2 } },
    };
    const next = { emails: [{ value: 'a@b.be', label: 'home', primary: true }], custom_fields: { k: { a: 2, b: 1 } } };
    expect(changedFields(stored, next)).toEqual({});
  });
});

describe('isOwnRecord', () => {
  it('recognises a person by its Ferry source id and an activity by the values sent under the same person', () => {
    expect(
      isOwnRecord(
        { object: 'person', sourceKey: 'patients:1', body: {}, sourceIdKey: 'k' },
        { id: 1, custom_fields: { k: 'patients:1' } },
      ),
    ).toBe(true);
    expect(
      isOwnRecord(
        { object: 'person', sourceKey: 'patients:1', body: {}, sourceIdKey: 'k' },
        { id: 1, custom_fields: { k: 'patients:2' } },
      ),
    ).toBe(false);
    const body = { subject: 'Controle', due_date: '2025-01-14', due_time: '08:00', participants: [{ person_id: 5 }] };
    expect(
      isOwnRecord(
        { object: 'activity', sourceKey: 'a', body, sourceIdKey: undefined },
        { id: 2, subject: 'Controle', due_date: '2025-01-14', due_time: '08:00:00', person_id: 5 },
      ),
    ).toBe(true);
    expect(
      isOwnRecord(
        { object: 'activity', sourceKey: 'a', body, sourceIdKey: undefined },
        { id: 2, subject: 'Controle', due_date: '2025-01-14', due_time: '08:00:00', person_id: 6 },
      ),
    ).toBe(false);
  });
});

describe('sample choice', () => {
  it('covers every column and defect kind before filling in file order', () => {
    const c = (key: string, columns: string[], defects: string[] = []) => ({
      key,
      columns: new Set(columns),
      defects: new Set(defects),
      patient: null,
    });
    const chosen = chooseCovering(
      [c('1', ['a']), c('2', ['a']), c('3', ['a', 'b']), c('4', ['a'], ['insz_checksum']), c('5', ['a'])],
      3,
    );
    expect(chosen).toEqual(['1', '3', '4']);
    expect(chooseCovering([c('1', ['a']), c('2', ['a'])], 2)).toEqual(['1', '2']);
  });

  it('keeps the occurrences of a chosen recurring appointment in scope', () => {
    const scope = new Map([['appointments', ['A1']]]);
    expect(inScope(scope, 'appointments:A1#3')).toBe(true);
    expect(inScope(scope, 'appointments:A2')).toBe(false);
  });
});

describe('phasesOf', () => {
  it('orders phases by dependency and adds the duplicate-patient phase after persons', () => {
    const map = {
      objects: [
        { source: 'notes', target: 'note' as const, rules: [] },
        { source: 'patients', target: 'person' as const, rules: [] },
        { source: 'insurers', target: 'organization' as const, rules: [] },
        { source: 'users', target: 'user' as const, rules: [] },
      ],
    };
    expect(phasesOf(map)).toEqual([
      'organization:insurers',
      'person:patients',
      'person:patients:duplicates',
      'note:notes',
    ]);
  });
});
