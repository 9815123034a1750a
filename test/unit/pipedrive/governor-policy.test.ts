import { describe, expect, it } from 'vitest';
import {
  type AttemptReport,
  adaptToAnswer,
  completeSlot,
  decideSlot,
  EMPTY_WINDOW,
  etaSeconds,
  type GovernorLimits,
  tokensCharged,
  type WindowState,
} from '../../../src/pipedrive/governor-policy.js';

const LIMITS: GovernorLimits = {
  burst: 40,
  searchBurst: 10,
  windowMs: 2_000,
  marginMs: 50,
  inFlightMs: 60_000,
  usableTokens: 48_000,
  probeIntervalMs: 300_000,
};
const T0 = 1_700_000_000_000;
const view = (nowMs: number, spentToday = 0) => ({ nowMs, spentToday, resetsAtMs: T0 + 3_600_000 });
const person = { cost: 5, search: false };

/** Grants `count` requests at `nowMs`, answered at once, returning the state. */
function fill(count: number, nowMs: number, state: WindowState = EMPTY_WINDOW): WindowState {
  let current = state;
  for (let i = 0; i < count; i++) {
    const decision = decideSlot(current, person, view(nowMs), LIMITS);
    if (!decision.granted) throw new Error(`refused request ${i}`);
    current = completeSlot(decision.state, { stamp: decision.stamp, search: false }, nowMs, true);
  }
  return current;
}

const report = (overrides: Partial<AttemptReport>): AttemptReport => ({
  nowMs: T0,
  status: 200,
  search: false,
  probe: false,
  windowCount: 1,
  budgetExhausted: false,
  ...overrides,
});

describe('decideSlot', () => {
  it('grants the burst limit in one window and refuses the next until the oldest slot frees (plus margin)', () => {
    const full = fill(40, T0);
    const refused = decideSlot(full, person, view(T0 + 100), LIMITS);
    expect(refused).toEqual({ granted: false, waitMs: 2_050 - 100, reason: 'burst' });
    expect(decideSlot(full, person, view(T0 + 2_050), LIMITS).granted).toBe(true);
  });

  it('keeps an unanswered slot taken, and frees a slot whose request never left', () => {
    const granted = decideSlot(EMPTY_WINDOW, person, view(T0), LIMITS);
    if (!granted.granted) throw new Error('refused');
    expect(granted.state.recent).toEqual([T0 + 60_000]);
    const answered = completeSlot(granted.state, { stamp: granted.stamp, search: false }, T0 + 700, true);
    expect(answered.recent).toEqual([T0 + 700]);
    expect(completeSlot(granted.state, { stamp: granted.stamp, search: false }, T0 + 700, false).recent).toEqual([]);
  });

  it('never lets Pipedrive see more than the limit in a window, whatever the network delays (simulation)', () => {
    const limits = { ...LIMITS, marginMs: 0 };
    let state: WindowState = EMPTY_WINDOW;
    const arrivals: number[] = [];
    // Each lane: ask; when granted, the request arrives after a random delay and is answered after another.
    const events = Array.from({ length: 12 }, (_, lane) => ({
      at: T0 + lane,
      lane,
      stamp: 0,
      phase: 'ask' as 'ask' | 'answer',
    }));
    while (arrivals.length < 600) {
      events.sort((a, b) => a.at - b.at);
      const event = events.shift() as (typeof events)[number];
      if (event.phase === 'answer') {
        state = completeSlot(state, { stamp: event.stamp, search: false }, event.at, true);
        events.push({ ...event, phase: 'ask' });
        continue;
      }
      const decision = decideSlot(state, person, view(event.at), limits);
      if (!decision.granted) {
        events.push({ ...event, at: event.at + decision.waitMs });
        continue;
      }
      state = decision.state;
      const arrival = event.at + Math.random() * 400;
      arrivals.push(arrival);
      events.push({ ...event, at: arrival + Math.random() * 400, stamp: decision.stamp, phase: 'answer' });
    }
    arrivals.sort((a, b) => a - b);
    for (let i = 40; i < arrivals.length; i++) {
      expect((arrivals[i] as number) - (arrivals[i - 40] as number)).toBeGreaterThanOrEqual(2_000);
    }
  });

  it('holds search requests to 10 per window and counts them in the general window too', () => {
    let state: WindowState = EMPTY_WINDOW;
    for (let i = 0; i < 10; i++) {
      const decision = decideSlot(state, { cost: 20, search: true }, view(T0), LIMITS);
      if (!decision.granted) throw new Error('refused');
      state = completeSlot(decision.state, { stamp: decision.stamp, search: true }, T0, true);
    }
    expect(decideSlot(state, { cost: 20, search: true }, view(T0), LIMITS)).toMatchObject({
      granted: false,
      reason: 'search_burst',
    });
    const other = decideSlot(state, person, view(T0), LIMITS);
    expect(other.granted && other.windowCount).toBe(11);
  });

  it('keeps the reserve: refuses a request whose tokens exceed the usable budget until the reset', () => {
    const decision = decideSlot(EMPTY_WINDOW, person, view(T0, 47_996), LIMITS);
    expect(decision).toEqual({ granted: false, waitMs: 3_600_000, reason: 'daily_budget' });
    expect(decideSlot(EMPTY_WINDOW, person, view(T0, 47_995), LIMITS).granted).toBe(true);
  });

  it('waits for a shared block', () => {
    const blocked = { ...EMPTY_WINDOW, blockedUntil: T0 + 1_500 };
    expect(decideSlot(blocked, person, view(T0), LIMITS)).toEqual({ granted: false, waitMs: 1_500, reason: 'blocked' });
  });

  it('obeys a lower limit that Pipedrive reported', () => {
    const state = fill(20, T0, { ...EMPTY_WINDOW, serverLimit: 20 });
    expect(decideSlot(state, person, view(T0), LIMITS)).toMatchObject({ granted: false, reason: 'burst' });
  });

  it('while Pipedrive says its budget is spent, lets one probe through per interval', () => {
    const exhausted = { ...EMPTY_WINDOW, exhaustedSince: T0, nextProbeAt: T0 + 300_000 };
    expect(decideSlot(exhausted, person, view(T0 + 1_000), LIMITS)).toMatchObject({
      granted: false,
      reason: 'pipedrive_budget',
    });
    const probe = decideSlot(exhausted, person, view(T0 + 300_000), LIMITS);
    expect(probe).toMatchObject({ granted: true, probe: true });
    if (!probe.granted) throw new Error('unreachable');
    expect(probe.state.nextProbeAt).toBe(T0 + 600_000);
    expect(decideSlot(probe.state, person, view(T0 + 300_001), LIMITS)).toMatchObject({
      granted: false,
      reason: 'pipedrive_budget',
    });
  });
});

