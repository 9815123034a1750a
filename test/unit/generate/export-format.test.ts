import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../../../src/dentadmin/entities.js';
import { type GenerateOptions, type GenerateSummary, generateExport } from '../../../src/dentadmin/generate/index.js';
import { decodeFile, parseCsv, readEntity, readInjected } from './read-export.js';

const root = mkdtempSync(join(tmpdir(), 'ferry-gen-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
async function generate(options: Partial<GenerateOptions> = {}): Promise<GenerateSummary> {
  counter++;
  return generateExport({
    outDir: join(root, String(counter)),
    patients: 400,
    seed: 7,
    lang: 'nl',
    encoding: 'cp1252',
    documentSizeLimitBytes: 64 * 1024,
    documents: false,
    ...options,
  });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length))
    .sort();
}

describe('determinism', () => {
  test('the same seed and options give byte-identical files, documents included', async () => {
    const a = await generate({ documents: true });
    const b = await generate({ documents: true });
    const files = allFiles(a.outDir);
    expect(files).toEqual(allFiles(b.outDir));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files)
      expect(readFileSync(join(b.outDir, file)).equals(readFileSync(join(a.outDir, file))), file).toBe(true);
  });

  test('a numeric seed and its text give the same export; another seed a different one', async () => {
    const a = await generate({ seed: 7 });
    const b = await generate({ seed: '7' });
    const c = await generate({ seed: 8 });
    expect(readFileSync(b.files.patients).equals(readFileSync(a.files.patients))).toBe(true);
    expect(readFileSync(c.files.patients).equals(readFileSync(a.files.patients))).toBe(false);
  });

  test('the CSVs do not depend on whether document files are written', async () => {
    const a = await generate({ documents: true });
    const b = await generate({ documents: false });
    for (const name of ENTITY_NAMES)
      expect(readFileSync(b.files[name]).equals(readFileSync(a.files[name])), name).toBe(true);
    expect(b.documentsDir).toBeNull();
    expect(existsSync(join(b.outDir, 'documents'))).toBe(false);
    expect(a.documentFilesWritten).toBeGreaterThan(0);
  });
});

describe('encodings', () => {
  let cp: GenerateSummary;
  let utf: GenerateSummary;
  beforeAll(async () => {
    cp = await generate({ encoding: 'cp1252' });
    utf = await generate({ encoding: 'utf8bom' });
  });

  test('UTF-8 files start with a BOM, Windows-1252 files do not', () => {
    for (const name of ENTITY_NAMES) {
      expect([...readFileSync(utf.files[name]).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(readFileSync(cp.files[name])[0]).not.toBe(0xef);
    }
  });

  test('Windows-1252 writes é as the single byte 0xE9', () => {
    const bytes = readFileSync(cp.files.insurers);
    const text = decodeFile(cp.files.insurers, 'cp1252');
    expect(text).toContain('mutualités');
    expect(bytes.includes(Buffer.from('mutualit\xe9s', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('mutualités', 'utf8'))).toBe(false);
  });

  test('both encodings carry the same text', () => {
    for (const name of ENTITY_NAMES)
      expect(decodeFile(cp.files[name], 'cp1252')).toBe(decodeFile(utf.files[name], 'utf8bom'));
  });
});

describe.each(['nl', 'fr'] as const)('layout (%s)', (lang) => {
  let summary: GenerateSummary;
  beforeAll(async () => {
    summary = await generate({ lang, encoding: 'utf8bom', patients: 600 });
  });

  test('file names and header rows are those of entities.ts', () => {
    for (const name of ENTITY_NAMES) {
      expect(summary.files[name]).toBe(join(summary.outDir, ENTITIES[name].file[lang]));
      expect(readEntity(summary.outDir, name, lang, 'utf8bom').header).toEqual(
        ENTITIES[name].columns.map((c) => c[lang]),
      );
    }
  });

  test('rows end in CRLF and the summary counts match the files', () => {
    for (const name of ENTITY_NAMES) {
      const text = decodeFile(summary.files[name], 'utf8bom');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, ''))).toBe(false);
      expect(parseCsv(text).length - 1, name).toBe(summary.rows[name]);
    }
    expect(summary.rows.patients).toBe(600);
    expect(summary.rows.users).toBeGreaterThanOrEqual(5);
    expect(summary.rows.users).toBeLessThanOrEqual(13);
  });

  test('related rows come in the expected proportions per patient', () => {
    const per = (name: keyof GenerateSummary['rows']) => summary.rows[name] / summary.rows.patients;
    expect(per('treatments')).toBeGreaterThan(1.5);
    expect(per('treatments')).toBeLessThan(3);
    expect(per('appointments')).toBeGreaterThan(2.3);
    expect(per('appointments')).toBeLessThan(4);
    expect(per('notes')).toBeGreaterThan(0.7);
    expect(per('notes')).toBeLessThan(1.4);
    expect(per('care_plans')).toBeGreaterThan(0.2);
    expect(per('care_plans')).toBeLessThan(0.45);
    expect(per('documents')).toBeGreaterThan(0.2);
    expect(per('documents')).toBeLessThan(0.45);
  });

  test('multi-line notes are quoted and span several physical lines', () => {
    const { records, at } = readEntity(summary.outDir, 'notes', lang, 'utf8bom');
    const multi = records.filter((r) => (r.fields[at('text')] ?? '').includes('\r\n'));
    expect(multi.length).toBeGreaterThan(10);
    for (const r of multi) expect(r.quoted[at('text')]).toBe(true);
    const index = records.indexOf(multi[0] ?? records[0]!);
    expect(records[index + 1]?.line).toBeGreaterThan((multi[0]?.line ?? 0) + 1);
  });

  test('recurring blocked slots carry a quoted RRULE and no patient', () => {
    const { records, at } = readEntity(summary.outDir, 'appointments', lang, 'utf8bom');
    const series = records.filter((r) => r.fields[at('series_id')] !== '');
    expect(series.length).toBeGreaterThanOrEqual(2);
    for (const r of series) {
      expect(r.fields[at('patient_id')]).toBe('');
      expect(r.fields[at('recurrence')]).toMatch(/^FREQ=WEEKLY;BYDAY=MO;COUNT=\d+$/);
      expect(r.quoted[at('recurrence')]).toBe(true);
    }
  });

  test('users have practice e-mail addresses and one inactive former dentist OUD', () => {
    const { records, at } = readEntity(summary.outDir, 'users', lang, 'utf8bom');
    const domain = lang === 'fr' ? '@cabinet-dentaire-example.be' : '@tandartspraktijk-example.be';
    for (const r of records)
      expect(r.fields[at('email')]?.endsWith(domain) || r.fields[at('email')]?.includes('@@')).toBeTruthy();
    const oud = records.find((r) => r.fields[at('user_code')] === 'OUD');
    expect(oud?.fields[at('active')]).toBe('N');
  });

  test('booleans are written J/N in Dutch and O/N in French', () => {
    const { records, at } = readEntity(summary.outDir, 'patients', lang, 'utf8bom');
    const values = new Set(records.map((r) => r.fields[at('active')]));
    expect([...values].sort()).toEqual(lang === 'fr' ? ['N', 'O'] : ['J', 'N']);
  });
});

