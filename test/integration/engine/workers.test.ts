/**
 * The engine under stress: several worker processes share one run, one is killed with SIGKILL mid-run, and
 * the sandbox fails or drops requests at random. Nothing may be written twice and nothing may be missing.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { ferry } from '../../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { generatedExport, usersOf } from '../../helpers/export-fixture.js';
import { startWorkerProcess, type WorkerProcess } from '../../helpers/worker-process.js';

const TOKEN = 'workers-sandbox-token-01';

interface Setup {
  db: TestDatabase;
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
}

async function prepare(options: { seed: number; failRate?: number; dropRate?: number }): Promise<Setup> {
  const db = await createTestDatabase();
  const exportDir = await generatedExport({ patients: 60, seed: options.seed });
  const sandbox = await startSandbox({ token: TOKEN, plan: 'premium', users: usersOf(exportDir), seed: options.seed });
  const env = { DATABASE_URL: db.url, FERRY_SECRET_KEY: 'test-secret-key-of-enough-length', LOG_LEVEL: 'silent' };
  for (const argv of [
    ['ingest', exportDir],
    ['map', 'propose', '--offline'],
    ['map', 'approve', '--as', 'ana@practice.example'],
    ['connect', '--token', TOKEN, '--url', sandbox.url, '--plan', 'premium'],
  ]) {
    const result = await ferry([...argv, '--project', 'p1'], env);
    expect(result.code, result.err).toBe(0);
  }
  sandbox.setFaults({ failRate: options.failRate ?? 0, dropRate: options.dropRate ?? 0 });
  return { db, sandbox, env };
}

async function chunksDone(db: TestDatabase): Promise<number> {
  const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM run_chunks WHERE status = 'done'");
  return rows[0].n;
}

async function reconcileClean(setup: Setup) {
  setup.sandbox.setFaults({ failRate: 0, dropRate: 0 });
  const result = (await ferry(['reconcile', '--project', 'p1', '--json'], setup.env)).json<{
    result: { objects: Record<string, { missing: number; duplicates: number; extra: number; present: number }> };
  }>();
  return result.result.objects;
}

describe('workers', { timeout: 240_000 }, () => {
  const workers: WorkerProcess[] = [];
  const setups: Setup[] = [];
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const setup of setups) {
      await setup.sandbox.stop();
      await setup.db.drop();
    }
  });

  it('shares one run between 3 worker processes without writing any record twice, within the burst limit', async () => {
    const setup = await prepare({ seed: 21 });
    setups.push(setup);
    workers.push(...[1, 2, 3].map(() => startWorkerProcess(setup.env)));
    const result = await ferry(['run', '--project', 'p1', '--no-worker', '--json'], setup.env);
    expect(result.json<{ status: string }>().status).toBe('done');
    const objects = await reconcileClean(setup);
    for (const [object, stats] of Object.entries(objects))
      expect({ object, ...stats }).toMatchObject({ object, missing: 0, duplicates: 0, extra: 0 });
    const persons = setup.sandbox.state.operations['POST /api/v2/persons']?.count ?? 0;
    expect(persons).toBe(objects.person!.present - 0); // every person created exactly once
    expect(setup.sandbox.state.tooManyRequests.burst).toBe(0);
  });

  it('survives a worker killed with SIGKILL mid-run and a sandbox that fails and drops requests', async () => {
    const setup = await prepare({ seed: 22, failRate: 0.05, dropRate: 0.02 });
    setups.push(setup);
    const first = startWorkerProcess(setup.env);
    workers.push(first, startWorkerProcess(setup.env));
    const running = ferry(['run', '--project', 'p1', '--no-worker', '--json'], setup.env);
    const deadline = Date.now() + 120_000;
    while ((await chunksDone(setup.db)) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await first.kill('SIGKILL');
    const result = await running;
    expect(result.json<{ status: string }>().status).toBe('done');
    expect(setup.sandbox.state.droppedWrites).toBeGreaterThan(0);
    const objects = await reconcileClean(setup);
    for (const [object, stats] of Object.entries(objects))
      expect({ object, ...stats }).toMatchObject({ object, missing: 0, duplicates: 0, extra: 0 });
  });
});