describe('adaptToAnswer', () => {
  it('blocks everyone for Retry-After after a burst 429', () => {
    const next = adaptToAnswer(EMPTY_WINDOW, report({ status: 429, retryAfterMs: 1_000, resetMs: 1_000 }), LIMITS);
    expect(next.blockedUntil).toBe(T0 + 1_000);
  });

  it('marks the budget exhausted after a budget 429, and clears it when a probe succeeds', () => {
    const exhausted = adaptToAnswer(EMPTY_WINDOW, report({ status: 429, budgetExhausted: true }), LIMITS);
    expect(exhausted).toMatchObject({ exhaustedSince: T0, nextProbeAt: T0 + 300_000, blockedUntil: 0 });
    const back = adaptToAnswer(exhausted, report({ nowMs: T0 + 300_000, status: 201, probe: true }), LIMITS);
    expect(back).toMatchObject({ exhaustedSince: 0, nextProbeAt: 0 });
  });

  it('also takes a rejected probe (422) as proof that Pipedrive has budget again', () => {
    const exhausted = { ...EMPTY_WINDOW, exhaustedSince: T0, nextProbeAt: T0 + 300_000 };
    expect(adaptToAnswer(exhausted, report({ status: 422, probe: true }), LIMITS).exhaustedSince).toBe(0);
    expect(adaptToAnswer(exhausted, report({ status: 503, probe: true }), LIMITS).exhaustedSince).toBe(T0);
  });

  it('pauses when Pipedrive says the window is full while we used little of it (someone else shares the token)', () => {
    const answer = report({ remaining: 0, resetMs: 1_000, windowCount: 3 });
    expect(adaptToAnswer(EMPTY_WINDOW, answer, LIMITS).blockedUntil).toBe(T0 + 1_000);
  });

  it('ignores an exhausted window that we filled ourselves', () => {
    const answer = report({ remaining: 0, resetMs: 1_000, windowCount: 40 });
    expect(adaptToAnswer(EMPTY_WINDOW, answer, LIMITS)).toBe(EMPTY_WINDOW);
  });

  it('adopts a lower burst limit from x-ratelimit-limit, but not the search limit', () => {
    expect(adaptToAnswer(EMPTY_WINDOW, report({ limit: 20, remaining: 19 }), LIMITS).serverLimit).toBe(20);
    expect(adaptToAnswer(EMPTY_WINDOW, report({ limit: 10, search: true }), LIMITS)).toBe(EMPTY_WINDOW);
  });

  it('leaves the state alone after an ordinary answer', () => {
    expect(adaptToAnswer(EMPTY_WINDOW, report({ limit: 40, remaining: 12 }), LIMITS)).toBe(EMPTY_WINDOW);
  });
});

describe('tokensCharged', () => {
  it('charges what reached Pipedrive and refunds refusals and requests that never left', () => {
    expect(tokensCharged(5, 201, true)).toBe(5);
    expect(tokensCharged(5, 422, true)).toBe(5);
    expect(tokensCharged(5, 500, true)).toBe(5);
    expect(tokensCharged(5, 429, true)).toBe(0);
    expect(tokensCharged(5, 503, true)).toBe(0);
    expect(tokensCharged(5, 401, true)).toBe(0);
    expect(tokensCharged(5, undefined, false)).toBe(0);
    expect(tokensCharged(5, undefined, true)).toBe(5);
  });
});

describe('etaSeconds', () => {
  const base = { nowMs: T0, resetsAtMs: T0 + 3_600_000, left: 10_000, usable: 48_000, burst: 40, windowMs: 2_000 };

  it('is the burst time when the tokens fit in what is left today', () => {
    expect(etaSeconds(base, 5_000, 1_000)).toBe(50);
  });

  it('adds the wait for the reset and whole days beyond', () => {
    expect(etaSeconds(base, 10_001)).toBe(3_600);
    expect(etaSeconds(base, 10_000 + 48_001)).toBe(3_600 + 86_400);
  });
});
