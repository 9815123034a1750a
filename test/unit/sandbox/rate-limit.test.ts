import { describe, expect, it } from 'vitest';
import { dailyTokenBudget } from '../../../src/sandbox/plans.js';
import { isSearchOperation, RateLimiter } from '../../../src/sandbox/rate-limit.js';

function clock(start = '2026-03-02T10:00:00.000Z') {
  let ms = Date.parse(start);
  return { now: () => new Date(ms), advance: (by: number) => (ms += by), set: (iso: string) => (ms = Date.parse(iso)) };
}

function limiter(plan: 'lite' | 'growth' | 'premium' | 'ultimate' = 'lite', seats = 1, topUpTokens = 0) {
  const time = clock();
  return { time, limiter: new RateLimiter({ plan, seats, topUpTokens, now: time.now }) };
}

describe('daily token budget', () => {
  it('is 30,000 × plan multiplier × seats + top-ups', () => {
    expect(dailyTokenBudget('lite', 1, 0)).toBe(30_000);
    expect(dailyTokenBudget('growth', 3, 1_000)).toBe(181_000);
    expect(dailyTokenBudget('premium', 2, 0)).toBe(300_000);
    expect(dailyTokenBudget('ultimate', 1, 0)).toBe(210_000);
  });

  it('charges each admitted request its cost and refuses a request that no longer fits', () => {
    const { limiter: rl } = limiter();
    rl.spend(29_990);
    expect(rl.take('general', 10).allowed).toBe(true);
    expect(rl.tokensSpentToday()).toBe(30_000);
    const refused = rl.take('general', 1);
    expect(refused).toMatchObject({ allowed: false, reason: 'daily_budget' });
    expect(rl.tokensSpentToday()).toBe(30_000);
  });

  it('refuses with Retry-After until midnight UTC, and resets at midnight UTC of the injected clock', () => {
    const { limiter: rl, time } = limiter();
    time.set('2026-03-02T23:59:00.000Z');
    rl.spend(30_000);
    const refused = rl.take('general', 1);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBe(60);
    time.set('2026-03-03T00:00:00.000Z');
    expect(rl.tokensSpentToday()).toBe(0);
    expect(rl.take('general', 1).allowed).toBe(true);
  });

  it('gives back the whole budget on resetBudget', () => {
    const { limiter: rl } = limiter();
    rl.spend(30_000);
    rl.resetBudget();
    expect(rl.tokensLeftToday()).toBe(30_000);
  });

  it('resumes a persisted ledger of the same day and drops one of an earlier day', () => {
    const time = clock('2026-03-02T10:00:00.000Z');
    const day = Math.floor(time.now().getTime() / 86_400_000);
    const same = new RateLimiter({
      plan: 'lite',
      seats: 1,
      topUpTokens: 0,
      now: time.now,
      ledger: { day, tokensSpent: 500 },
    });
    expect(same.tokensSpentToday()).toBe(500);
    const old = new RateLimiter({
      plan: 'lite',
      seats: 1,
      topUpTokens: 0,
      now: time.now,
      ledger: { day: day - 1, tokensSpent: 500 },
    });
    expect(old.tokensSpentToday()).toBe(0);
  });
});

describe('burst window', () => {
  it('admits 20 requests per rolling 2 s on Lite, then refuses with headers and a retry time', () => {
    const { limiter: rl, time } = limiter('lite');
    for (let i = 0; i < 20; i += 1) {
      const decision = rl.take('general', 1);
      expect(decision.allowed).toBe(true);
      expect(decision.headers).toMatchObject({ limit: 20, remaining: 19 - i });
      time.advance(10);
    }
    const refused = rl.take('general', 1);
    expect(refused).toMatchObject({ allowed: false, reason: 'burst', headers: { limit: 20, remaining: 0 } });
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBe(2);
      expect(refused.headers.resetSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(rl.tokensSpentToday()).toBe(20);
  });

  it('frees a slot when the oldest request leaves the window, and refused requests take no slot', () => {
    const { limiter: rl, time } = limiter('lite');
    for (let i = 0; i < 20; i += 1) {
      rl.take('general', 1);
      time.advance(10);
    }
    for (let i = 0; i < 5; i += 1) expect(rl.take('general', 1).allowed).toBe(false);
    time.advance(1_799); // the first request is now 1,999 ms old
    expect(rl.take('general', 1).allowed).toBe(false);
    time.advance(1);
    expect(rl.take('general', 1)).toMatchObject({ allowed: true, headers: { remaining: 0 } });
    expect(rl.take('general', 1).allowed).toBe(false);
  });

  it('uses the plan limits: growth 40, premium 100, ultimate 120', () => {
    for (const [plan, limit] of [
      ['growth', 40],
      ['premium', 100],
      ['ultimate', 120],
    ] as const) {
      const { limiter: rl } = limiter(plan);
      expect(rl.peek('general').limit).toBe(limit);
      for (let i = 0; i < limit; i += 1) expect(rl.take('general', 1).allowed).toBe(true);
      expect(rl.take('general', 1).allowed).toBe(false);
    }
  });

  it('limits search to 10 per 2 s on every plan, and counts searches in the general window too', () => {
    const { limiter: rl } = limiter('ultimate');
    for (let i = 0; i < 10; i += 1) expect(rl.take('search', 20).allowed).toBe(true);
    expect(rl.take('search', 20)).toMatchObject({ allowed: false, reason: 'search_burst', headers: { limit: 10 } });
    expect(rl.take('general', 1)).toMatchObject({ allowed: true, headers: { limit: 120, remaining: 109 } });
  });

  it('reports an empty window with full remaining and no reset', () => {
    const { limiter: rl } = limiter('growth');
    expect(rl.peek('general')).toEqual({ limit: 40, remaining: 40, resetSeconds: 0 });
  });
});

describe('isSearchOperation', () => {
  it('recognises the search paths', () => {
    expect(isSearchOperation('/persons/search')).toBe(true);
    expect(isSearchOperation('/itemSearch/field')).toBe(true);
    expect(isSearchOperation('/persons/{id}')).toBe(false);
  });
});
