import { describe, expect, it } from 'vitest';
import { applyCustomFields, type CustomValueContext } from '../../../src/sandbox/custom-values.js';
import type { CustomFieldRecord } from '../../../src/sandbox/records.js';

function field(code: string, type: string, options: number[] = []): CustomFieldRecord {
  return {
    id: 1,
    entity: 'person',
    field_code: code,
    field_name: code,
    description: null,
    field_type: type,
    options: options.length
      ? options.map((id) => ({ id, label: `o${id}`, color: null, add_time: '', update_time: '' }))
      : null,
    add_time: '',
    update_time: '',
    add_visible_flag: false,
    details_visible_flag: true,
    important_enabled: false,
    required_enabled: false,
  };
}

const fields = [
  field('a'.repeat(40), 'varchar'),
  field('b'.repeat(40), 'enum', [1, 2]),
  field('c'.repeat(40), 'set', [3, 4]),
  field('d'.repeat(40), 'monetary'),
  field('e'.repeat(40), 'address'),
  field('f'.repeat(40), 'double'),
];
const ctx: CustomValueContext = {
  fields: new Map(fields.map((f) => [f.field_code, f])),
  strict: false,
  defaultCurrency: 'EUR',
};

describe('applyCustomFields', () => {
  it('stores valid values in v2 shapes and ignores unknown keys', () => {
    const values = applyCustomFields(
      {},
      {
        ['a'.repeat(40)]: 'P-001',
        ['b'.repeat(40)]: 2,
        ['c'.repeat(40)]: [3, 4],
        ['d'.repeat(40)]: 12.5,
        ['e'.repeat(40)]: 'Rue X 1',
        ['9'.repeat(40)]: 'ignored',
      },
      ctx,
    );
    expect(values).toEqual({
      ['a'.repeat(40)]: 'P-001',
      ['b'.repeat(40)]: 2,
      ['c'.repeat(40)]: [3, 4],
      ['d'.repeat(40)]: { value: 12.5, currency: 'EUR' },
      ['e'.repeat(40)]: expect.objectContaining({ value: 'Rue X 1', locality: null }),
    });
  });

  it('clears a value with null', () => {
    expect(applyCustomFields({ ['a'.repeat(40)]: 'x' }, { ['a'.repeat(40)]: null }, ctx)).toEqual({});
  });

  it('rejects values of the wrong type, unknown options and an empty set', () => {
    expect(() => applyCustomFields({}, { ['f'.repeat(40)]: '12' }, ctx)).toThrow(/must be a number/);
    expect(() => applyCustomFields({}, { ['b'.repeat(40)]: 9 }, ctx)).toThrow(/options/);
    expect(() => applyCustomFields({}, { ['c'.repeat(40)]: [] }, ctx)).toThrow(/non-empty/);
  });

  it('rejects unknown keys when strict', () => {
    expect(() => applyCustomFields({}, { ['9'.repeat(40)]: 'x' }, { ...ctx, strict: true })).toThrow(/not a field/);
  });
});
