/**
 * A patients file larger than everything the streaming ingest works in pieces of: the 1 MB reads (whose
 * buffers are read into again), the 64 KB decoded slices, the 1 MB COPY chunks and the second thread that
 * finishes them (from 8 MB on). Whatever lands across a boundary must be staged exactly as a plain reading of
 * the whole file gives it: csv-parse over the decoded file is the reference here.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateSummary, generateExport } from '../../../src/dentadmin/generate/index.js';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import type { IngestReport } from '../../../src/dentadmin/ingest/types.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const PATIENTS = 45_000;

describe('a patients file of several megabytes', () => {
  let db: TestDatabase;
  let summary: GenerateSummary;
  let report: IngestReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    const outDir = await mkdtemp(join(tmpdir(), 'ferry-large-'));
    summary = await generateExport({
      outDir,
      patients: PATIENTS,
      seed: 'large',
      lang: 'nl',
      encoding: 'cp1252',
      documents: false,
    });
    report = await ingestUpload(db.pool, {
      project: 'large',
      paths: [summary.files.patients],
      maxDocumentBytes: summary.documentSizeLimitBytes,
      exportDate: summary.exportDate,
    });
  }, 120_000);

  afterAll(async () => {
    await db.drop();
    rmSync(summary.outDir, { recursive: true, force: true });
  });

  it('stages every record with the cells and hash a whole-file reading gives', async () => {
    const file = summary.files.patients;
    expect(statSync(file).size).toBeGreaterThan(8 * 1024 * 1024);
    const records = parseCsv(iconv.decode(readFileSync(file), 'win1252'), {
      delimiter: ';',
      record_delimiter: '\r\n',
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    const expected = records.slice(1);
    expect(expected.some((cells) => cells.some((cell) => cell.includes(';')))).toBe(true); // quoted records too

    expect(report.status).toBe('staged');
    expect(report.entities.patients?.rows).toBe(expected.length);
    const { rows } = await db.pool.query<{ cells: string[]; content_hash: string }>(
      `SELECT cells::json AS cells, content_hash FROM staged_rows
       WHERE file_id = (SELECT id FROM snapshot_files WHERE snapshot_id = $1) ORDER BY line`,
      [report.snapshot],
    );
    expect(rows.map((r) => r.cells)).toEqual(expected);
    for (const row of rows) {
      expect(row.content_hash).toBe(createHash('sha1').update(JSON.stringify(row.cells)).digest('hex'));
    }
  });
});
