/**
 * Pipedrive's plan-dependent limits as the sandbox enforces them. The figures come from
 * src/pipedrive/plans.ts, the one table the client, governor and estimator also use (published
 * figures: reference §1.2, §1.4, §3.4); this module only adds what the sandbox alone needs.
 */
import {
  BASE_TOKENS_PER_SEAT_PER_DAY,
  isPlanName,
  BURST_WINDOW_MS as PLAN_BURST_WINDOW_MS,
  PLANS as PLAN_LIMITS,
  PLAN_NAMES,
  type PlanName,
  dailyTokenBudget as planDailyTokenBudget,
  SEARCH_BURST,
} from '../pipedrive/plans.js';

export type Plan = PlanName;

export const PLANS: readonly Plan[] = PLAN_NAMES;

/** Documented: "30,000 base tokens × subscription plan multiplier × number of seats (+ top-ups)". */
export const DAILY_BASE_TOKENS = BASE_TOKENS_PER_SEAT_PER_DAY;

function byPlan(pick: (plan: Plan) => number): Readonly<Record<Plan, number>> {
  return Object.fromEntries(PLANS.map((plan) => [plan, pick(plan)])) as Record<Plan, number>;
}

/** Documented plan multipliers of the daily token budget. */
export const PLAN_TOKEN_MULTIPLIER = byPlan((plan) => PLAN_LIMITS[plan].multiplier);

/** Documented burst limits for API-token traffic: requests per rolling 2-second window, per token. */
export const BURST_REQUESTS_PER_WINDOW = byPlan((plan) => PLAN_LIMITS[plan].burst);

/** Documented: the Search API allows 10 requests per 2 seconds on every plan. */
export const SEARCH_REQUESTS_PER_WINDOW = SEARCH_BURST;

export const BURST_WINDOW_MS = PLAN_BURST_WINDOW_MS;

/** Documented (help centre "usage limits"): custom fields per company, all entities together. */
export const CUSTOM_FIELD_CAP = byPlan((plan) => PLAN_LIMITS[plan].customFieldCap);

/**
 * `visible_to` values a plan accepts. Documented: Lite/Growth know 1 (owner & followers) and 3 (entire
 * company); Premium/Ultimate know 1, 3, 5 and 7 (visibility groups).
 */
export const VISIBILITY_VALUES: Readonly<Record<Plan, readonly number[]>> = {
  lite: [1, 3],
  growth: [1, 3],
  premium: [1, 3, 5, 7],
  ultimate: [1, 3, 5, 7],
};

export function dailyTokenBudget(plan: Plan, seats: number, topUpTokens: number): number {
  return planDailyTokenBudget(plan, seats, topUpTokens);
}

export function isPlan(value: string): value is Plan {
  return isPlanName(value);
}
