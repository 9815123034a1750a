import { beforeAll, describe, expect, it } from 'vitest';
import type { MapContent, MapRule, ObjectMap } from '../../../src/mapping/document.js';
import { proposeMap } from '../../../src/mapping/propose.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { type ValidationCode, validateMap } from '../../../src/mapping/validate.js';
import { allFiles } from './fixture-sources.js';

const files = allFiles('nl');
const catalogue = new TargetCatalogue();
let base: MapContent;

beforeAll(async () => {
  base = (await proposeMap({ files, catalogue })).content;
});

function edited(source: string, change: (object: ObjectMap) => void): MapContent {
  const copy = structuredClone(base);
  change(copy.objects.find((o) => o.source === source)!);
  return copy;
}

function ruleOf(object: ObjectMap, header: string): MapRule {
  return object.rules.find((r) => r.from.length === 1 && r.from[0] === header)!;
}

const codes = (content: MapContent, plan: 'lite' | 'growth' = 'growth') =>
  validateMap(content, { files, catalogue, plan })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.code);

function expectOnly(content: MapContent, code: ValidationCode, message?: RegExp) {
  const result = validateMap(content, { files, catalogue, plan: 'growth' });
  const errors = result.issues.filter((i) => i.severity === 'error');
  expect(errors.map((e) => e.code)).toContain(code);
  if (message) expect(errors.find((e) => e.code === code)?.message).toMatch(message);
  expect(result.ok).toBe(false);
}

