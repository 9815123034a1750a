/**
 * Pipedrive's plan-dependent limits, in one place for the client, the governor, the estimator and
 * (when deduplicated) the sandbox. Figures are Pipedrive's published ones (reference §1.2, §1.4, §3.4);
 * plan names are the 2025 ones.
 */

export type PlanName = 'lite' | 'growth' | 'premium' | 'ultimate';

export interface PlanLimits {
  /** Multiplier of the daily token budget per seat. */
  readonly multiplier: number;
  /** API-token requests per rolling burst window. */
  readonly burst: number;
  /** Custom fields per company, all entities together. */
  readonly customFieldCap: number;
}

export const PLANS: Readonly<Record<PlanName, PlanLimits>> = {
  lite: { multiplier: 1, burst: 20, customFieldCap: 30 },
  growth: { multiplier: 2, burst: 40, customFieldCap: 100 },
  premium: { multiplier: 5, burst: 100, customFieldCap: 300 },
  ultimate: { multiplier: 7, burst: 120, customFieldCap: 500 },
};

export const PLAN_NAMES = Object.keys(PLANS) as readonly PlanName[];

/** "30,000 base tokens × subscription plan multiplier × number of seats (+ top-ups)". */
export const BASE_TOKENS_PER_SEAT_PER_DAY = 30_000;

/** The burst limits count requests in a rolling window of this length. */
export const BURST_WINDOW_MS = 2_000;

/** Share of the daily budget (percent) Ferry leaves to the practice's own use unless told otherwise. */
export const DEFAULT_RESERVE_PCT = 20;

/** The Search API allows 10 requests per window on every plan. */
export const SEARCH_BURST = 10;

/** Tokens a company may spend per day: base × multiplier × seats + purchased top-ups. */
export function dailyTokenBudget(plan: PlanName, seats: number, topUpTokens = 0): number {
  return BASE_TOKENS_PER_SEAT_PER_DAY * PLANS[plan].multiplier * seats + topUpTokens;
}

/** What Ferry may spend per day once the practice's own reserve (a percentage) is set aside. */
export function usableDailyTokens(budget: number, reservePct: number): number {
  return Math.floor((budget * (100 - reservePct)) / 100);
}

export function isPlanName(value: string): value is PlanName {
  return Object.hasOwn(PLANS, value);
}
