/** Providers without a Pipedrive user block the run until one is pinned or a fallback owner is chosen. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { ferry } from '../../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { generatedExport, readCsv, usersOf } from '../../helpers/export-fixture.js';

const TOKEN = 'owners-sandbox-token-001';

describe('owners and preflight', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  let missing: { name: string; email: string };
  let exportDir: string;
  const run = (argv: string[]) => ferry([...argv, '--project', 'p1'], env);

  beforeAll(async () => {
    db = await createTestDatabase();
    exportDir = await generatedExport({ patients: 20, seed: 5, defectRate: 0 });
    const [first, ...others] = usersOf(exportDir);
    missing = first!;
    // The practice's first provider has no account in this Pipedrive company.
    sandbox = await startSandbox({
      token: TOKEN,
      plan: 'growth',
      users: [{ name: 'Office', email: 'office@practice.example' }, ...others],
    });
    env = { DATABASE_URL: db.url, FERRY_SECRET_KEY: 'test-secret-key-of-enough-length', LOG_LEVEL: 'silent' };
    for (const argv of [
      ['ingest', exportDir],
      ['map', 'propose', '--offline'],
      ['map', 'approve', '--as', 'ana@practice.example'],
      ['connect', '--token', TOKEN, '--url', sandbox.url],
    ]) {
      const result = await run(argv);
      expect(result.code, result.err).toBe(0);
    }
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.drop();
  });

  it('blocks the run while a provider matches no Pipedrive user, naming the provider', async () => {
    const owners = (await run(['owners', '--json'])).json<{ unmatched: { email: string; code: string }[] }>();
    expect(owners.unmatched.map((p) => p.email)).toEqual([missing.email.toLowerCase()]);
    const preflight = (await run(['preflight', '--json'])).json<{ result: { passed: boolean; blockers: string[] } }>();
    expect(preflight.result.passed).toBe(false);
    expect(preflight.result.blockers[0]).toContain(owners.unmatched[0]!.code);
    const blocked = await run(['run', '--json']);
    expect(blocked.code).toBe(1);
    expect(blocked.json<{ status: string }>().status).toBe('failed');
    expect(sandbox.state.count('person')).toBe(0);
  });

  it('passes once a fallback owner is chosen, and audits the decision', async () => {
    expect((await run(['owners', '--set', 'XYZ=nobody@nowhere.example'])).code).toBe(2);
    expect((await run(['owners', '--fallback', 'office@practice.example'])).code).toBe(0);
    const preflight = (await run(['preflight', '--json'])).json<{ result: { passed: boolean } }>();
    expect(preflight.result.passed).toBe(true);
    const audit = (await run(['audit', '--json'])).json<{ kinds: Record<string, number> }>();
    expect(audit.kinds['owners.set']).toBe(1);
    expect(audit.kinds['pipedrive.connected']).toBe(1);
  });

  it('counts the documents to upload, their total size and those over the size limit', async () => {
    const [header, ...rows] = readCsv(join(exportDir, 'documenten.csv')).filter((line) => line !== '');
    const sizes = rows.map((line) => Number(line.split(';')[header!.split(';').indexOf('GrootteBytes')]));
    const limitMb = 0.004; // 4,194 bytes: some of the generated documents are larger, some smaller
    const limitBytes = Math.round(limitMb * 1024 * 1024);
    expect(sizes.some((size) => size > limitBytes) && sizes.some((size) => size <= limitBytes)).toBe(true);

    const preflight = await ferry(['preflight', '--json', '--project', 'p1'], {
      ...env,
      FERRY_MAX_DOCUMENT_MB: String(limitMb),
    });

    expect(preflight.json<{ result: { attachments: unknown } }>().result.attachments).toEqual({
      count: sizes.length,
      totalBytes: sizes.reduce((sum, size) => sum + size, 0),
      overLimit: sizes.filter((size) => size > limitBytes).length,
    });
  });

  it("stops a run with Pipedrive's own sentence when the account is not paid, without retrying for ever", async () => {
    sandbox.setAccountState('unpaid');
    const started = Date.now();
    const stopped = await run(['run', '--json']);
    sandbox.setAccountState('ok');
    expect(stopped.code).toBe(1);
    const summary = stopped.json<{ status: string; error: string }>();
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(/subscription is not active/);
    expect(summary.error).not.toContain(TOKEN);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
