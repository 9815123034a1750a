/**
 * The seam between the HTTP transport and the rate governor: the transport asks for a slot before
 * every attempt and reports what came back. governor.ts implements it on Postgres; tests can fake it.
 */
import type { BudgetStatus } from './governor-policy.js';
import type { RateHeaders } from './retry-policy.js';

/** Leave to send one request, and the tokens reserved for it. */
export interface Permit {
  /** Tokens reserved in the ledger (the operation's `x-token-cost`). */
  cost: number;
  /** The budget day the tokens were booked on (YYYY-MM-DD). */
  day: string;
  search: boolean;
  probe: boolean;
  windowCount: number;
  /** The slot's provisional stamp, replaced by the answer's time when settled. */
  stamp: number;
}

/** What one attempt's answer was, for the governor to adapt to and settle the ledger. */
export interface AttemptOutcome {
  /** Undefined when no response arrived. */
  status: number | undefined;
  /** False only when the request provably never left (connection refused): nothing was spent. */
  reached: boolean;
  headers: RateHeaders;
  /** A 429 that refused for the daily budget rather than the burst window. */
  budgetExhausted: boolean;
}

export interface RateGovernor {
  /** Waits until one request of `cost` tokens may be sent; the reservation is booked on return. */
  acquire(request: { cost: number; search: boolean }, signal?: AbortSignal): Promise<Permit>;
  /** Reports the answer: refunds tokens that were not spent and shares what Pipedrive said. */
  settle(permit: Permit, outcome: AttemptOutcome): Promise<void>;
  /** Books tokens spent outside the governor (the `/users/me` call made before it existed). */
  charge(tokens: number): Promise<void>;
  /** Tokens spent, left and when the budget resets, with an ETA helper. */
  status(): Promise<BudgetStatus>;
}
