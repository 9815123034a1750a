/**
 * End to end: a generated 5,000-patient export with injected defects goes through ingest, and the defects
 * Ferry reports are matched against the generator's injected list (entity + record + code).
 * On failure the misses and the errors on clean records are printed, to fix the generator or the validator.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateSummary, generateExport, type InjectedDefect } from '../../../src/dentadmin/generate/index.js';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import type { IngestReport } from '../../../src/dentadmin/ingest/types.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const PATIENTS = 5_000;
const MIN_RECALL = 0.95;

const key = (d: { entity: string; record: string | null; code: string }) => `${d.entity}|${d.record}|${d.code}`;

function tally(items: readonly { entity: string; code: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of items) counts[`${d.entity}/${d.code}`] = (counts[`${d.entity}/${d.code}`] ?? 0) + 1;
  return counts;
}

describe('a generated 5,000-patient export', () => {
  let db: TestDatabase;
  let summary: GenerateSummary;
  let report: IngestReport;
  let injected: InjectedDefect[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const outDir = await mkdtemp(join(tmpdir(), 'ferry-recall-'));
    summary = await generateExport({ outDir, patients: PATIENTS, seed: 'recall', lang: 'nl', encoding: 'cp1252' });
    injected = readFileSync(summary.injectedFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as InjectedDefect);
    report = await ingestUpload(db.pool, {
      project: 'recall',
      paths: [outDir],
      maxDocumentBytes: summary.documentSizeLimitBytes,
      exportDate: summary.exportDate,
    });
  }, 120_000);

  afterAll(async () => {
    await db.drop();
    rmSync(summary.outDir, { recursive: true, force: true });
  });

  it('stages every generated row', () => {
    expect(report.status).toBe('staged');
    expect(report.fileErrors.filter((e) => e.skipped)).toEqual([]);
    for (const [entity, rows] of Object.entries(summary.rows)) {
      expect(report.entities[entity as keyof typeof report.entities]?.rows, entity).toBe(rows);
    }
  });

  it(`recovers at least ${MIN_RECALL * 100} % of the injected defects`, () => {
    const found = new Set(report.defects.map(key));
    const misses = injected.filter((d) => !found.has(key(d)));
    const recall = 1 - misses.length / injected.length;
    if (recall < MIN_RECALL) console.log('missed by kind:', tally(misses), '\nfirst misses:', misses.slice(0, 20));
    console.log(
      `recall ${recall.toFixed(4)} (${injected.length - misses.length} of ${injected.length} injected defects)`,
    );
    expect(injected.length).toBeGreaterThan(500);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('reports no error on a record that had nothing injected', () => {
    const damaged = new Set(injected.map((d) => `${d.entity}|${d.record}`));
    const wrong = report.defects.filter((d) => d.severity === 'error' && !damaged.has(`${d.entity}|${d.record}`));
    if (wrong.length > 0) console.log('errors on clean records by kind:', tally(wrong), '\nfirst:', wrong.slice(0, 20));
    expect(wrong).toEqual([]);
  });
});
