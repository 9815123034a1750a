import { describe, expect, it } from 'vitest';
import { buildLlmInput, LEAVE_BEHIND, NEW_CUSTOM_FIELD } from '../../../src/mapping/llm-prompt.js';
import { maskHeader } from '../../../src/mapping/mask.js';
import type { ColumnProfile } from '../../../src/mapping/sources.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { column, sourceFile } from './fixture-sources.js';

const catalogue = new TargetCatalogue({
  person: [{ field_code: 'c'.repeat(40), field_name: 'Huisarts', field_type: 'varchar', is_custom_field: true }],
});

function input(open: ColumnProfile[]) {
  const file = sourceFile('patients');
  file.columns.push(...open);
  return buildLlmInput(file, { source: 'patients', target: 'person', rules: [] }, open, catalogue);
}

describe('buildLlmInput', () => {
  it('limits the target enum to the live fields of the object, plus new field and leave behind', () => {
    const { schema, schemaName } = input([column('Dokter')]);
    expect(schemaName).toBe('field_map');
    const item = (
      schema as { properties: { mappings: { items: { properties: Record<string, { enum?: string[] }> } } } }
    ).properties.mappings.items.properties;
    expect(item.column?.enum).toEqual(['Dokter']);
    const targets = item.target?.enum ?? [];
    expect(targets).toContain('person.phones');
    expect(targets).toContain('person.custom:Huisarts');
    expect(targets).toContain(NEW_CUSTOM_FIELD);
    expect(targets).toContain(LEAVE_BEHIND);
    expect(targets.some((t) => t.startsWith('deal.'))).toBe(false);
    expect(JSON.stringify(schema)).toContain('"additionalProperties":false');
  });

  it('sends profiles and masked samples, never a value', () => {
    const open = [
      {
        ...column('Dokter'),
        samples: ['Dr. Peeters', 'jan.peeters@example.be', '0475 12 34 56'],
        fillRate: 0.5,
        distinctCount: 3,
      },
    ];
    const { messages } = input(open);
    const text = JSON.stringify(messages);
    expect(text).not.toContain('Peeters');
    expect(text).not.toContain('0475');
    const payload = JSON.parse(messages[1]!.content);
    expect(payload.open_columns[0]).toEqual({
      header: 'Dokter',
      kind: 'text',
      fill_rate: 0.5,
      distinct_count: 3,
      samples: ['Aa. Aaaaaaa', 'aaa.aaaaaaa@aaaaaaa.be', '9999 99 99 99'],
    });
    expect(payload.file).toBe('patienten.csv');
    expect(payload.pipedrive_object).toBe('person');
  });

  it('masks a header that looks like data', () => {
    expect(maskHeader('87031412443')).toBe('99999999999');
    expect(maskHeader('lotte@example.be')).toBe('aaaaa@aaaaaaa.be');
    expect(maskHeader('Geb. datum')).toBe('Geb. datum');
  });
});
