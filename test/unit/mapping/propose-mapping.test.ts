import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../../src/dentadmin/entities.js';
import type { MapContent, MapRule } from '../../../src/mapping/document.js';
import type { LlmInput, MappingModel } from '../../../src/mapping/llm-prompt.js';
import { proposeMap } from '../../../src/mapping/propose.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { validateMap } from '../../../src/mapping/validate.js';
import { allFiles, column, sourceFile } from './fixture-sources.js';

const catalogue = new TargetCatalogue();

function rulesFor(content: MapContent, source: string, header: string): MapRule[] {
  return content.objects.find((o) => o.source === source)?.rules.filter((r) => r.from.includes(header)) ?? [];
}

function replying(content: unknown, seen: LlmInput[] = []): MappingModel {
  return {
    proposeColumns: async (input) => {
      seen.push(input);
      return { content: typeof content === 'string' ? content : JSON.stringify(content) };
    },
  };
}

describe('proposeMap with rules alone', () => {
  it('gives a complete map: every column of every file in exactly one object', async () => {
    const files = allFiles('nl');
    const { content, report } = await proposeMap({ files, catalogue });
    expect(content.objects.map((o) => o.source).sort()).toEqual(files.map((f) => f.entity).sort());
    for (const file of files) {
      const own = content.objects.filter((o) => o.source === file.entity);
      expect(own).toHaveLength(1);
      const mentioned = new Set(own[0]!.rules.flatMap((r) => r.from));
      expect([...mentioned].sort()).toEqual(file.columns.map((c) => c.header).sort());
    }
    expect(report.decidedBy.open).toBe(0);
    expect(report.llm.used).toBe(false);
  });

  it('makes Ferry’s default decisions for patients', async () => {
    const { content } = await proposeMap({ files: [sourceFile('patients')], catalogue });
    expect(rulesFor(content, 'patients', 'Voornaam')[0]).toMatchObject({
      from: ['Voornaam', 'Naam'],
      to: 'person.name',
      transform: { name: 'join_name' },
      origin: 'rule',
    });
    expect(rulesFor(content, 'patients', 'GSM')[0]).toMatchObject({
      to: 'person.phones',
      transform: { name: 'phone', args: { label: 'mobile' } },
    });
    expect(rulesFor(content, 'patients', 'INSZ')[0]).toMatchObject({
      to: 'person.custom:Rijksregisternummer',
      custom: { type: 'varchar' },
      transform: { name: 'insz' },
    });
    expect(rulesFor(content, 'patients', 'Ziekenfonds')[0]).toMatchObject({
      to: 'person.org_id',
      transform: { name: 'fund' },
    });
    expect(rulesFor(content, 'patients', 'Straat')[0]).toMatchObject({
      from: ['Straat', 'Nr', 'Bus', 'Postcode', 'Gemeente', 'Land'],
      to: 'person.custom:Adres',
      custom: { type: 'address' },
    });
    expect(rulesFor(content, 'patients', 'GewijzigdOp')[0]).toMatchObject({
      to: null,
      why: 'Pipedrive keeps its own update time',
    });
    expect(rulesFor(content, 'patients', 'Opmerking')[0]).toMatchObject({ to: null });
  });

  it('maps treatments to deals with a constant currency and appointments to activities with UTC due times', async () => {
    const { content } = await proposeMap({ files: [sourceFile('treatments'), sourceFile('appointments')], catalogue });
    const deals = content.objects.find((o) => o.source === 'treatments')!;
    expect(deals.target).toBe('deal');
    expect(deals.rules.find((r) => r.to === 'deal.currency')).toMatchObject({
      from: [],
      transform: { name: 'constant', args: { value: 'EUR' } },
    });
    expect(rulesFor(content, 'appointments', 'Start').find((r) => Array.isArray(r.to))).toMatchObject({
      to: ['activity.due_date', 'activity.due_time'],
      transform: { name: 'brussels_to_utc' },
    });
  });

  it('uses French labels for a French practice and the name column of its language', async () => {
    const { content, report } = await proposeMap({
      files: [sourceFile('patients', 'fr'), sourceFile('insurers', 'fr')],
      catalogue,
    });
    expect(report.language).toBe('fr');
    expect(rulesFor(content, 'patients', 'NISS')[0]?.to).toBe('person.custom:Numéro de registre national');
    expect(rulesFor(content, 'insurers', 'NomFR')[0]?.to).toBe('organization.name');
    expect(rulesFor(content, 'insurers', 'NomNL')[0]?.to).toBeNull();
  });

  it('passes its own validation on the Lite plan', async () => {
    const files = allFiles('nl');
    const { content } = await proposeMap({ files, catalogue });
    const result = validateMap(content, { files, catalogue, plan: 'lite' });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.customFieldCap.toCreate + result.customFieldCap.reserved).toBeLessThanOrEqual(30);
  });

  it('leaves a column nothing recognises behind, saying so', async () => {
    const file = sourceFile('patients');
    file.columns.push(column('Huisarts', 'text'));
    const { content, report } = await proposeMap({ files: [file], catalogue });
    expect(rulesFor(content, 'patients', 'Huisarts')).toEqual([
      expect.objectContaining({ to: null, why: expect.stringContaining('not recognised') }),
    ]);
    expect(report.decidedBy.open).toBe(1);
  });
});

