import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGovernor, type GovernorOptions, type PgRateGovernor } from '../../../src/pipedrive/governor.js';
import { createPool } from '../../../src/store/db.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
let keys = 0;

function governor(overrides: Partial<GovernorOptions> = {}): PgRateGovernor {
  keys += 1;
  return createGovernor({ pool: db.pool, companyKey: `test:${keys}`, plan: 'growth', seats: 1, ...overrides });
}

const person = { cost: 5, search: false };
const headers = {};
const answered = { status: 201, reached: true, headers, budgetExhausted: false };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('Postgres rate governor', () => {
  it('grants the plan’s burst in one window, then says how long to wait', async () => {
    const g = governor();
    for (let i = 0; i < 40; i++) await g.settle(await g.acquire(person), answered);
    const refused = await g.tryAcquire(person);
    expect(refused).toMatchObject({ granted: false, reason: 'burst' });
    if (refused.granted) throw new Error('unreachable');
    expect(refused.waitMs).toBeGreaterThan(1_500);
    expect(refused.waitMs).toBeLessThanOrEqual(2_010);
  });

  it('keeps a slot taken until its answer is settled', async () => {
    const g = governor({ plan: 'lite' });
    const permits = [];
    for (let i = 0; i < 20; i++) permits.push(await g.acquire(person));
    const waiting = await g.tryAcquire(person);
    expect(waiting).toMatchObject({ granted: false, reason: 'burst' });
    if (waiting.granted) throw new Error('unreachable');
    expect(waiting.waitMs).toBeGreaterThan(60_000);
    // A request that never left frees its slot at once.
    await g.settle(permits[0] as (typeof permits)[number], {
      status: undefined,
      reached: false,
      headers,
      budgetExhausted: false,
    });
    expect((await g.tryAcquire(person)).granted).toBe(true);
  });

  it('books tokens in the ledger and reports spent, usable (minus the 20% reserve), left and the reset', async () => {
    const g = governor();
    await g.acquire(person);
    await g.acquire({ cost: 20, search: true });
    await g.charge(2);
    const status = await g.status();
    expect(status).toMatchObject({ spentToday: 27, budget: 60_000, usable: 48_000, left: 47_973, paused: null });
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(status.resetsAt.getTime()).toBe(midnight.getTime());
    expect(status.etaSeconds(100, 20)).toBe(1);
  });

  it('moves the daily reset to a configured time zone and hour', async () => {
    const status = await governor({ resetTimeZone: 'America/Los_Angeles', resetHour: 0 }).status();
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(local.format(status.resetsAt)).toBe('00:00');
    expect(status.resetsAt.getTime()).toBeGreaterThan(Date.now());
    expect(status.resetsAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('pauses when the usable budget is spent, keeping the reserve', async () => {
    const g = governor({ plan: 'lite', reservePct: 20 });
    await g.charge(23_998);
    expect(await g.tryAcquire(person)).toMatchObject({ granted: false, reason: 'daily_budget' });
    expect((await g.status()).paused).toBe('daily_budget');
    expect((await g.tryAcquire({ cost: 2, search: false })).granted).toBe(true);
  });

  it('refunds a refused request and makes every worker wait after a 429', async () => {
    const options = { companyKey: `shared:${Date.now()}`, pool: db.pool, plan: 'growth' as const, seats: 1 };
    const first = createGovernor(options);
    const second = createGovernor(options);
    const permit = await first.acquire(person);
    await first.settle(permit, {
      status: 429,
      reached: true,
      headers: { retryAfterMs: 1_000, remaining: 0 },
      budgetExhausted: false,
    });
    expect((await second.status()).spentToday).toBe(0);
    const refused = await second.tryAcquire(person);
    expect(refused).toMatchObject({ granted: false, reason: 'blocked' });
    const { rows } = await db.pool.query('SELECT refused FROM pipedrive_token_ledger WHERE company_key = $1', [
      options.companyKey,
    ]);
    expect(rows[0].refused).toBe(1);
  });

  it('after a 429 for the budget, probes once per interval and resumes when a probe goes through', async () => {
    const g = governor({ probeIntervalMs: 200 });
    const permit = await g.acquire(person);
    await g.settle(permit, { status: 429, reached: true, headers: { remaining: 30 }, budgetExhausted: true });
    expect(await g.tryAcquire(person)).toMatchObject({ granted: false, reason: 'pipedrive_budget' });
    const probe = await g.acquire(person);
    expect(probe.probe).toBe(true);
    expect(await g.tryAcquire(person)).toMatchObject({ granted: false, reason: 'pipedrive_budget' });
    await g.settle(probe, { status: 201, reached: true, headers, budgetExhausted: false });
    expect((await g.tryAcquire(person)).granted).toBe(true);
  });

  it('keeps several processes (separate pools) inside one window together', async () => {
    const companyKey = `many:${Date.now()}`;
    const pools = Array.from({ length: 4 }, () => createPool(db.url, 3));
    const granted: number[] = [];
    try {
      const governors = pools.map((pool) => createGovernor({ pool, companyKey, plan: 'lite', seats: 1, marginMs: 0 }));
      const deadline = Date.now() + 3_000;
      await Promise.all(
        governors.flatMap((g) =>
          [1, 2].map(async () => {
            while (Date.now() < deadline) {
              const decision = await g.tryAcquire(person);
              if (!decision.granted) {
                await new Promise((resolve) => setTimeout(resolve, Math.min(decision.waitMs, deadline - Date.now())));
                continue;
              }
              granted.push(decision.stamp - g.limits.inFlightMs);
              const permit = {
                cost: 5,
                day: decision.day,
                search: false,
                probe: false,
                windowCount: decision.windowCount,
                stamp: decision.stamp,
              };
              await g.settle(permit, answered);
            }
          }),
        ),
      );
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    granted.sort((a, b) => a - b);
    expect(granted.length).toBeGreaterThanOrEqual(40);
    // A slot frees a window after its answer, so grants 20 apart are at least a window apart.
    for (let i = 20; i < granted.length; i++)
      expect((granted[i] as number) - (granted[i - 20] as number)).toBeGreaterThanOrEqual(2_000);
  });

  it('decides in a couple of milliseconds', async () => {
    const g = governor({ plan: 'ultimate', burst: 100_000 });
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      await g.tryAcquire(person);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p50 = times[150] as number;
    const p95 = times[285] as number;
    console.log(`governor tryAcquire: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
    expect(p50).toBeLessThan(5);
  });
});
