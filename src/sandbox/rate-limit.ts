/**
 * Pipedrive's token-based rate limits, as pure logic over an injected clock: a daily token budget
 * per company and a rolling 2-second burst window per API token (plus a stricter one for search).
 *
 * Documented by Pipedrive [RL]: the budget formula and plan multipliers; the burst limits per plan
 * and the 10-request search limit; both exhaustions answer 429; the headers `x-ratelimit-limit`,
 * `x-ratelimit-remaining` and `x-ratelimit-reset`.
 * Our assumptions (Pipedrive leaves them open or UNCONFIRMED):
 * - the daily reset happens at midnight UTC (Pipedrive says "server's timezone", unstated);
 * - a request is refused when its cost does not fit in what is left of the budget;
 * - only accepted requests occupy a burst slot; refused ones do not extend the lock-out;
 * - a search request counts against both the search window and the general window;
 * - `x-ratelimit-reset` is the whole number of seconds (≥ 1) until the oldest slot in the window frees;
 * - 429s carry `Retry-After` (seconds until a burst slot frees, or until midnight UTC for the budget).
 */

import {
  BURST_REQUESTS_PER_WINDOW,
  BURST_WINDOW_MS,
  dailyTokenBudget,
  type Plan,
  SEARCH_REQUESTS_PER_WINDOW,
} from './plans.js';
import { DAY_MS, msUntilNextUtcMidnight } from './time.js';

export type RateLimitKind = 'general' | 'search';
export type RateLimitReason = 'burst' | 'search_burst' | 'daily_budget';

/** What the `x-ratelimit-*` headers report. */
export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export type RateDecision =
  | { allowed: true; headers: RateLimitHeaders }
  | { allowed: false; reason: RateLimitReason; retryAfterSeconds: number; headers: RateLimitHeaders };

/** The part of the limiter that survives a restart (persisted with the sandbox state). */
export interface TokenLedger {
  /** UTC day number (days since the epoch) the spending belongs to. */
  day: number;
  tokensSpent: number;
}

export interface RateLimiterOptions {
  plan: Plan;
  seats: number;
  topUpTokens: number;
  now: () => Date;
  ledger?: TokenLedger;
}

/** A rolling window of request timestamps. */
class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private prune(nowMs: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= nowMs - this.windowMs) this.stamps.shift();
  }

  isFull(nowMs: number): boolean {
    this.prune(nowMs);
    return this.stamps.length >= this.limit;
  }

  add(nowMs: number): void {
    this.stamps.push(nowMs);
  }

  headers(nowMs: number): RateLimitHeaders {
    this.prune(nowMs);
    const oldest = this.stamps[0];
    const resetSeconds = oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - nowMs) / 1000));
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.stamps.length), resetSeconds };
  }
}

export class RateLimiter {
  readonly dailyBudget: number;
  private readonly now: () => Date;
  private readonly general: SlidingWindow;
  private readonly search: SlidingWindow;
  private ledger: TokenLedger;

  constructor(options: RateLimiterOptions) {
    this.dailyBudget = dailyTokenBudget(options.plan, options.seats, options.topUpTokens);
    this.now = options.now;
    this.general = new SlidingWindow(BURST_REQUESTS_PER_WINDOW[options.plan], BURST_WINDOW_MS);
    this.search = new SlidingWindow(SEARCH_REQUESTS_PER_WINDOW, BURST_WINDOW_MS);
    this.ledger = options.ledger ? { ...options.ledger } : { day: this.today(), tokensSpent: 0 };
  }

  private today(): number {
    return Math.floor(this.now().getTime() / DAY_MS);
  }

  /** Starts a fresh budget when the clock has passed midnight UTC since the last request. */
  private rollDay(): void {
    const day = this.today();
    if (day !== this.ledger.day) this.ledger = { day, tokensSpent: 0 };
  }

  /** Tokens spent since the last midnight UTC. */
  tokensSpentToday(): number {
    this.rollDay();
    return this.ledger.tokensSpent;
  }

  tokensLeftToday(): number {
    return Math.max(0, this.dailyBudget - this.tokensSpentToday());
  }

  /** A copy of the ledger, for persistence. */
  snapshotLedger(): TokenLedger {
    this.rollDay();
    return { ...this.ledger };
  }

  /** Gives back the whole daily budget now (what a midnight reset does). */
  resetBudget(): void {
    this.ledger = { day: this.today(), tokensSpent: 0 };
  }

  /** Draws tokens without a request: other integrations of the same company share the budget. */
  spend(tokens: number): void {
    this.rollDay();
    this.ledger.tokensSpent += tokens;
  }

  /** The headers for a response that took no slot (errors before the limiter, admin calls). */
  peek(kind: RateLimitKind): RateLimitHeaders {
    const nowMs = this.now().getTime();
    return (kind === 'search' ? this.search : this.general).headers(nowMs);
  }

  /**
   * Admits or refuses one request of `cost` tokens. On admission the request takes a burst slot
   * (two for search: the search window and the general one) and its tokens are spent.
   */
  take(kind: RateLimitKind, cost: number): RateDecision {
    const now = this.now();
    const nowMs = now.getTime();
    const window = kind === 'search' ? this.search : this.general;
    const refuse = (reason: RateLimitReason, over: SlidingWindow): RateDecision => {
      const headers = over.headers(nowMs);
      const retryAfterSeconds =
        reason === 'daily_budget' ? Math.ceil(msUntilNextUtcMidnight(now) / 1000) : Math.max(1, headers.resetSeconds);
      return { allowed: false, reason, retryAfterSeconds, headers };
    };
    if (kind === 'search' && this.search.isFull(nowMs)) return refuse('search_burst', this.search);
    if (this.general.isFull(nowMs)) return refuse('burst', this.general);
    this.rollDay();
    if (this.ledger.tokensSpent + cost > this.dailyBudget) return refuse('daily_budget', window);
    this.general.add(nowMs);
    if (kind === 'search') this.search.add(nowMs);
    this.ledger.tokensSpent += cost;
    return { allowed: true, headers: window.headers(nowMs) };
  }
}

/**
 * Whether an operation counts against the Search API limit. Pipedrive does not enumerate the
 * "Search API" paths; we take every `…/search` path and `itemSearch…` (v1 `/users/find` included).
 */
export function isSearchOperation(pathTemplate: string): boolean {
  return /\/search$/.test(pathTemplate) || pathTemplate.startsWith('/itemSearch') || pathTemplate === '/users/find';
}
