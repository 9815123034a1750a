import { describe, expect, it } from 'vitest';
import type { ObjectMap } from '../../../src/mapping/document.js';
import { checkLlmReply } from '../../../src/mapping/llm-reply.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { column } from './fixture-sources.js';

const catalogue = new TargetCatalogue();
const person: ObjectMap = { source: 'patients', target: 'person', rules: [] };
const open = [column('Huisarts'), column('Geboren', 'date'), column('SMS ok', 'boolean')];

const item = (column: string, target: string, extra: Record<string, unknown> = {}) => ({
  column,
  target,
  new_field: null,
  transform: null,
  confidence: 0.8,
  rationale: 'because',
  ...extra,
});
const check = (mappings: unknown[], object = person) =>
  checkLlmReply(JSON.stringify({ mappings }), open, object, catalogue);

describe('checkLlmReply', () => {
  it('accepts a real field and picks the transform its type needs', () => {
    const result = check([item('Geboren', 'person.add_time')]);
    expect(result.rules).toEqual([
      expect.objectContaining({
        from: ['Geboren'],
        to: 'person.add_time',
        transform: { name: 'timestamp' },
        origin: 'llm',
      }),
    ]);
    expect(result.missing).toEqual(['Huisarts', 'SMS ok']);
  });

  it('rejects an invented target and keeps the valid items', () => {
    const result = check([item('Huisarts', 'person.huisarts'), item('Geboren', 'leave behind')]);
    expect(result.rejected).toEqual([
      {
        column: 'Huisarts',
        target: 'person.huisarts',
        reason: '"person.huisarts" is not a field of person (invented target)',
      },
    ]);
    expect(result.rules).toHaveLength(1);
    expect(result.missing).toEqual(['Huisarts', 'SMS ok']);
  });

  it('rejects a field of another object, a column it was not asked about, and a second answer', () => {
    const result = check([
      item('Huisarts', 'deal.title'),
      item('Naam', 'person.name'),
      item('Geboren', 'leave behind'),
      item('Geboren', 'person.add_time'),
    ]);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      '"deal.title" is not a field of person (invented target)',
      'not an open column of this file',
      'the column was answered twice',
    ]);
  });

  it('rejects values that do not fit the field', () => {
    const result = check([item('Huisarts', 'person.add_time')]);
    expect(result.rejected[0]?.reason).toContain('do not fit person.add_time');
  });

  it('creates a custom field only with a label, a real type and on an object that allows one', () => {
    const ok = check([
      item('SMS ok', 'new custom field', {
        new_field: { label: 'Toestemming SMS', type: 'enum' },
        transform: 'yes_no',
      }),
    ]);
    expect(ok.rules[0]).toMatchObject({
      to: 'person.custom:Toestemming SMS',
      custom: { type: 'enum', options: ['Ja', 'Nee'] },
      transform: { name: 'yes_no' },
    });
    const bad = check([
      item('Huisarts', 'new custom field', { new_field: { label: ' ', type: 'varchar' } }),
      item('Geboren', 'new custom field', { new_field: { label: 'Geboren', type: 'birthday' } }),
    ]);
    expect(bad.rejected.map((r) => r.reason)).toEqual([
      'new custom field without a label',
      '"birthday" is not a Pipedrive field type',
    ]);
    const activity = check([item('Huisarts', 'new custom field', { new_field: { label: 'X', type: 'varchar' } })], {
      source: 'appointments',
      target: 'activity',
      rules: [],
    });
    expect(activity.rejected[0]?.reason).toBe('activity records cannot get custom fields');
  });

  it('caps the model’s confidence below what rules get', () => {
    expect(check([item('Huisarts', 'leave behind', { confidence: 1 })]).rules[0]?.confidence).toBe(0.9);
  });

  it('reports a reply that is not JSON or has no list', () => {
    expect(checkLlmReply('{"mappings":', open, person, catalogue).rejected[0]?.reason).toBe('the reply is not JSON');
    expect(checkLlmReply('{"columns":[]}', open, person, catalogue).rejected[0]?.reason).toBe(
      'the reply has no mappings list',
    );
  });
});