describe('proposeMap with remembered maps', () => {
  it('reuses an approved map of an earlier project before the rules, for the same headers', async () => {
    const remembered: MapContent = {
      objects: [
        {
          source: 'patients',
          target: 'person',
          rules: [
            {
              from: ['OPMERKING'],
              to: 'person.custom:Opmerking',
              custom: { type: 'text' },
              why: 'the practice wanted it',
            },
          ],
        },
      ],
    };
    const { content, report } = await proposeMap({
      files: [sourceFile('patients')],
      catalogue,
      remembered: [remembered],
    });
    expect(rulesFor(content, 'patients', 'Opmerking')).toEqual([
      expect.objectContaining({
        from: ['Opmerking'],
        to: 'person.custom:Opmerking',
        origin: 'remembered',
        confidence: 0.99,
      }),
    ]);
    expect(rulesFor(content, 'patients', 'GSM')[0]?.origin).toBe('rule');
    expect(report.decidedBy.remembered).toBe(1);
  });
});

describe('proposeMap with an LLM', () => {
  const file = () => {
    const f = sourceFile('patients');
    f.columns.push(column('Huisarts', 'text'), column('Beroep', 'text'));
    return f;
  };

  it('asks only about open columns and uses valid answers', async () => {
    const seen: LlmInput[] = [];
    const model = replying(
      {
        mappings: [
          {
            column: 'Huisarts',
            target: 'new custom field',
            new_field: { label: 'Huisarts', type: 'varchar' },
            transform: null,
            confidence: 0.95,
            rationale: 'family doctor',
          },
          {
            column: 'Beroep',
            target: 'leave behind',
            new_field: null,
            transform: null,
            confidence: 0.6,
            rationale: 'job',
          },
        ],
      },
      seen,
    );
    const { content, report } = await proposeMap({ files: [file()], catalogue, model });
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.messages[1]!.content).open_columns.map((c: { header: string }) => c.header)).toEqual([
      'Huisarts',
      'Beroep',
    ]);
    expect(rulesFor(content, 'patients', 'Huisarts')[0]).toMatchObject({
      to: 'person.custom:Huisarts',
      custom: { type: 'varchar' },
      origin: 'llm',
      confidence: 0.9,
    });
    expect(rulesFor(content, 'patients', 'Beroep')[0]).toMatchObject({ to: null, origin: 'llm' });
    expect(report.decidedBy.llm).toBe(2);
  });

  it('drops and reports an invented target instead of using it', async () => {
    const model = replying({
      mappings: [
        {
          column: 'Huisarts',
          target: 'person.huisarts',
          new_field: null,
          transform: null,
          confidence: 0.99,
          rationale: 'x',
        },
      ],
    });
    const lines: string[] = [];
    const { content, report } = await proposeMap({ files: [file()], catalogue, model, log: (l) => lines.push(l) });
    expect(report.llm.rejected).toEqual([
      expect.objectContaining({
        column: 'Huisarts',
        target: 'person.huisarts',
        reason: expect.stringContaining('invented'),
      }),
    ]);
    expect(rulesFor(content, 'patients', 'Huisarts')).toEqual([expect.objectContaining({ to: null, origin: 'rule' })]);
    expect(lines.join('\n')).toContain('dropped');
  });

  it('falls back to rules when the model fails or answers nonsense', async () => {
    const failing: MappingModel = { proposeColumns: async () => Promise.reject(new Error('connection refused')) };
    const lines: string[] = [];
    const failed = await proposeMap({ files: [file()], catalogue, model: failing, log: (l) => lines.push(l) });
    expect(failed.report.llm.failures).toBe(1);
    expect(lines).toEqual(['mapping: LLM unavailable for patients (connection refused); rules only']);
    expect(rulesFor(failed.content, 'patients', 'Huisarts')[0]?.to).toBeNull();

    const garbled = await proposeMap({ files: [file()], catalogue, model: replying('not json at all') });
    expect(garbled.report.llm.rejected[0]?.reason).toBe('the reply is not JSON');
    expect(rulesFor(garbled.content, 'patients', 'Beroep')[0]?.to).toBeNull();
  });

  it('does not call the model when the rules decided everything', async () => {
    const seen: LlmInput[] = [];
    await proposeMap({ files: [sourceFile('patients')], catalogue, model: replying({ mappings: [] }, seen) });
    expect(seen).toHaveLength(0);
  });

  it('keeps every column of the entity in the map whatever the model says', async () => {
    const model = replying({ mappings: [] });
    const { content } = await proposeMap({ files: [file()], catalogue, model });
    const headers = new Set(content.objects[0]!.rules.flatMap((r) => r.from));
    for (const c of ENTITIES.patients.columns) expect(headers.has(c.nl)).toBe(true);
    expect(headers.has('Huisarts') && headers.has('Beroep')).toBe(true);
  });
});
