import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSources, type EvalFixture, loadFixtures } from '../../../bench/eval-mapping.js';
import { ENTITIES } from '../../../src/dentadmin/entities.js';
import { CsvRecordParser } from '../../../src/dentadmin/read/csv-records.js';
import { OpenAiMappingModel } from '../../../src/llm/openai-model.js';
import { proposeMap } from '../../../src/mapping/propose.js';
import type { SourceFile } from '../../../src/mapping/sources.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { startStub } from '../../helpers/openai-stub.js';

const work = join(tmpdir(), `ferry-llm-stub-${process.pid}`);
let fixture: EvalFixture;
let files: SourceFile[];

beforeAll(async () => {
  fixture = (await loadFixtures()).find((f) => f.name === 'unusual')!;
  files = await buildSources(fixture, work, 80);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Every cell of the patients and notes files that could identify someone (names, numbers, addresses, text). */
async function patientValues(): Promise<string[]> {
  const values = new Set<string>();
  for (const entity of ['patients', 'notes'] as const) {
    const text = (await readFile(join(work, ENTITIES[entity].file.nl), 'utf8')).replace(/^\uFEFF/, '');
    let header = true;
    new CsvRecordParser(';', 'crlf', (cells) => {
      if (header) {
        header = false;
        return;
      }
      for (const cell of cells) {
        const value = cell.trim();
        // Short codes (J, M, 100, T1) are not personal and occur in any text; everything longer must not.
        if (value.length >= 5 || (/\d{6,}/.test(value) && value.length >= 6)) values.add(value);
      }
    }).push(text);
  }
  return [...values];
}

describe('the LLM path through the real SDK and a local stub', () => {
  it('sends no patient value: the exact request bodies hold headers, profiles and masked shapes only', async () => {
    const stub = await startStub('unusual');
    try {
      const model = new OpenAiMappingModel({ apiKey: 'test', baseUrl: stub.url, model: 'ferry-stub' });
      const { report } = await proposeMap({ files, catalogue: new TargetCatalogue(), model });
      expect(report.llm.calls).toBe(3);
      expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /v1/chat/completions'));
      const bodies = stub.requests.map((r) => r.body).join('\n');
      const values = await patientValues();
      expect(values.length).toBeGreaterThan(500);
      const leaked = values.filter((v) => bodies.includes(v));
      expect(leaked).toEqual([]);
      // The profiles did go out, masked: the membership numbers as digits-only shapes.
      expect(bodies).toContain('Inschrijvingsnr. mutualiteit');
      expect(bodies).toMatch(/9999999999/);
    } finally {
      await stub.close();
    }
  });

  it('uses the recorded replies and rejects the invented target among them', async () => {
    const stub = await startStub('unusual');
    try {
      const model = new OpenAiMappingModel({ apiKey: 'test', baseUrl: stub.url, model: 'ferry-stub' });
      const { content, report } = await proposeMap({ files, catalogue: new TargetCatalogue(), model });
      expect(report.llm.rejected).toEqual([
        expect.objectContaining({
          source: 'patients',
          column: 'Opm.',
          target: 'person.notes',
          reason: expect.stringContaining('invented'),
        }),
      ]);
      const patients = content.objects.find((o) => o.source === 'patients')!;
      expect(patients.rules.find((r) => r.from[0] === 'Opm.')).toMatchObject({ to: null, origin: 'rule' });
      expect(patients.rules.find((r) => r.from[0] === '3e betaler')).toMatchObject({
        to: 'person.custom:Derdebetaler',
        custom: { type: 'enum', options: ['Ja', 'Nee'] },
        transform: { name: 'yes_no' },
        origin: 'llm',
      });
    } finally {
      await stub.close();
    }
  });

  it('falls back to rules when the server fails, after one retry', async () => {
    const stub = await startStub([{ entity: 'patients', status: 500 }]);
    try {
      const model = new OpenAiMappingModel({ apiKey: 'test', baseUrl: stub.url, model: 'ferry-stub' });
      const lines: string[] = [];
      const patients = files.filter((f) => f.entity === 'patients');
      const { content, report } = await proposeMap({
        files: patients,
        catalogue: new TargetCatalogue(),
        model,
        log: (l) => lines.push(l),
      });
      expect(stub.requests).toHaveLength(2);
      expect(report.llm.failures).toBe(1);
      expect(lines[0]).toMatch(/^mapping: LLM unavailable for patients \(The language model did not answer/);
      const headers = new Set(content.objects[0]!.rules.flatMap((r) => r.from));
      expect(headers.size).toBe(patients[0]!.columns.length);
    } finally {
      await stub.close();
    }
  });
});
