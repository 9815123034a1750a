import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFECT_CODES } from '../../../src/dentadmin/defects.js';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src/dentadmin/entities.js';
import { type GenerateSummary, generateExport, type InjectedDefect } from '../../../src/dentadmin/generate/index.js';
import { parseDay, validateExport } from './mini-validator.js';
import { readEntity, readInjected, recordKey } from './read-export.js';

const SIZE_LIMIT = 64 * 1024;

describe.each([
  { lang: 'nl', encoding: 'cp1252' },
  { lang: 'fr', encoding: 'utf8bom' },
] as const)('injected defects ($lang, $encoding)', ({ lang, encoding }) => {
  let dir: string;
  let summary: GenerateSummary;
  let injected: InjectedDefect[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-gen-defects-'));
    summary = await generateExport({
      outDir: dir,
      patients: 1500,
      seed: `defects-${lang}`,
      lang,
      encoding,
      defectRate: 0.15,
      documentSizeLimitBytes: SIZE_LIMIT,
    });
    injected = readInjected(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('lists only known defect codes, real headers and every code the brief names', () => {
    for (const entry of injected) {
      expect(Object.keys(DEFECT_CODES)).toContain(entry.code);
      if (entry.column !== null) expect(ENTITIES[entry.entity].columns.map((c) => c[lang])).toContain(entry.column);
    }
    const codes = new Set(injected.map((e) => e.code));
    for (const code of Object.keys(DEFECT_CODES)) {
      if (code !== 'date_format_mixed') expect(codes, code).toContain(code);
    }
  });

  test('every listed line is where its record starts', () => {
    const byEntity = new Map<EntityName, Map<number, string>>();
    for (const entity of ENTITY_NAMES) {
      const { records } = readEntity(dir, entity, lang, encoding);
      byEntity.set(entity, new Map(records.map((r) => [r.line, recordKey(entity, r)])));
    }
    for (const entry of injected)
      expect(byEntity.get(entry.entity)?.get(entry.line), JSON.stringify(entry)).toBe(entry.record);
  });

  test('ragged rows have more columns than the header, all other rows exactly as many', () => {
    const ragged = new Set(injected.filter((e) => e.code === 'ragged_row').map((e) => `${e.entity}:${e.line}`));
    expect(ragged.size).toBeGreaterThan(0);
    for (const entity of ENTITY_NAMES) {
      const { header, records } = readEntity(dir, entity, lang, encoding);
      for (const r of records) {
        if (ragged.has(`${entity}:${r.line}`)) expect(r.fields.length).toBeGreaterThan(header.length);
        else expect(r.fields.length, `${entity} line ${r.line}`).toBe(header.length);
      }
    }
  });

  test('counts per code in the summary match injected.jsonl', () => {
    const counts: Record<string, number> = {};
    for (const e of injected) counts[e.code] = (counts[e.code] ?? 0) + 1;
    expect(summary.injected).toEqual(counts);
    expect(summary.injectedTotal).toBe(injected.length);
  });

  test('an independent re-check finds exactly the listed defects on every record, and none elsewhere', () => {
    const exportDay = parseDay('01/11/2025') ?? 0;
    const listed = new Map<string, Set<string>>();
    for (const e of injected) {
      const key = `${e.entity}|${e.line}`;
      listed.set(key, (listed.get(key) ?? new Set()).add(e.code));
    }
    const problems: string[] = [];
    for (const finding of validateExport(dir, lang, encoding, exportDay, SIZE_LIMIT)) {
      const expected = [...(listed.get(`${finding.entity}|${finding.line}`) ?? [])].sort();
      const found = [...finding.codes].sort();
      if (expected.join() !== found.join()) {
        problems.push(
          `${finding.entity} ${finding.record} line ${finding.line}: listed [${expected}] found [${found}]`,
        );
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  test('duplicates point back at an earlier patient with the same identity', () => {
    const patients = readEntity(dir, 'patients', lang, encoding);
    const dups = injected.filter((e) => e.code === 'duplicate_patient');
    expect(dups.length).toBeGreaterThan(0);
    for (const dup of dups) {
      const row = patients.records.find((r) => r.line === dup.line);
      const same = patients.records.filter(
        (r) =>
          r.line < dup.line &&
          r.fields[patients.at('birth_date')] === row?.fields[patients.at('birth_date')] &&
          r.fields[patients.at('first_name')] === row?.fields[patients.at('first_name')],
      );
      expect(same.length).toBeGreaterThan(0);
    }
  });
});
