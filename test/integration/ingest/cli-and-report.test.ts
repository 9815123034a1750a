import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { ingestCommand } from '../../../src/cli/commands/ingest.js';
import { neutraliseCell, renderSummary, writeDefectReport } from '../../../src/dentadmin/ingest/report-output.js';
import type { IngestReport } from '../../../src/dentadmin/ingest/types.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { PATIENTS_NL, TREATMENTS_NL, USERS_NL, writeExport } from './fixtures.js';

function capture(env: NodeJS.ProcessEnv, cwd: string): { io: CliIo; out: () => string; err: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c) => {
    chunks.out += c;
  });
  err.on('data', (c) => {
    chunks.err += c;
  });
  return { io: { out, err, env, cwd }, out: () => chunks.out, err: () => chunks.err };
}

describe('ferry ingest', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
    // A treatment whose id is a formula: the Excel report must not run it.
    const treatments = `${TREATMENTS_NL}\r\n=SUM(1);999;03/02/2025;TDV;371615;Formule;;;;62,00;54,50;0,00;7,50;eFact;;Geattesteerd`;
    dir = writeExport({ 'patienten.csv': PATIENTS_NL, 'gebruikers.csv': USERS_NL, 'prestaties.csv': treatments });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('prints exactly one JSON document with --json, exits 0, and writes the Excel report', async () => {
    const reportPath = join(mkdtempSync(join(tmpdir(), 'ferry-report-')), 'defects.csv');
    const run = capture(env, dir);
    const code = await ingestCommand.run(['--project', 'cli-test', '.', '--json', '--report', reportPath], run.io);
    expect(code).toBe(0);
    const doc = JSON.parse(run.out());
    expect(doc).toMatchObject({
      project: 'cli-test',
      status: 'staged',
      entities: { patients: { rows: 5 }, treatments: { rows: 4 } },
    });
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual([
      'gebruikers.csv',
      'patienten.csv',
      'prestaties.csv',
    ]);
    expect(run.err()).toMatch(/staging patienten\.csv as patients/);

    const bytes = readFileSync(reportPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('entity;record;line;column;code;severity;message');
    expect(text).toContain("treatments;'=SUM(1);5;PatNr;orphan_reference;error;");
    expect(text).not.toMatch(/;=SUM/);
  });

  it('prints a summary without --json', async () => {
    const run = capture(env, dir);
    expect(await ingestCommand.run(['--project', 'cli-test', 'patienten.csv', 'gebruikers.csv'], run.io)).toBe(0);
    expect(run.out()).toMatch(/^Upload staged as snapshot \d+: 2 files went in\.\n/);
    expect(run.out()).toMatch(/patients\s+5\s+\d+\s+\d+\s+\d+/);
    expect(run.out()).toMatch(/Most frequent defects\n\s+1\s+warning\s+duplicate_patient/);
  });

  it('exits 1 when the upload is refused, 2 on bad usage', async () => {
    const refused = capture(env, dir);
    expect(await ingestCommand.run(['--project', 'cli-test', 'nothing-here.csv', '--json'], refused.io)).toBe(1);
    expect(JSON.parse(refused.out())).toMatchObject({
      status: 'refused',
      fileErrors: [{ file: 'nothing-here.csv', skipped: true }],
    });
    for (const argv of [
      ['.'],
      ['--project', 'Bad Name', '.'],
      ['--project', 'ok'],
      ['--project', 'ok', '.', '--report', '/no/such/dir/r.csv'],
    ]) {
      const run = capture(env, dir);
      expect(await ingestCommand.run(argv, run.io)).toBe(2);
      expect(run.out()).toBe('');
    }
  });
});

describe('report output', () => {
  it('neutralises every cell Excel would run as a formula', () => {
    expect(['=SUM(1)', '+32 475', '-5', '@cmd', '\tx', 'Peeters'].map(neutraliseCell)).toEqual([
      "'=SUM(1)",
      "'+32 475",
      "'-5",
      "'@cmd",
      "'\tx",
      'Peeters',
    ]);
  });

  it('writes file problems first, then defects, in a CSV Excel opens', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ferry-report-')), 'r.csv');
    await writeDefectReport(
      {
        fileErrors: [{ file: 'a.csv', message: 'a.csv: this file is empty (0 bytes).', skipped: true }],
        defects: [
          {
            entity: 'patients',
            record: '1',
            line: 2,
            column: 'Naam',
            code: 'name_missing',
            severity: 'error',
            message: 'No name; "quoted"',
          },
        ],
      },
      file,
    );
    expect(readFileSync(file, 'utf8')).toBe(
      '\uFEFFentity;record;line;column;code;severity;message\r\n;;;;file_skipped;error;a.csv: this file is empty (0 bytes).\r\npatients;1;2;Naam;name_missing;error;"No name; ""quoted"""\r\n',
    );
  });

  it('renders a refused upload so the reason comes first', () => {
    const report: IngestReport = {
      project: 'p',
      snapshot: 3,
      status: 'refused',
      refusal: 'None of the files could be read as a DentAdmin export (see the file errors).',
      files: [
        { file: 'x.csv', entity: null, confidence: 0, encoding: null, delimiter: null, lineEnding: null, rows: 0 },
      ],
      entities: {},
      defects: [],
      fileErrors: [
        { file: 'x.csv', message: 'x.csv: this file is empty (0 bytes). The whole upload was refused.', skipped: true },
      ],
      notes: [],
      topDefects: [],
    };
    const text = renderSummary(report);
    expect(text.split('\n')[0]).toBe(
      'Upload refused, nothing was staged: None of the files could be read as a DentAdmin export (see the file errors).',
    );
    expect(text).toContain('File problems\n  x.csv: this file is empty (0 bytes). The whole upload was refused.');
  });
});
