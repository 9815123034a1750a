/**
 * The rate governor on Postgres: any number of worker processes, on any number of machines, share one
 * burst window and one daily token ledger per Pipedrive company (sql/002_pipedrive.sql).
 *
 * `acquire` is one short transaction: an advisory lock keyed by the company serialises deciders, the
 * database clock (`clock_timestamp()`, read after the lock) dates the request, the pure policy decides,
 * and a granted slot is written together with its tokens. About four round trips, no row scans, so a
 * decision takes a millisecond or two. A refusal comes with the wait; the caller sleeps (at most
 * `maxSleepMs` at a time, so a long pause still notices changes) and asks again. `settle` refunds what
 * an answer shows was not spent and, only when an answer says something new (429, a window filled by
 * someone else, a lower limit, a probe's result), updates the shared state so every worker adapts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, silentLogger } from '../log.js';
import type { Pool, PoolClient } from '../store/db.js';
import {
  adaptToAnswer,
  type BudgetStatus,
  completeSlot,
  decideSlot,
  effectiveBurst,
  etaSeconds,
  type GovernorLimits,
  type LedgerView,
  type SlotDecision,
  type SlotRequest,
  tokensCharged,
  type WaitReason,
} from './governor-policy.js';
import type { AttemptOutcome, Permit, RateGovernor } from './governor-port.js';
import { type BucketRow, CHARGE, GRANT, lockKeys, REFUND, SELECT_STATE, SETTLE, stateOf } from './governor-sql.js';
import {
  BURST_WINDOW_MS,
  DEFAULT_RESERVE_PCT,
  dailyTokenBudget,
  PLANS,
  type PlanName,
  SEARCH_BURST,
  usableDailyTokens,
} from './plans.js';

export const DEFAULT_MARGIN_MS = 10;
/** Longer than an attempt can last (the client's default timeout is 30 s). */
export const DEFAULT_IN_FLIGHT_MS = 60_000;
export const DEFAULT_PROBE_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_MAX_SLEEP_MS = 30_000;
const TYPICAL_WRITE_COST = 5;

export interface GovernorOptions {
  pool: Pool;
  /** From `resolveConnection`: `company:{id}`, or `url:{baseUrl}` for the sandbox. */
  companyKey: string;
  plan: PlanName;
  seats: number;
  topUpTokens?: number;
  /** Percentage of the daily budget kept for the practice's own use; default 20. */
  reservePct?: number;
  /** Requests per window; default the plan's. */
  burst?: number;
  windowMs?: number;
  marginMs?: number;
  inFlightMs?: number;
  probeIntervalMs?: number;
  /** Time zone of the daily reset (IANA name); default UTC. Pipedrive's is undocumented. */
  resetTimeZone?: string;
  /** Hour of the daily reset in that zone; default 0 (midnight). */
  resetHour?: number;
  maxSleepMs?: number;
  log?: Logger;
}

/** The pg governor, with the decision-level call exposed for measurements. */
export interface PgRateGovernor extends RateGovernor {
  /** One decision, without waiting: what `acquire` repeats until granted. */
  tryAcquire(request: SlotRequest): Promise<SlotDecision & { day: string }>;
  readonly limits: GovernorLimits;
}

