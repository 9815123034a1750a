import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { createLogger, type Logger } from '../../../src/log.js';
import { createPipedriveClient } from '../../../src/pipedrive/client.js';
import { resolveConnection } from '../../../src/pipedrive/connection.js';
import { stopsTheRun } from '../../../src/pipedrive/failure.js';
import { createGovernor } from '../../../src/pipedrive/governor.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../src/sandbox/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { exchangeRecorder } from './support/openapi.js';
import { SANDBOX_GAPS, SPEC_BUGS } from './support/spec-bugs.js';

const TOKEN = 'stop-token-e41f09a7c2';

let db: TestDatabase;
let logs: string[];
let log: Logger;
const sandboxes: Sandbox[] = [];
// Every exchange, error answers included, is checked against the OpenAPI files too.
const recorder = exchangeRecorder([...SPEC_BUGS, ...SANDBOX_GAPS]);
const onExchange = recorder.onExchange;

async function sandboxFor(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ token: TOKEN, plan: 'growth', seed: 9, ...options });
  sandboxes.push(sandbox);
  return sandbox;
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to throw');
}

/** The token is nowhere: not in the error (message, details, stack, causes) and not in any log line. */
function expectNoToken(error: AppError, token = TOKEN) {
  let current: unknown = error;
  while (current instanceof Error) {
    const details = current instanceof AppError ? current.details : {};
    expect(JSON.stringify({ m: current.message, d: details, s: current.stack })).not.toContain(token);
    current = current.cause;
  }
  expect(logs.join('')).not.toContain(token);
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.stop()));
  await db.drop();
  expect(recorder.violations()).toEqual([]);
});
beforeEach(() => {
  logs = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  log = createLogger('trace', sink);
});

describe('run-stopping answers', () => {
  it('connects with a good token: base URL and company key from /users/me', async () => {
    const sandbox = await sandboxFor();
    const connection = await resolveConnection({ token: TOKEN, baseUrlOverride: `${sandbox.url}/`, log, onExchange });
    expect(connection).toMatchObject({ baseUrl: sandbox.url, companyKey: `url:${sandbox.url}`, tokensSpent: 2 });
    expect(connection.user.company_domain).toBeTruthy();
  });

  it('stops on 401 with a sentence about the token, and the token appears nowhere', async () => {
    const sandbox = await sandboxFor();
    const wrong = 'wrong-token-0000aaaa';
    const error = await caught(resolveConnection({ token: wrong, baseUrlOverride: sandbox.url, log, onExchange }));
    expect(error.code).toBe('pipedrive_unauthorized');
    expect(stopsTheRun(error)).toBe(true);
    expect(error.message).toMatch(/refused the API token \(401\)/);
    expectNoToken(error, wrong);
  });

  it('stops on 402 when the account is unpaid', async () => {
    const sandbox = await sandboxFor();
    sandbox.setAccountState('unpaid');
    const client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, log, onExchange });
    const error = await caught(client.persons.create({ name: 'Jan' }));
    expect(error.code).toBe('pipedrive_payment_required');
    expect(error.message).toMatch(/subscription is not active/);
    expectNoToken(error);
  });

  it('stops on Cloudflare’s 403 page', async () => {
    const sandbox = await sandboxFor();
    sandbox.setAccountState('blocked');
    const client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, log, onExchange });
    const error = await caught(client.persons.list().next());
    expect(error).toMatchObject({ code: 'pipedrive_forbidden', details: { cloudflare: true, status: 403 } });
    expect(error.message).toMatch(/firewall \(Cloudflare\)/);
    expectNoToken(error);
  });

  it('stops on a plan cap (403 with a code) and keeps Pipedrive’s message', async () => {
    const sandbox = await sandboxFor({ plan: 'lite' });
    const governor = createGovernor({ pool: db.pool, companyKey: `cap:${sandbox.url}`, plan: 'lite', seats: 1 });
    const client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, governor, log, onExchange });
    for (let i = 0; i < 30; i++) {
      expect((await client.personFields.create({ field_name: `Field ${i}`, field_type: 'varchar' })).ok).toBe(true);
    }
    const error = await caught(client.personFields.create({ field_name: 'One too many', field_type: 'varchar' }));
    expect(error).toMatchObject({
      code: 'pipedrive_forbidden',
      details: { status: 403, code: 'feature_capping_custom_fields_limit' },
    });
    expect(error.message).toMatch(/limit of the Pipedrive plan/);
    expectNoToken(error);
  });
});

describe('the daily budget', () => {
  it('pauses every worker when Pipedrive refuses for budget, and resumes by itself once a probe goes through', async () => {
    const sandbox = await sandboxFor();
    sandbox.spendTokensElsewhere(sandbox.state.dailyBudget - 10);
    const governor = createGovernor({
      pool: db.pool,
      companyKey: `budget:${sandbox.url}`,
      plan: 'growth',
      seats: 1,
      probeIntervalMs: 400,
      log,
    });
    const client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, governor, log, onExchange });
    expect((await client.persons.create({ name: 'A' })).ok).toBe(true);
    expect((await client.persons.create({ name: 'B' })).ok).toBe(true);
    const refused = await caught(client.persons.create({ name: 'C' }));
    expect(refused.code).toBe('pipedrive_rate_limited');
    expect(stopsTheRun(refused)).toBe(false);
    expect((await governor.status()).paused).toBe('pipedrive_budget');

    setTimeout(() => sandbox.resetBudget(), 100);
    const started = Date.now();
    expect((await client.persons.create({ name: 'C' })).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect((await governor.status()).paused).toBeNull();
    expect((await client.persons.create({ name: 'D' })).ok).toBe(true);
    expect(logs.join('')).toMatch(/pipedrive requests paused/);
  });

  it('reports what was spent and what is left, with an ETA', async () => {
    const sandbox = await sandboxFor();
    const governor = createGovernor({ pool: db.pool, companyKey: `eta:${sandbox.url}`, plan: 'growth', seats: 1 });
    const client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, governor, onExchange });
    for (let i = 0; i < 4; i++) await client.persons.create({ name: `P${i}` });
    const status = await governor.status();
    expect(status).toMatchObject({ spentToday: 20, budget: 60_000, usable: 48_000, left: 47_980 });
    expect(status.spentToday).toBe(sandbox.state.tokensSpentToday);
    expect(status.etaSeconds(5 * 400, 400)).toBe(20);
    expect(status.etaSeconds(100_000)).toBeGreaterThan(86_400);
  });
});
