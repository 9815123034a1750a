import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import type { IngestOptions } from '../../../src/dentadmin/ingest/types.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { NOTES_NL, PATIENTS_NL, USERS_NL, writeExport } from './fixtures.js';

const options = (paths: string[]): IngestOptions => ({
  project: 'bad-input',
  paths,
  maxDocumentBytes: 1024 * 1024,
  exportDate: '2025-11-01',
});
const WENT_IN = 'The file was skipped; the rest of the upload went in.';
const REFUSED = 'The whole upload was refused.';

describe('bad input', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function stagedCount(snapshot: number): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM staged_rows r JOIN snapshot_files f ON f.id = r.file_id WHERE f.snapshot_id = $1',
      [snapshot],
    );
    return rows[0]!.n;
  }

  it('skips an empty file, a binary file and an unknown entity, naming each, and stages the rest', async () => {
    const dir = writeExport({
      'patienten.csv': PATIENTS_NL,
      'leeg.csv': Buffer.alloc(0),
      'foto.csv': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'facturen.csv': 'Factuurnr;Bedrag;Vervaldag\r\n1;10,00;01/01/2025\r\n',
    });
    const report = await ingestUpload(db.pool, options([dir]));
    expect(report.status).toBe('staged');
    expect(report.fileErrors).toEqual([
      {
        file: join(dir, 'facturen.csv'),
        line: 1,
        message: `${join(dir, 'facturen.csv')}, line 1: this file does not look like any DentAdmin export (closest: care_plan_lines, 18% match); its headers are: Factuurnr, Bedrag, Vervaldag. ${WENT_IN}`,
        skipped: true,
      },
      {
        file: join(dir, 'foto.csv'),
        message: `${join(dir, 'foto.csv')}: this file looks like a binary file, not a CSV file. ${WENT_IN}`,
        skipped: true,
      },
      {
        file: join(dir, 'leeg.csv'),
        message: `${join(dir, 'leeg.csv')}: this file is empty (0 bytes). ${WENT_IN}`,
        skipped: true,
      },
    ]);
    expect(report.entities.patients?.rows).toBe(5);
    expect(await stagedCount(report.snapshot)).toBe(5);
    const { rows } = await db.pool.query(
      'SELECT file_name, error FROM snapshot_files WHERE snapshot_id = $1 AND error IS NOT NULL',
      [report.snapshot],
    );
    expect(rows).toHaveLength(3);
  });

  it('stages a ragged row with its raw cells and an error naming file and line, and says so', async () => {
    const dir = writeExport({ 'notities.csv': NOTES_NL });
    const report = await ingestUpload(db.pool, options([dir]));
    const ragged = report.defects.find((d) => d.code === 'ragged_row')!;
    expect(ragged).toEqual({
      entity: 'notes',
      record: 'N4',
      line: 4,
      column: null,
      code: 'ragged_row',
      severity: 'error',
      message: `${join(dir, 'notities.csv')} line 4: this row has 9 values where the header has 8, probably an unquoted ; or line break in a text field. The row is kept but not migrated until it is fixed in DentAdmin and exported again.`,
    });
    expect(report.fileErrors).toEqual([
      {
        file: join(dir, 'notities.csv'),
        line: 4,
        message: `${join(dir, 'notities.csv')}, line 4: 1 row has the wrong number of values; staged but not validated (see the ragged_row defects).`,
        skipped: false,
      },
    ]);
    expect(await stagedCount(report.snapshot)).toBe(3);
  });

  it('names the line of a byte that is not valid in the file’s encoding, and keeps the row', async () => {
    const cp1252 = Buffer.concat([
      iconv.encode(`${USERS_NL}\r\n`, 'win1252'),
      Buffer.from('OUD;W'),
      Buffer.from([0x81]),
      Buffer.from('uters;Marc;Tandarts;;J;;;N;30/06/2019 18:00\r\n'),
    ]);
    // A UTF-8 file whose first 64 KB are clean, then one Windows-1252 é (0xE9).
    const filler = Array.from({ length: 2500 }, (_, i) => `U${i};Lambert;Hélène;Assistent;;;;;J;`).join('\r\n');
    const utf8 = Buffer.concat([
      Buffer.from(`${USERS_NL.split('\r\n')[0]}\r\n${filler}\r\nX1;Caf`),
      Buffer.from([0xe9]),
      Buffer.from(';Luc;;;;;;J;\r\n'),
    ]);
    const dir = writeExport({ 'gebruikers.csv': cp1252 });
    const other = writeExport({ 'users.csv': utf8 });
    const first = await ingestUpload(db.pool, options([dir]));
    expect(first.fileErrors[0]).toMatchObject({
      line: 4,
      skipped: false,
      message: expect.stringContaining('line 4: 1 row holds bytes that cannot be read as windows-1252 (lines 4)'),
    });
    expect(first.defects.filter((d) => d.line === 4).map((d) => d.code)).toContain('mojibake');
    expect(first.entities.users?.rows).toBe(3);
    const second = await ingestUpload(db.pool, options([other]));
    expect(second.files[0]!.encoding).toBe('utf-8');
    expect(second.fileErrors[0]).toMatchObject({
      line: 2502,
      message: expect.stringContaining('cannot be read as utf-8 (lines 2502)'),
    });
    expect(second.entities.users?.rows).toBe(2501);
  });

  it('skips a file whose quoted field never closes, naming the line, and keeps nothing of it', async () => {
    const broken = `${USERS_NL}\r\nOUD;"Wouters;Marc;Tandarts;;J;;;N;30/06/2019 18:00\r\n`;
    const dir = writeExport({ 'gebruikers.csv': broken, 'patienten.csv': PATIENTS_NL });
    const report = await ingestUpload(db.pool, options([dir]));
    expect(report.status).toBe('staged');
    expect(report.fileErrors).toEqual([
      {
        file: join(dir, 'gebruikers.csv'),
        line: 4,
        message: `${join(dir, 'gebruikers.csv')}, line 4: a quoted field opened on line 4 is never closed; the file cannot be read past it. ${WENT_IN}`,
        skipped: true,
      },
    ]);
    expect(report.files.map((f) => [f.file, f.entity, f.rows])).toEqual([
      [join(dir, 'gebruikers.csv'), null, 0],
      [join(dir, 'patienten.csv'), 'patients', 5],
    ]);
    expect(await stagedCount(report.snapshot)).toBe(5);
  });

  it('refuses the whole upload when no file can be read, and records why', async () => {
    const dir = writeExport({ 'leeg.csv': Buffer.alloc(0) });
    const report = await ingestUpload(db.pool, options([dir, join(dir, 'missing.csv')]));
    expect(report.status).toBe('refused');
    expect(report.refusal).toBe('None of the files could be read as a DentAdmin export (see the file errors).');
    expect(report.fileErrors.map((e) => e.message)).toEqual([
      `${join(dir, 'missing.csv')}: not found. ${REFUSED}`,
      `${join(dir, 'leeg.csv')}: this file is empty (0 bytes). ${REFUSED}`,
    ]);
    const { rows } = await db.pool.query('SELECT status, refusal FROM snapshots WHERE id = $1', [report.snapshot]);
    expect(rows[0]).toEqual({ status: 'refused', refusal: report.refusal });
  });

  it('refuses an upload with two files of the same entity, naming both', async () => {
    const dir = writeExport({
      'patienten.csv': PATIENTS_NL,
      'patienten (1).csv': PATIENTS_NL,
      'gebruikers.csv': USERS_NL,
    });
    const report = await ingestUpload(db.pool, options([dir]));
    expect(report.status).toBe('refused');
    expect(report.refusal).toBe(
      `${join(dir, 'patienten (1).csv')} and ${join(dir, 'patienten.csv')} all hold patients. An upload takes one file per kind of record: remove the extra file and upload again.`,
    );
    expect(await stagedCount(report.snapshot)).toBe(0);
  });

  // Root reads any file, so this only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('skips a file it may not read, naming the reason', async () => {
    const dir = writeExport({ 'patienten.csv': PATIENTS_NL, 'geheim.csv': USERS_NL });
    chmodSync(join(dir, 'geheim.csv'), 0o000);
    const report = await ingestUpload(db.pool, options([dir]));
    expect(report.fileErrors[0]!.message).toBe(
      `${join(dir, 'geheim.csv')}: this file could not be opened (EACCES). ${WENT_IN}`,
    );
    expect(report.entities.patients?.rows).toBe(5);
  });

  it('rejects a project id that is not a slug', async () => {
    await expect(ingestUpload(db.pool, { ...options([]), project: 'Praktijk Peeters' })).rejects.toMatchObject({
      code: 'usage',
    });
  });
});
