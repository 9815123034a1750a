import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import { toJsonDocument } from '../../../src/dentadmin/ingest/report-output.js';
import type { IngestOptions } from '../../../src/dentadmin/ingest/types.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { NOTES_NL, PATIENTS_NL, TREATMENTS_NL, USERS_FR_TAB, USERS_NL, utf8Bom, writeExport } from './fixtures.js';

const MB = 1024 * 1024;
const options = (paths: string[], project = 'praktijk-peeters'): IngestOptions => ({
  project,
  paths,
  maxDocumentBytes: 25 * MB,
  exportDate: '2025-11-01',
});

describe('ingestUpload', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = writeExport({
      'patienten.csv': PATIENTS_NL,
      'gebruikers.csv': USERS_NL,
      'prestaties.csv': TREATMENTS_NL,
      'notities.csv': NOTES_NL,
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  async function stagedRows(snapshot: number, entity: string) {
    const { rows } = await db.pool.query<{
      line: number;
      record_key: string | null;
      content_hash: string;
      cells: string[];
      refs: Record<string, unknown> | null;
    }>(
      `SELECT line, record_key, content_hash, cells::json AS cells, refs::json AS refs
       FROM staged_rows r JOIN snapshot_files f ON f.id = r.file_id
       WHERE f.snapshot_id = $1 AND f.entity = $2 ORDER BY line`,
      [snapshot, entity],
    );
    return rows;
  }

  it('stages every row of a Windows-1252 export with its raw cells, line, record key and content hash', async () => {
    const report = await ingestUpload(db.pool, options([dir]));
    expect(report.status).toBe('staged');
    expect(report.files.map((f) => [f.entity, f.encoding, f.delimiter, f.lineEnding, f.rows])).toEqual([
      ['users', 'ascii', ';', 'crlf', 2],
      ['patients', 'windows-1252', ';', 'crlf', 5],
      ['treatments', 'ascii', ';', 'crlf', 3],
      ['notes', 'windows-1252', ';', 'crlf', 3],
    ]);
    const patients = await stagedRows(report.snapshot, 'patients');
    expect(patients.map((r) => [r.line, r.record_key])).toEqual([
      [2, '1001'],
      [3, '1002'],
      [4, '1003'],
      [5, '1004'],
      [7, '1005'],
    ]);
    expect(patients[1]!.cells[29]).toBe('Porteur prothèse inf.; allergie pénicilline');
    expect(patients[3]!.cells[29]).toBe('Twee regels:\r\neerste controle ok');
    expect(patients[0]!.cells).toHaveLength(30);
    expect(patients[0]!.content_hash).toMatch(/^[0-9a-f]{40}$/);
    // What the checks across rows read back; providers were checked as the file streamed, and are not kept.
    expect(patients[0]!.refs).toEqual({ insz: '87031412443', nameBirth: 'peeters|lotte|1987-03-14' });
    const notes = await stagedRows(report.snapshot, 'notes');
    expect(notes.map((r) => [r.line, r.record_key, r.cells.length])).toEqual([
      [2, 'N1', 8],
      [4, 'N4', 9],
      [5, 'N5', 8],
    ]);
  });

  it('finds duplicate patients, orphan references and unknown user codes across files', async () => {
    const report = await ingestUpload(db.pool, options([dir]));
    const find = (code: string) =>
      report.defects.filter((d) => d.code === code).map((d) => [d.entity, d.record, d.line, d.column]);
    expect(find('duplicate_patient')).toEqual([['patients', '1005', 7, 'INSZ']]);
    expect(report.defects.find((d) => d.code === 'duplicate_patient')!.message).toMatch(
      /Same INSZ as patient 1002 \(line 3\)/,
    );
    expect(find('orphan_reference')).toEqual([['treatments', '50002', 3, 'PatNr']]);
    expect(find('provider_unknown')).toEqual([['treatments', '50003', 4, 'Verstrekker']]);
    expect(find('ragged_row')).toEqual([['notes', 'N4', 4, null]]);
    expect(report.entities.treatments).toMatchObject({ rows: 3 });
    const t = report.entities.treatments!;
    expect(t.ok + t.warnings + t.errors).toBe(3);
    expect(report.entities.notes).toMatchObject({ rows: 3, errors: 1 });
    expect(report.topDefects[0]!.count).toBeGreaterThan(0);
  });

  it('returns exactly the documented JSON document', async () => {
    const json = JSON.parse(JSON.stringify(toJsonDocument(await ingestUpload(db.pool, options([dir])))));
    expect(Object.keys(json)).toEqual([
      'project',
      'snapshot',
      'status',
      'outcome',
      'files',
      'entities',
      'defects',
      'fileErrors',
      'notes',
    ]);
    expect(json.project).toBe('praktijk-peeters');
    expect(typeof json.snapshot).toBe('number');
    expect(Object.keys(json.files[0])).toEqual([
      'file',
      'entity',
      'confidence',
      'encoding',
      'delimiter',
      'lineEnding',
      'rows',
    ]);
    expect(json.files[0].file).toBe(join(dir, 'gebruikers.csv'));
    expect(Object.keys(json.entities)).toEqual(['users', 'patients', 'treatments', 'notes']);
    expect(Object.keys(json.entities.patients)).toEqual(['rows', 'ok', 'warnings', 'errors']);
    for (const defect of json.defects) {
      expect(Object.keys(defect)).toEqual(['entity', 'record', 'line', 'column', 'code', 'severity', 'message']);
    }
    expect(json.outcome).toMatch(/^Upload staged as snapshot \d+: 4 files went in\.$/);
  });

  it('stages a later export of the same project as a new snapshot, with stable content hashes', async () => {
    const first = await ingestUpload(db.pool, options([dir], 'delta-project'));
    const changed = writeExport({
      'patienten.csv': PATIENTS_NL.replace('lotte.peeters@example.be', 'lotte@example.be'),
    });
    const second = await ingestUpload(db.pool, options([changed], 'delta-project'));
    expect(second.snapshot).toBeGreaterThan(first.snapshot);
    const { rows } = await db.pool.query<{ id: number; status: string }>(
      "SELECT id, status FROM snapshots WHERE project_id = 'delta-project' ORDER BY id",
    );
    expect(rows).toEqual([
      { id: first.snapshot, status: 'staged' },
      { id: second.snapshot, status: 'staged' },
    ]);
    const before = await stagedRows(first.snapshot, 'patients');
    const after = await stagedRows(second.snapshot, 'patients');
    const changedKeys = before.filter((r, i) => r.content_hash !== after[i]!.content_hash).map((r) => r.record_key);
    expect(changedKeys).toEqual(['1001']);
  });

  it('recognises files by their headers whatever they are called: French, tab-separated, UTF-8 with BOM', async () => {
    const other = writeExport({ 'export (2).csv': utf8Bom(USERS_FR_TAB) });
    const report = await ingestUpload(db.pool, options([join(other, 'export (2).csv')]));
    expect(report.files).toEqual([
      {
        file: join(other, 'export (2).csv'),
        entity: 'users',
        confidence: 1,
        encoding: 'utf-8-bom',
        delimiter: '\t',
        lineEnding: 'lf',
        rows: 1,
      },
    ]);
    expect(report.notes).toEqual([]);
  });

  it('flags double-encoded text in a UTF-8 file and stages it unchanged, never repaired', async () => {
    const garbled = PATIENTS_NL.replace('Porteur prothèse inf.; allergie pénicilline', 'Porteur prothÃ¨se inf.')
      .replaceAll('Dubois', 'DuboÃ¯s')
      .replace('Lotte', 'ChloÃ©');
    const other = writeExport({ 'p.csv': Buffer.from(garbled.replaceAll('\r\n', '\n'), 'utf8') });
    const report = await ingestUpload(db.pool, options([other]));
    expect(report.files[0]).toMatchObject({ encoding: 'utf-8', lineEnding: 'lf', rows: 5 });
    expect(report.notes[0]).toMatch(/p\.csv: its text looks double-encoded/);
    const flagged = report.defects.filter((d) => d.code === 'mojibake').map((d) => [d.record, d.column]);
    expect(flagged).toEqual(
      expect.arrayContaining([
        ['1001', 'Voornaam'],
        ['1002', 'Naam'],
        ['1002', 'Opmerking'],
      ]),
    );
    const patients = await stagedRows(report.snapshot, 'patients');
    expect(patients[0]!.cells[2]).toBe('ChloÃ©');
  });

  it('stores column profiles with masked samples only', async () => {
    const report = await ingestUpload(db.pool, options([dir]));
    const { rows } = await db.pool.query(
      `SELECT p.header, p.column_key, p.inferred_type, p.pattern, p.fill_rate, p.distinct_count, p.samples
       FROM column_profiles p JOIN snapshot_files f ON f.id = p.file_id
       WHERE f.snapshot_id = $1 AND f.entity = 'patients' ORDER BY p.position`,
      [report.snapshot],
    );
    expect(rows).toHaveLength(30);
    expect(rows[4]).toMatchObject({
      header: 'Geboortedatum',
      column_key: 'birth_date',
      inferred_type: 'date',
      pattern: 'dd/MM/yyyy',
      fill_rate: 1,
    });
    expect(rows[1]).toMatchObject({ header: 'Naam', inferred_type: 'text', distinct_count: 3 });
    expect(JSON.stringify(rows)).not.toMatch(/Peeters|Janssens|lotte|87031412443/);
  });

  it('checks the documents an export names against its documents folder', async () => {
    const documents = [
      'DocID;PatNr;Datum;Type;Bestandsnaam;RelatiefPad;MIME;GrootteBytes;SHA256;Bron;Omschrijving',
      'D1;1001;14/01/2025;RX-intraoraal;bw.dcm;rx\\1001\\;application/dicom;4;;Sensor;Bitewing links',
      'D2;1001;14/01/2025;OPG;pano.jpg;rx\\1001\\;image/jpeg;41943040;;Panoramisch toestel;Pano',
      'D3;1001;14/01/2025;Foto;weg.jpg;rx\\1001\\;image/jpeg;100;;Camera;Ontbreekt',
      'D4;1001;14/01/2025;Brief;..\\..\\etc\\passwd;;text/plain;100;;Scanner;Buiten de map',
    ].join('\r\n');
    const withDocs = writeExport(
      { 'patienten.csv': PATIENTS_NL, 'documenten.csv': documents },
      { 'rx/1001/bw.dcm': Buffer.from('DICM'), 'rx/1001/pano.jpg': Buffer.alloc(10) },
    );
    const report = await ingestUpload(db.pool, options([withDocs]));
    const docs = report.defects.filter((d) => d.entity === 'documents').map((d) => [d.record, d.code]);
    expect(docs).toEqual([
      ['D2', 'document_too_large'],
      ['D3', 'document_missing'],
      ['D4', 'document_missing'],
    ]);
    expect(report.defects.find((d) => d.record === 'D4')!.message).toMatch(/outside the documents folder/);
  });

  it('says when a check could not run because the upload lacks the file it needs', async () => {
    const report = await ingestUpload(db.pool, options([join(dir, 'prestaties.csv')]));
    expect(report.notes).toEqual([
      `No patients file in this upload: the references in ${join(dir, 'prestaties.csv')} were not checked.`,
      'No users file in this upload: the user codes in the other files were not checked.',
    ]);
    expect(report.defects.filter((d) => d.code === 'orphan_reference' || d.code === 'provider_unknown')).toEqual([]);
  });

  it('reports a family head missing from the patients file, wherever in the file the head is', async () => {
    // 1003 names 1004, which comes later in the file: not an orphan. 1006 names a patient nobody has.
    const orphan = PATIENTS_NL.replace(
      '\r\n1005;',
      '\r\n1006;Peeters;Jan;M;14/03/1987;;N;;;;;;BE;;;;;;;;;9999;;;;;;;;\r\n1005;',
    );
    const report = await ingestUpload(db.pool, options([writeExport({ 'patienten.csv': orphan })]));
    expect(report.defects.filter((d) => d.code === 'orphan_reference').map((d) => [d.record, d.column])).toEqual([
      ['1006', 'GezinshoofdPatNr'],
    ]);
  });

  it('stages two uploads at once one after the other, each whole', async () => {
    const [first, second] = await Promise.all([
      ingestUpload(db.pool, options([dir], 'praktijk-a')),
      ingestUpload(db.pool, options([dir], 'praktijk-b')),
    ]);
    expect([first.status, second.status]).toEqual(['staged', 'staged']);
    for (const report of [first, second]) {
      expect((await stagedRows(report.snapshot, 'patients')).length).toBe(5);
      expect(report.defects.map((d) => d.code).sort()).toEqual(
        (await ingestUpload(db.pool, options([dir], 'praktijk-c'))).defects.map((d) => d.code).sort(),
      );
    }
  });
});
