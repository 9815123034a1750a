import { describe, expect, it } from 'vitest';
import type { BuiltRecord } from '../../../src/migration/build-record.js';
import { buildPayload, plainToHtml, type Resolver } from '../../../src/migration/payload.js';

const KEY = (c: string) => c.repeat(40);

const resolver: Resolver = {
  record: (entity, key) =>
    new Map([
      ['patients:1001', 501],
      ['insurers:100', 7],
    ]).get(`${entity}:${key}`),
  user: (code) => (code === 'TDM' ? 12 : undefined),
  field: (_object, label) =>
    new Map([
      ['Geboortedatum', { key: KEY('a'), type: 'date', options: [] }],
      [
        'Derdebetaler',
        {
          key: KEY('b'),
          type: 'enum',
          options: [
            { id: 1, label: 'Ja' },
            { id: 2, label: 'Nee' },
          ],
        },
      ],
      ['Remgeld', { key: KEY('c'), type: 'monetary', options: [] }],
    ]).get(label),
  sourceIdField: (object) => (object === 'person' || object === 'deal' ? KEY('f') : undefined),
};

const record = (object: BuiltRecord['object'], fields: BuiltRecord['fields']): BuiltRecord => ({
  sourceKey: `${object}s:1`,
  entity: 'x',
  key: '1',
  object,
  line: 2,
  contentHash: 'h',
  fields,
  defects: [],
});

describe('buildPayload', () => {
  it('builds a v2 person: contacts with one primary, references as ids, custom fields by key, the source id', () => {
    const { body, unresolved } = buildPayload(
      record('person', {
        'person.name': 'Lotte Peeters',
        'person.emails': ['lotte@example.be'],
        'person.phones': [
          { value: '+32475123456', label: 'mobile' },
          { value: '+3232314567', label: 'home' },
        ],
        'person.org_id': { ref: 'insurers', key: '131', union: '100' },
        'person.owner_id': { ref: 'users', key: 'TDM' },
        'person.add_time': '2011-09-02T08:14:00.000Z',
        'person.custom:Geboortedatum': '1987-03-14',
        'person.custom:Derdebetaler': false,
        'person.custom:Unknown': 'dropped',
      }),
      resolver,
    );
    expect(unresolved).toEqual([]);
    expect(body).toEqual({
      name: 'Lotte Peeters',
      emails: [{ value: 'lotte@example.be', label: 'home', primary: true }],
      phones: [
        { value: '+32475123456', label: 'mobile', primary: true },
        { value: '+3232314567', label: 'home', primary: false },
      ],
      org_id: 7,
      owner_id: 12,
      add_time: '2011-09-02T08:14:00Z',
      custom_fields: { [KEY('a')]: '1987-03-14', [KEY('b')]: 2, [KEY('f')]: 'persons:1' },
    });
  });

  it('lists a required reference that did not migrate instead of sending the record without it', () => {
    expect(
      buildPayload(
        record('note', { 'note.person_id': { ref: 'patients', key: '9999' }, 'note.content': 'x' }),
        resolver,
      ).unresolved,
    ).toEqual(['note.person_id']);
    const activity = buildPayload(
      record('activity', { 'activity.participants': [{ ref: 'patients', key: '1001' }] }),
      resolver,
    );
    expect(activity.body.participants).toEqual([{ person_id: 501, primary: true }]);
  });

  it('writes note times the v1 way, note text as HTML, money with its currency', () => {
    const note = buildPayload(
      record('note', { 'note.content': 'a < b\nline 2', 'note.add_time': '2025-01-14T08:18:00Z' }),
      resolver,
    );
    expect(note.body).toEqual({ content: 'a &lt; b<br>line 2', add_time: '2025-01-14 08:18:00' });
    const deal = buildPayload(record('deal', { 'deal.title': 'Kroon', 'deal.custom:Remgeld': 6 }), resolver);
    expect((deal.body.custom_fields as Record<string, unknown>)[KEY('c')]).toEqual({ value: 6, currency: 'EUR' });
  });

  it('escapes HTML in plain text', () => {
    expect(plainToHtml('<b>&\r\n')).toBe('&lt;b&gt;&amp;<br>');
  });
});
