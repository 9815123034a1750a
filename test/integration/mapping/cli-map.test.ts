import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapCommand } from '../../../src/cli/commands/map.js';
import { generateExport } from '../../../src/dentadmin/generate/index.js';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import { hashMapContent, type MapDocument } from '../../../src/mapping/document.js';
import { readAudit } from '../../../src/store/audit.js';
import { loadProjectSources } from '../../../src/store/profiles.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
let dir: string;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function ferryMap(...argv: string[]) {
  const out = sink();
  const err = sink();
  const env = { DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
  const code = await mapCommand.run(argv, { out: out.stream, err: err.stream, env, cwd: dir });
  return { code, out: out.text(), err: err.text() };
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'ferry-cli-map-'));
  await generateExport({ outDir: join(dir, 'export'), patients: 40, seed: 5, lang: 'nl', encoding: 'cp1252' });
  const report = await ingestUpload(db.pool, {
    project: 'praktijk',
    paths: [join(dir, 'export')],
    maxDocumentBytes: 25 * 1024 * 1024,
    exportDate: '2025-11-01',
  });
  expect(report.status).toBe('staged');
});
afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadProjectSources', () => {
  it('reads the latest snapshot’s files and profiles as the proposer sees them', async () => {
    const sources = await loadProjectSources(db.pool, 'praktijk');
    expect(sources?.sourceSystem).toBe('dentadmin');
    expect(sources?.files.map((f) => f.entity).sort()).toEqual([
      'appointments',
      'care_plan_lines',
      'care_plans',
      'documents',
      'insurers',
      'notes',
      'patients',
      'treatments',
      'users',
    ]);
    const patients = sources!.files.find((f) => f.entity === 'patients')!;
    expect(patients.columns[5]).toMatchObject({ header: 'INSZ', columnKey: 'insz', kind: 'insz' });
    expect(patients.columns[1]!.samples.every((s) => !/[b-zB-Z]/.test(s.replace(/[aA]/g, '')))).toBe(true);
    expect(await loadProjectSources(db.pool, 'nobody')).toBeNull();
  });
});

describe('ferry map', () => {
  let proposed: MapDocument;

  it('propose --offline --json prints exactly the map document', async () => {
    const result = await ferryMap('propose', '--project', 'praktijk', '--offline', '--json');
    expect(result.code).toBe(0);
    proposed = JSON.parse(result.out) as MapDocument;
    expect(proposed).toMatchObject({
      project: 'praktijk',
      version: 1,
      status: 'proposed',
      approved_by: null,
      approved_at: null,
    });
    expect(Object.keys(proposed)).toEqual([
      'project',
      'version',
      'hash',
      'status',
      'approved_by',
      'approved_at',
      'objects',
    ]);
    expect(proposed.hash).toBe(hashMapContent(proposed));
    expect(proposed.objects.find((o) => o.source === 'patients')?.target).toBe('person');
    expect(result.err).toContain('LLM: not used');
    expect(result.err).toContain('No errors.');
  });

  it('edits in plain words, shows the difference, and approves with the shown hash', async () => {
    const edit = await ferryMap('edit', 'map `Opmerking` to person.custom:Opmerking', '--project', 'praktijk');
    expect(edit).toMatchObject({ code: 1, err: expect.stringContaining('new person field "Opmerking"') });
    const made = await ferryMap('edit', 'new person field "Opmerking" text from Opmerking', '--project', 'praktijk');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(
      /^patients\.Opmerking → person\.custom:Opmerking \(trim\)\nversion 2 \(sha256:[0-9a-f]{64}\) needs approval\.\n$/,
    );
    const diff = await ferryMap('diff', '--project', 'praktijk');
    expect(diff.out).toBe(
      'version 1 → 2\n~ patients.Opmerking: left behind → person.custom:Opmerking (trim, new text field)\n',
    );
    const approve = await ferryMap('approve', '--as', 'an@praktijk.be', '--project', 'praktijk');
    expect(approve.code).toBe(0);
    expect(approve.out).toMatch(/^Approved version 2 \(sha256:/);
    const shown = JSON.parse((await ferryMap('show', '--json', '--project', 'praktijk')).out) as MapDocument;
    expect(shown).toMatchObject({ version: 2, status: 'approved', approved_by: 'an@praktijk.be' });
    const kinds = (await readAudit(db.pool, 'praktijk')).map((a) => a.kind);
    expect(kinds.slice(-3)).toEqual(['map.proposed', 'map.edited', 'map.approved']);
  });

  it('refuses to approve a version with errors', async () => {
    await ferryMap('edit', 'ignore Titel', '--project', 'praktijk');
    const approve = await ferryMap('approve', '--as', 'an@praktijk.be', '--project', 'praktijk');
    expect(approve.code).toBe(1);
    expect(approve.err).toContain('Pipedrive needs deal.title on every deal');
    const undo = await ferryMap('edit', 'undo', '--project', 'praktijk');
    expect(undo.out).toContain('back to the rules of version 2');
  });

  it('exports and imports the document as a new version', async () => {
    const file = join(dir, 'map.json');
    expect((await ferryMap('export', 'map.json', '--project', 'praktijk', '--version', '1')).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...proposed, status: 'superseded' });
    const imported = await ferryMap('import', 'map.json', '--project', 'praktijk');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^Imported as version 5 \(sha256:/);
    writeFileSync(join(dir, 'bad.json'), '{"objects":[{"source":"patients"}]}');
    const bad = await ferryMap('import', 'bad.json', '--project', 'praktijk');
    expect(bad).toMatchObject({
      code: 1,
      err: expect.stringContaining('The map document is not valid at objects.0.target'),
    });
  });

  it('explains bad usage', async () => {
    expect((await ferryMap('frob', '--project', 'praktijk')).code).toBe(2);
    expect((await ferryMap('show')).err).toContain('missing --project');
    expect((await ferryMap('approve', '--as', 'not-an-email', '--project', 'praktijk')).code).toBe(2);
    const none = await ferryMap('show', '--project', 'empty');
    expect(none).toMatchObject({ code: 1, err: expect.stringContaining('has no map yet') });
  });
});