describe('clean data a naive validator would flag', () => {
  test('holds INSZ of births from 2000 and BIS numbers, none of them listed as defects', async () => {
    const summary = await generate({ patients: 1500, defectRate: 0.05 });
    const { records, at } = readEntity(summary.outDir, 'patients', 'nl', 'cp1252');
    const listed = new Set(
      readInjected(summary.outDir)
        .filter((e) => e.entity === 'patients')
        .map((e) => e.record),
    );
    const clean = records.filter((r) => !listed.has(r.fields[0] ?? ''));
    const insz = clean.map((r) => r.fields[at('insz')] ?? '');
    const born2000 = clean.filter(
      (r) => Number(r.fields[at('birth_date')]?.slice(6)) >= 2000 && r.fields[at('insz')] !== '',
    );
    expect(born2000.length).toBeGreaterThan(50);
    expect(insz.filter((v) => /^\d{11}$/.test(v) && Number(v.slice(2, 4)) > 40).length).toBeGreaterThan(0);
    expect(
      insz.filter((v) => /^\d{11}$/.test(v) && Number(v.slice(2, 4)) > 20 && Number(v.slice(2, 4)) <= 32).length,
    ).toBeGreaterThan(0);
  });

  test('without large documents (the default above 10,000 patients) a too-large file is declared, not written, and listed as missing too', async () => {
    const summary = await generate({ patients: 1000, defectRate: 0.3, largeDocuments: false, documents: true });
    const large = readInjected(summary.outDir).filter((e) => e.code === 'document_too_large');
    const missing = new Set(
      readInjected(summary.outDir)
        .filter((e) => e.code === 'document_missing')
        .map((e) => e.line),
    );
    expect(large.length).toBeGreaterThan(0);
    const { records, at } = readEntity(summary.outDir, 'documents', 'nl', 'cp1252');
    for (const entry of large) {
      expect(missing.has(entry.line)).toBe(true);
      const row = records.find((r) => r.line === entry.line);
      const path = join(
        summary.outDir,
        'documents',
        ...(row?.fields[at('relative_path')] ?? '').split('\\'),
        row?.fields[at('file_name')] ?? '',
      );
      expect(existsSync(path)).toBe(false);
    }
  });

  test('a defect rate of 0 gives an empty injected list and no rich-text notes', async () => {
    const summary = await generate({ defectRate: 0 });
    expect(readInjected(summary.outDir)).toEqual([]);
    expect(summary.injectedTotal).toBe(0);
    const notes = decodeFile(summary.files.notes, 'cp1252');
    expect(notes).not.toContain('{\\rtf');
    expect(notes).not.toContain('<p>');
  });
});
