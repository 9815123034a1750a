import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipedriveClient, type WriteOutcome } from '../../../src/pipedrive/client.js';
import { createGovernor } from '../../../src/pipedrive/governor.js';
import type { Person } from '../../../src/pipedrive/wire-types.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../src/sandbox/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { exchangeRecorder } from './support/openapi.js';
import { SANDBOX_GAPS, SPEC_BUGS } from './support/spec-bugs.js';
import { buildDist, runWorker } from './support/workers.js';

const TOKEN = 'governed-token-3c9e0b12';

let db: TestDatabase;
const sandboxes: Sandbox[] = [];
// Every exchange of the in-process clients is checked against the OpenAPI files too.
const recorder = exchangeRecorder([...SPEC_BUGS, ...SANDBOX_GAPS]);

async function sandboxFor(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ token: TOKEN, plan: 'growth', seed: 5, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

/** The most requests the sandbox answered for one operation in any rolling window. */
function busiestWindow(sandbox: Sandbox, operation: string, windowMs = 2_000): number {
  const times = sandbox.state.requests
    .filter((r) => r.operation === operation)
    .map((r) => Date.parse(r.time))
    .sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function ledgerTotal(companyKey: string): Promise<number> {
  const { rows } = await db.pool.query<{ spent: number }>(
    'SELECT coalesce(sum(spent), 0)::float8 AS spent FROM pipedrive_token_ledger WHERE company_key = $1',
    [companyKey],
  );
  return rows[0]?.spent ?? 0;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.stop()));
  await db.drop();
  expect(recorder.violations()).toEqual([]);
});

describe('the governed client on the sandbox', () => {
  it('with one worker at the plan’s burst limit, no 429 reaches the client or is even served', async () => {
    const sandbox = await sandboxFor();
    const companyKey = `one:${sandbox.url}`;
    const governor = createGovernor({ pool: db.pool, companyKey, plan: 'growth', seats: 1 });
    const client = createPipedriveClient({
      baseUrl: sandbox.url,
      token: TOKEN,
      governor,
      onExchange: recorder.onExchange,
    });
    const outcomes: WriteOutcome<Person>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < 120) {
          next += 1;
          outcomes.push(await client.persons.create({ name: `Patient ${next}` }));
        }
      }),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(120);
    expect(sandbox.state.tooManyRequests.total).toBe(0);
    expect(busiestWindow(sandbox, 'POST /api/v2/persons')).toBeLessThanOrEqual(40);
    expect(await ledgerTotal(companyKey)).toBe(sandbox.state.tokensSpentToday);
  });

  it('with 4 worker processes sharing one token, keeps the burst limit and books what the sandbox counted', async () => {
    buildDist();
    const sandbox = await sandboxFor();
    const companyKey = `four:${sandbox.url}`;
    const job = {
      baseUrl: sandbox.url,
      token: TOKEN,
      databaseUrl: db.url,
      companyKey,
      plan: 'growth',
      count: 40,
      lanes: 3,
    };
    const reports = await Promise.all([1, 2, 3, 4].map((n) => runWorker({ ...job, prefix: `worker ${n}` })));
    expect(reports.map((r) => r.ok)).toEqual([40, 40, 40, 40]);
    expect(sandbox.state.count('person')).toBe(160);
    expect(sandbox.state.tooManyRequests.total).toBe(0);
    expect(busiestWindow(sandbox, 'POST /api/v2/persons')).toBeLessThanOrEqual(40);
    expect(sandbox.state.tokensSpentToday).toBe(800);
    expect(await ledgerTotal(companyKey)).toBe(sandbox.state.tokensSpentToday);
  }, 60_000);

  it('reports every create whose answer was lost as uncertain, and the record can be found by its source id', async () => {
    const sandbox = await sandboxFor({ plan: 'ultimate', dropRate: 0.05, seed: 21 });
    const governor = createGovernor({ pool: db.pool, companyKey: `drops:${sandbox.url}`, plan: 'ultimate', seats: 1 });
    const client = createPipedriveClient({
      baseUrl: sandbox.url,
      token: TOKEN,
      governor,
      onExchange: recorder.onExchange,
    });
    const field = await client.personFields.create({ field_name: 'Ferry source id', field_type: 'varchar' });
    if (!field.ok) throw field.error;
    const key = field.data.field_code;
    const results: { sourceId: string; outcome: WriteOutcome<Person> }[] = [];
    for (let i = 0; i < 200; i++) {
      const sourceId = `DA-${i}`;
      results.push({
        sourceId,
        outcome: await client.persons.create({ name: `Patient ${i}`, custom_fields: { [key]: sourceId } }),
      });
    }
    const uncertain = results.filter((r) => !r.outcome.ok);
    expect(uncertain.length).toBe(sandbox.state.droppedWrites);
    expect(uncertain.length).toBeGreaterThan(0);
    for (const { outcome } of uncertain)
      expect(outcome).toMatchObject({ ok: false, kind: 'uncertain', error: { code: 'pipedrive_uncertain' } });
    // Every record exists exactly once: the ones we were told about, and the uncertain ones, found by source id.
    const okIds = new Set(results.flatMap((r) => (r.outcome.ok ? [r.outcome.data.id] : [])));
    expect(sandbox.state.count('person')).toBe(200);
    sandbox.setFaults({ dropRate: 0 });
    for (const { sourceId } of uncertain) {
      const hits = await client.itemSearch.field({ entity_type: 'person', field: key, term: sourceId });
      expect(hits).toHaveLength(1);
      expect(okIds.has(hits[0]?.id as number)).toBe(false);
    }
  }, 60_000);
});
