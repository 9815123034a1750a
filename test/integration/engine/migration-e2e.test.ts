/**
 * The whole migration through the CLI on real Postgres, real pg-boss workers and the Pipedrive sandbox:
 * export → ingest → map → approve → connect → preflight → sample → run → reconcile → delta → rollback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { ferry } from '../../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { copyExport, generatedExport, readCsv, usersOf, writeCsv } from '../../helpers/export-fixture.js';
import { comparable } from '../../helpers/sandbox-state.js';

/**
 * Patients who are already in Pipedrive before the migration, as a practice's own records would be: one with
 * the same e-mail under a differently written name (whose family shares that e-mail), and one with no e-mail
 * but the same name and birth date in the practice's own "Geboortedatum" field. Both must be linked, not
 * duplicated, the family member must get a person of their own, and rollback must leave both as they were.
 */
async function seedExistingPatients(dir: string, sandbox: Sandbox) {
  const [headerLine, ...lines] = readCsv(join(dir, 'patienten.csv')).filter((l) => l !== '');
  const header = headerLine!.split(';');
  const at = (name: string) => header.indexOf(name);
  const defective = new Set(
    readFileSync(join(dir, 'injected.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { entity: string; record: string })
      .filter((d) => d.entity === 'patients')
      .map((d) => d.record),
  );
  const rows = lines.map((l) => l.split(';')).filter((c) => c.length === header.length && !defective.has(c[0]!));
  const email = (c: string[]) => c[at('E-mail')]!.trim().toLowerCase();
  const head = rows.find((c) => email(c) !== '' && rows.some((o) => o !== c && email(o) === email(c)))!;
  const member = rows.find((o) => o !== head && email(o) === email(head))!;
  const person = sandbox.createAsUser('person', {
    name: `${head[at('Naam')]!.toUpperCase()} ${head[at('Voornaam')]}`,
    emails: [{ value: email(head), primary: true }],
  });
  // The practice's own birth-date field: the field registry reuses it instead of creating another.
  const created = await fetch(`${sandbox.url}/api/v2/personFields`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-token': sandbox.token },
    body: JSON.stringify({ field_name: 'Geboortedatum', field_type: 'date' }),
  });
  const birthField = ((await created.json()) as { data: { field_code: string } }).data.field_code;
  const twin = rows.find((c) => email(c) === '' && /^\d\d\/\d\d\/\d{4}$/.test(c[at('Geboortedatum')]!))!;
  const [day, month, year] = twin[at('Geboortedatum')]!.split('/');
  const byBirth = sandbox.createAsUser('person', {
    name: `${twin[at('Voornaam')]} ${twin[at('Naam')]}`,
    custom_fields: { [birthField]: `${year}-${month}-${day}` },
  });
  return {
    byEmail: { patient: `patients:${head[0]}`, id: person.id },
    familyMember: `patients:${member[0]}`,
    byBirth: { patient: `patients:${twin[0]}`, id: byBirth.id },
  };
}

const TOKEN = 'e2e-sandbox-token-0001';

describe('migration end to end (CLI, workers, sandbox)', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let exportDir: string;
  let env: NodeJS.ProcessEnv;
  let before: ReturnType<typeof comparable>;
  let beforeDelta: ReturnType<typeof comparable>;
  let deltaRun: number;
  let deltaCreated: number;
  let linkedByEmail: { patient: string; id: number };
  let familyMember: string;
  let linkedByBirth: { patient: string; id: number };
  const run = (argv: string[]) => ferry([...argv, '--project', 'p1'], env);

  beforeAll(async () => {
    db = await createTestDatabase();
    exportDir = await generatedExport({ patients: 80, seed: 11 });
    sandbox = await startSandbox({ token: TOKEN, plan: 'ultimate', users: usersOf(exportDir) });
    env = { DATABASE_URL: db.url, FERRY_SECRET_KEY: 'test-secret-key-of-enough-length', LOG_LEVEL: 'silent' };
    const existing = await seedExistingPatients(exportDir, sandbox);
    linkedByEmail = existing.byEmail;
    familyMember = existing.familyMember;
    linkedByBirth = existing.byBirth;
    before = comparable(sandbox.snapshot());
  }, 60_000);

  afterAll(async () => {
    await sandbox?.stop();
    await db?.drop();
  });

  it('ingests, proposes and approves the map, and connects', async () => {
    expect((await ferry(['ingest', '--project', 'p1', exportDir, '--json'], env)).code).toBe(0);
    expect((await run(['map', 'propose', '--offline', '--json'])).code).toBe(0);
    expect((await run(['sample'])).code).toBe(1); // nothing moves before an approved map
    expect((await run(['map', 'approve', '--as', 'ana@practice.example'])).code).toBe(0);
    const connected = await run(['connect', '--token', TOKEN, '--url', sandbox.url, '--plan', 'ultimate']);
    expect(connected.code, connected.err).toBe(0);
    expect(connected.err).not.toContain(TOKEN);
  });

  it('passes preflight', async () => {
    const result = await run(['preflight', '--json']);
    const summary = result.json<{ status: string; result: { passed: boolean; blockers: string[] } }>();
    expect(summary.result.blockers).toEqual([]);
    expect(summary.result.passed).toBe(true);
  });

  it('loads a sample whose field-level diff has no unexplained difference', async () => {
    const summary = (await run(['sample', '--json'])).json<{
      status: string;
      diff: Record<string, number>;
      counts: Record<string, { created: number }>;
    }>();
    expect(summary.status).toBe('done');
    expect(summary.diff.match).toBeGreaterThan(100);
    expect(summary.diff.mismatch).toBe(0);
    expect(summary.diff['dropped by Pipedrive']).toBe(0);
    expect(summary.counts.person!.created).toBeGreaterThan(10);
  });

  it('runs the full load without duplicating the sample, and reconciles clean', async () => {
    const personsAfterSample = sandbox.state.count('person');
    // A small document limit: some documents upload, the larger ones stay behind with their name on the patient.
    const smallLimit = { ...env, FERRY_MAX_DOCUMENT_MB: '0.003' };
    const full = (await ferry(['run', '--project', 'p1', '--json'], smallLimit)).json<{
      status: string;
      counts: Record<string, { created: number; linked: number }>;
    }>();
    expect(full.status).toBe('done');
    expect(sandbox.state.count('person')).toBeGreaterThan(personsAfterSample);
    const { rows: tooLarge } = await db.pool.query(
      "SELECT count(*)::int AS n FROM records WHERE object = 'file' AND reason LIKE 'document_too_large%'",
    );
    const field = sandbox.snapshot().fields.find((f) => f.field_name === 'Ferry documents not uploaded');
    const withNames = sandbox
      .snapshot()
      .persons.filter((p) => typeof p.custom_fields?.[field!.field_code] === 'string');
    expect(tooLarge[0].n).toBeGreaterThan(0);
    expect(withNames.length).toBeGreaterThan(0);
    expect(sandbox.snapshot().files.length).toBeGreaterThan(0);
    const reconciled = (await run(['reconcile', '--json'])).json<{
      result: { ok: boolean; objects: Record<string, { missing: number; mismatched: number; duplicates: number }> };
    }>();
    for (const [object, stats] of Object.entries(reconciled.result.objects)) {
      expect({ object, ...stats }).toMatchObject({ object, missing: 0, mismatched: 0, duplicates: 0 });
    }
  });

  it('links patients already in Pipedrive by e-mail or by name and birth date, never a family member', async () => {
    const { rows } = await db.pool.query<{ source_key: string; state: string; pipedrive_id: number }>(
      "SELECT source_key, state, pipedrive_id FROM records WHERE object = 'person' AND source_key = ANY($1)",
      [[linkedByEmail.patient, linkedByBirth.patient, familyMember]],
    );
    const byKey = new Map(rows.map((r) => [r.source_key, r]));
    expect(byKey.get(linkedByEmail.patient)).toMatchObject({ state: 'linked', pipedrive_id: linkedByEmail.id });
    expect(byKey.get(linkedByBirth.patient)).toMatchObject({ state: 'linked', pipedrive_id: linkedByBirth.id });
    expect(byKey.get(familyMember)?.state).toBe('created');
    expect(byKey.get(familyMember)?.pipedrive_id).not.toBe(linkedByEmail.id);
  });

  it('picks up a delta: only changed records are written; one changed or deleted in Pipedrive is a kept conflict', async () => {
    const next = copyExport(exportDir);
    const path = join(next, 'patienten.csv');
    const lines = readCsv(path);
    const header = lines[0]!.split(';');
    const remark = header.indexOf('E-mail');
    const rows = lines
      .slice(1)
      .filter((l) => l.split(';').length === header.length && l.split(';')[remark]?.includes('@'));
    const [changedA, changedB, brokenC, changedD] = [rows[3]!, rows[4]!, rows[5]!, rows[6]!];
    const birth = header.indexOf('Geboortedatum');
    const edit = (line: string, email: string) => {
      const cells = line.split(';');
      cells[remark] = email;
      return cells.join(';');
    };
    writeCsv(
      path,
      lines.map((l) =>
        l === changedA
          ? edit(l, 'new.address.a@example.be')
          : l === changedB
            ? edit(l, 'new.address.b@example.be')
            : l === brokenC
              ? Object.assign(l.split(';'), { [birth]: '31/02/2020' }).join(';') // an impossible date
              : l === changedD
                ? edit(l, 'new.address.d@example.be')
                : l,
      ),
    );
    // Someone at the practice edits patient B in Pipedrive during cutover.
    const personOf = (key: string) =>
      sandbox.snapshot().persons.find((p) => JSON.stringify(p.custom_fields ?? {}).includes(`"patients:${key}"`))!;
    const keyB = changedB.split(';')[0]!;
    const personB = personOf(keyB);
    sandbox.editAsUser('person', personB.id, { name: 'Edited In Pipedrive' });
    // And deletes patient D, who the new export changes too: not brought back.
    const personD = personOf(changedD.split(';')[0]!);
    const deleted = await fetch(`${sandbox.url}/api/v2/persons/${personD.id}`, {
      method: 'DELETE',
      headers: { 'x-api-token': TOKEN },
    });
    expect(deleted.status).toBe(200);
    beforeDelta = comparable(sandbox.snapshot());
    const delta = (await ferry(['delta', '--project', 'p1', next, '--json'], env)).json<{
      run: number;
      status: string;
      conflicts: unknown[];
      result: { counts: Record<string, { updated: number; conflict: number; created: number; skipped: number }> };
    }>();
    expect(delta.status).toBe('done');
    // The broken record stays as Ferry wrote it (still rolled back below); only A is written, B is a conflict.
    expect(delta.result.counts.person).toMatchObject({ updated: 1, conflict: 2, created: 0, skipped: 1 });
    expect(delta.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ object: 'person', source: `patients:${keyB}` }),
        expect.objectContaining({ object: 'person', source: `patients:${changedD.split(';')[0]}` }),
      ]),
    );
    expect(sandbox.state.records('person').some((p) => p.id === personD.id)).toBe(false); // still deleted
    expect(sandbox.state.record('person', personB.id)?.name).toBe('Edited In Pipedrive');
    expect(comparable(sandbox.snapshot())).not.toEqual(beforeDelta);
    deltaRun = delta.run;
    deltaCreated = Object.values(delta.result.counts).reduce((n, c) => n + c.created, 0);
  });

  it('rolls back the delta alone: what it changed is put back, the rest stays migrated', async () => {
    const rolled = (await run(['rollback', '--run', String(deltaRun), '--json'])).json<{
      status: string;
      result: { restored: number; deleted: number; conflicts: unknown[] };
    }>();
    expect(rolled.status).toBe('done');
    expect(rolled.result).toMatchObject({ restored: 1, deleted: deltaCreated, conflicts: [] });
    expect(comparable(sandbox.snapshot())).toEqual(beforeDelta);
  });

  it('rolls back: everything Ferry made is gone, the conflict is kept until forced, pre-existing records are as before', async () => {
    const kept = (await run(['rollback', '--json'])).json<{ status: string; result: { conflicts: unknown[] } }>();
    expect(kept.status).toBe('done');
    expect(kept.result.conflicts).toHaveLength(1);
    const forced = (await run(['rollback', '--force', '--json'])).json<{ status: string }>();
    expect(forced.status).toBe('done');
    expect(comparable(sandbox.snapshot())).toEqual(before);
    const audit = await run(['audit', '--verify', '--json']);
    expect(audit.json<{ verified: { ok: boolean } }>().verified.ok).toBe(true);
  });
});
