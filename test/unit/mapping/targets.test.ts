import { describe, expect, it } from 'vitest';
import { parseTarget, TargetCatalogue } from '../../../src/mapping/targets.js';

describe('parseTarget', () => {
  it('reads standard and custom targets', () => {
    expect(parseTarget('person.phones')).toEqual({ object: 'person', field: 'phones', custom: false });
    expect(parseTarget('person.custom:Toestemming SMS')).toEqual({
      object: 'person',
      label: 'Toestemming SMS',
      custom: true,
    });
  });
  it('rejects unknown objects and empty parts', () => {
    expect(parseTarget('patient.name')).toBeNull();
    expect(parseTarget('person.')).toBeNull();
    expect(parseTarget('person.custom:')).toBeNull();
    expect(parseTarget('name')).toBeNull();
  });
});

describe('TargetCatalogue', () => {
  it('knows Pipedrive’s standard fields and nothing invented', () => {
    const catalogue = new TargetCatalogue();
    expect(catalogue.find('person.name')).toMatchObject({ type: 'varchar', required: true });
    expect(catalogue.find('activity.due_time')).toMatchObject({ type: 'time' });
    expect(catalogue.find('person.ziekenfonds')).toBeUndefined();
    expect(catalogue.find('person.custom:Geboortedatum')).toBeUndefined();
    expect(catalogue.existingCustomCount).toBe(0);
  });
  it('adds the live custom fields, found by label whatever the case and accents', () => {
    const catalogue = new TargetCatalogue({
      person: [
        { field_code: 'name', field_name: 'Name', field_type: 'varchar', is_custom_field: false },
        {
          field_code: 'a'.repeat(40),
          field_name: 'Mutualité',
          field_type: 'enum',
          options: [{ id: 1, label: 'CM' }],
          is_custom_field: true,
        },
      ],
      deal: [{ field_code: 'b'.repeat(40), field_name: 'RIZIV-code', field_type: 'varchar', is_custom_field: true }],
    });
    expect(catalogue.find('person.custom:mutualite')).toMatchObject({ type: 'enum', options: ['CM'], custom: true });
    expect(catalogue.find('deal.custom:RIZIV-code')).toMatchObject({ type: 'varchar' });
    expect(catalogue.existingCustomCount).toBe(2);
    expect(catalogue.fieldsOf('person').some((f) => f.key === 'custom:Mutualité')).toBe(true);
  });
});