describe('validateMap', () => {
  it('accepts Ferry’s proposal', () => {
    expect(codes(base, 'lite')).toEqual([]);
  });

  it('rejects an unknown target, naming the fields that exist', () => {
    expectOnly(
      edited('patients', (o) => (ruleOf(o, 'Taal').to = 'person.taal')),
      'unknown_target',
      /person.phones/,
    );
  });

  it('rejects a custom field that neither exists nor says how to create it', () => {
    const content = edited('patients', (o) => {
      const rule = ruleOf(o, 'Taal');
      rule.to = 'person.custom:Voorkeurtaal';
      delete rule.custom;
    });
    expectOnly(content, 'unknown_target', /new person field "Voorkeurtaal"/);
  });

  it('rejects text into a date field', () => {
    const content = edited('patients', (o) => {
      const rule = ruleOf(o, 'Geslacht');
      rule.custom = { type: 'date' };
    });
    expectOnly(content, 'type_mismatch', /gives text values but person.custom:Geslacht is a date field/);
    const wrongInput = edited('patients', (o) => (ruleOf(o, 'Geslacht').transform = { name: 'date' }));
    expectOnly(wrongInput, 'type_mismatch', /holds text values; date cannot convert those/);
  });

  it('requires a person name, a deal title and a note content', () => {
    const noName = edited('patients', (o) => {
      o.rules = o.rules.filter((r) => r.to !== 'person.name');
      o.rules.push({ from: ['Voornaam', 'Naam'], to: null, why: 'test' });
    });
    expectOnly(noName, 'required_missing', /person.name/);
    const noTitle = edited('care_plans', (o) => (ruleOf(o, 'Titel').to = null));
    expectOnly(noTitle, 'required_missing', /deal.title/);
    const noContent = edited('notes', (o) => (ruleOf(o, 'Tekst').to = null));
    expectOnly(noContent, 'required_missing', /note.content/);
  });

  it('counts custom fields to create against the plan’s cap', () => {
    const content = edited('patients', (o) => {
      for (const header of ['Houder', 'GezinshoofdPatNr', 'GewijzigdOp', 'Actief', 'Opmerking']) {
        const rule = ruleOf(o, header);
        rule.to = `person.custom:${header}`;
        rule.custom = { type: 'varchar' };
        rule.transform = { name: 'trim' };
      }
    });
    expect(codes(content, 'lite')).toEqual(['custom_cap']);
    expect(codes(content, 'growth')).toEqual([]);
    const result = validateMap(content, { files, catalogue, plan: 'lite' });
    expect(result.customFieldCap).toMatchObject({ cap: 30, existing: 0, reserved: 3 });
    expect(result.issues[0]?.message).toMatch(/over the lite plan's cap of 30/);
  });

  it('checks that 1:N and N:1 rules read and write the right number of columns', () => {
    const oneToN = edited('appointments', (o) => {
      const rule = o.rules.find((r) => Array.isArray(r.to))!;
      rule.to = ['activity.due_date'];
    });
    expectOnly(oneToN, 'arity', /brussels_to_utc fills 2 field\(s\); the rule for Start names 1/);
    const nToOne = edited('patients', (o) => {
      const rule = o.rules.find((r) => r.to === 'person.name')!;
      rule.from = ['Voornaam', 'Naam', 'Geslacht'];
      o.rules = o.rules.filter((r) => r.from[0] !== 'Geslacht' || r === rule);
    });
    expectOnly(nToOne, 'arity', /join_name reads 1–2 column\(s\)/);
  });

  it('rejects two rules filling one single-valued field, but not a list field', () => {
    const twice = edited('patients', (o) => {
      ruleOf(o, 'Taal').to = 'person.name';
      ruleOf(o, 'Taal').transform = { name: 'trim' };
      delete ruleOf(o, 'Taal').custom;
    });
    expectOnly(twice, 'duplicate_target', /person.name is filled by two rules/);
    expect(codes(base)).not.toContain('duplicate_target'); // Telefoon and GSM both fill person.phones
  });

  it('requires every column in a rule, and only columns the file has', () => {
    const missing = edited('patients', (o) => (o.rules = o.rules.filter((r) => r.from[0] !== 'Taal')));
    expectOnly(missing, 'missing_column', /Column "Taal" of patients is in no rule/);
    const unknown = edited('patients', (o) => o.rules.push({ from: ['Huisarts'], to: null, why: 'x' }));
    expectOnly(unknown, 'unknown_column', /has no column "Huisarts"/);
  });

  it('rejects a column both left behind and mapped, and a left-behind column without a reason', () => {
    const both = edited('patients', (o) => o.rules.push({ from: ['GSM'], to: null, why: 'x' }));
    expectOnly(both, 'column_conflict', /both left behind and mapped/);
    const noWhy = edited('patients', (o) => delete ruleOf(o, 'GewijzigdOp').why);
    expectOnly(noWhy, 'why_missing', /Say why GewijzigdOp is left behind/);
  });

  it('rejects unknown transforms and wrong transform arguments', () => {
    expectOnly(
      edited('patients', (o) => (ruleOf(o, 'Taal').transform = { name: 'guess' })),
      'unknown_transform',
    );
    const noTable = edited('treatments', (o) => (ruleOf(o, 'Status').transform = { name: 'map_values' }));
    expectOnly(noTable, 'transform_args', /map_values needs args.values/);
  });

  it('rejects custom fields where Pipedrive has none, and one label created with two types', () => {
    const activity = edited('appointments', (o) => {
      const rule = ruleOf(o, 'ReeksID');
      rule.to = 'activity.custom:Reeks';
      rule.custom = { type: 'varchar' };
    });
    expectOnly(activity, 'custom_not_allowed');
    const conflict = edited('patients', (o) => {
      const rule = ruleOf(o, 'Actief');
      rule.to = 'person.custom:Taal';
      rule.custom = { type: 'enum' };
      rule.transform = { name: 'yes_no' };
    });
    expectOnly(conflict, 'custom_conflict', /created as varchar and as enum/);
  });

  it('rejects a source mapped twice and warns about a source without a file', () => {
    const twice = structuredClone(base);
    twice.objects.push(structuredClone(twice.objects[0]!));
    expectOnly(twice, 'duplicate_source');
    const extra = structuredClone(base);
    const result = validateMap(extra, {
      files: files.filter((f) => f.entity !== 'documents'),
      catalogue,
      plan: 'growth',
    });
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'no_source_file' })]);
    expect(result.ok).toBe(true);
  });
});