export function createGovernor(options: GovernorOptions): PgRateGovernor {
  const { pool, companyKey } = options;
  const log = options.log ?? silentLogger;
  const budget = dailyTokenBudget(options.plan, options.seats, options.topUpTokens ?? 0);
  const limits: GovernorLimits = {
    burst: options.burst ?? PLANS[options.plan].burst,
    searchBurst: SEARCH_BURST,
    windowMs: options.windowMs ?? BURST_WINDOW_MS,
    marginMs: options.marginMs ?? DEFAULT_MARGIN_MS,
    inFlightMs: options.inFlightMs ?? DEFAULT_IN_FLIGHT_MS,
    usableTokens: usableDailyTokens(budget, options.reservePct ?? DEFAULT_RESERVE_PCT),
    probeIntervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
  };
  const clockParams = [companyKey, options.resetTimeZone ?? 'UTC', options.resetHour ?? 0];
  const [lockSpace, lockId] = lockKeys(companyKey);
  const maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  let lastPause: WaitReason | null = null;

  async function locked<T>(fn: (client: PoolClient, row: BucketRow) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // A connection lost mid-transaction rejects the query below; without a listener the client's 'error'
    // event would also bring the whole worker process down.
    const ignore = () => {};
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      // Integer literals only: one round trip for BEGIN and the lock. The commit need not wait for the disk:
      // after a database crash, losing the last milliseconds of window stamps or a few booked tokens is harmless,
      // and waiting for the WAL flush would dominate the decision's latency.
      await client.query(
        `BEGIN; SET LOCAL synchronous_commit TO OFF; SELECT pg_advisory_xact_lock(${lockSpace}, ${lockId})`,
      );
      const { rows } = await client.query<BucketRow>(SELECT_STATE, clockParams);
      const result = await fn(client, rows[0] as BucketRow);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.off('error', ignore);
      // A client whose rollback failed is not given back to the pool: its connection is gone.
      client.release(broken);
    }
  }

  async function tryAcquire(request: SlotRequest): Promise<SlotDecision & { day: string }> {
    return locked(async (client, row) => {
      const state = stateOf(row);
      const view: LedgerView = { nowMs: row.now_ms, spentToday: row.spent, resetsAtMs: row.resets_at_ms };
      const decision = decideSlot(state, request, view, limits);
      if (decision.granted) {
        const next = decision.state;
        await client.query(GRANT, [
          companyKey,
          next.recent,
          next.recentSearch,
          next.nextProbeAt,
          row.day,
          request.cost,
        ]);
      }
      return { ...decision, day: row.day };
    });
  }

  // The lanes of one process queue here, and only the head of the queue asks the database: when a slot
  // frees, one contender per process wakes instead of every lane of every process (a thundering herd on
  // the company's lock, which cost several percent of the burst window in the 4-process bench). Searches
  // queue apart so that one waiting for the search window does not hold back ordinary requests.
  const turns = { general: Promise.resolve() as Promise<unknown>, search: Promise.resolve() as Promise<unknown> };
  function inTurn<T>(search: boolean, fn: () => Promise<T>): Promise<T> {
    const key = search ? 'search' : 'general';
    const run = turns[key].then(fn, fn);
    turns[key] = run.catch(() => {});
    return run;
  }

  function notePause(decision: { reason: WaitReason; waitMs: number }): void {
    const long = decision.reason !== 'burst' && decision.reason !== 'search_burst';
    if (long && lastPause !== decision.reason) {
      log.info({ companyKey, reason: decision.reason, resumeInMs: decision.waitMs }, 'pipedrive requests paused');
    }
    lastPause = long ? decision.reason : lastPause;
  }

  return {
    limits,
    tryAcquire,
    acquire(request, signal) {
      return inTurn(request.search, async () => {
        for (;;) {
          const decision = await tryAcquire(request);
          if (decision.granted) {
            if (lastPause !== null) log.info({ companyKey }, 'pipedrive requests resumed');
            lastPause = null;
            const { probe, windowCount, day, stamp } = decision;
            return { cost: request.cost, day, search: request.search, probe, windowCount, stamp };
          }
          notePause(decision);
          await sleep(Math.min(decision.waitMs, maxSleepMs), undefined, signal ? { signal } : {});
        }
      });
    },
    async settle(permit: Permit, outcome: AttemptOutcome) {
      const refund = permit.cost - tokensCharged(permit.cost, outcome.status, outcome.reached);
      const refused = outcome.status === 429 ? 1 : 0;
      await locked(async (client, row) => {
        if (refund > 0 || refused > 0) await client.query(REFUND, [companyKey, permit.day, refund, refused]);
        const before = stateOf(row);
        const answered = completeSlot(before, permit, row.now_ms, outcome.reached);
        const report = {
          ...outcome.headers,
          nowMs: row.now_ms,
          status: outcome.status,
          search: permit.search,
          probe: permit.probe,
          windowCount: permit.windowCount,
          budgetExhausted: outcome.budgetExhausted,
        };
        const next = adaptToAnswer(answered, report, limits);
        await client.query(SETTLE, [
          companyKey,
          next.recent,
          next.recentSearch,
          next.blockedUntil,
          next.serverLimit,
          next.exhaustedSince,
          next.nextProbeAt,
        ]);
        if (next.blockedUntil !== answered.blockedUntil || next.exhaustedSince !== answered.exhaustedSince) {
          log.warn(
            {
              companyKey,
              status: outcome.status,
              pauseMs: next.blockedUntil - row.now_ms,
              exhausted: next.exhaustedSince > 0,
            },
            'pipedrive asked Ferry to slow down',
          );
        }
      });
    },
    async charge(tokens) {
      await locked(async (client, row) => {
        await client.query(CHARGE, [companyKey, row.day, tokens]);
      });
    },
    async status(): Promise<BudgetStatus> {
      const row = await locked(async (_client, found) => found);
      const state = stateOf(row);
      const usable = limits.usableTokens;
      const left = Math.max(0, usable - row.spent);
      // Paused means a typical write (5 tokens) would have to wait now.
      const view = { nowMs: row.now_ms, spentToday: row.spent, resetsAtMs: row.resets_at_ms };
      const probe = decideSlot(state, { cost: TYPICAL_WRITE_COST, search: false }, view, limits);
      const eta = {
        nowMs: row.now_ms,
        resetsAtMs: row.resets_at_ms,
        left,
        usable,
        burst: effectiveBurst(state, limits),
        windowMs: limits.windowMs,
      };
      return {
        spentToday: row.spent,
        budget,
        usable,
        left,
        resetsAt: new Date(row.resets_at_ms),
        paused: probe.granted ? null : probe.reason,
        etaSeconds: (tokens, requests) => etaSeconds(eta, tokens, requests),
      };
    },
  };
}
