/**
 * The rate governor's decisions, as pure functions over its shared state (kept in Postgres by
 * governor.ts, so every worker process of a Pipedrive company decides from the same numbers).
 *
 * Two limits apply (reference §1.2–1.6): a burst window (requests per rolling 2 s, per plan; 10 for
 * search) and a daily token budget, of which Ferry keeps a reserve for the practice's own use.
 *
 * The burst window is kept as one stamp per slot. A granted slot is stamped "in flight" (far in the
 * future) until its answer arrives, then restamped with the answer's time. Pipedrive counts a request
 * when it arrives, which is after we grant it and before we hear back, so a slot counted from the answer
 * is never released early, however the network delays vary: if Pipedrive saw more than `burst` of our
 * requests within one window, the last of them would have been granted while all the others were in
 * flight or answered less than a window before — and so refused. No guessed margin is needed for that.
 *
 * The state also holds a shared "blocked until" that Pipedrive's answers push out (a 429, a window that
 * someone else filled), and whether Pipedrive said its daily budget is spent; then one probe request per
 * interval goes through until one succeeds (Pipedrive's reset time zone is undocumented, so we cannot
 * simply wait for it).
 */

export interface GovernorLimits {
  /** Requests per window for this token on this plan. */
  burst: number;
  /** Search requests per window (all plans: 10). */
  searchBurst: number;
  windowMs: number;
  /** Added to the window before a slot is reused: room for clock granularity between us and Pipedrive. */
  marginMs: number;
  /**
   * How long an unanswered slot stays taken: longer than any attempt can last, so that a worker that died
   * mid-request blocks its slots for a while and not for ever.
   */
  inFlightMs: number;
  /** Tokens Ferry may spend per budget day: the budget minus the reserve. */
  usableTokens: number;
  /** While Pipedrive refuses for budget, one request per this interval checks whether it is back. */
  probeIntervalMs: number;
}

export interface WindowState {
  /** One stamp per taken slot (epoch ms; in-flight slots in the future), ascending. */
  recent: readonly number[];
  recentSearch: readonly number[];
  /** Epoch ms before which nobody sends; 0 when not blocked. */
  blockedUntil: number;
  /** A burst limit Pipedrive reported (`x-ratelimit-limit`) below the plan's; null when none. */
  serverLimit: number | null;
  /** Epoch ms of the 429 that said the daily budget is spent; 0 when Pipedrive has budget. */
  exhaustedSince: number;
  nextProbeAt: number;
}

export const EMPTY_WINDOW: WindowState = {
  recent: [],
  recentSearch: [],
  blockedUntil: 0,
  serverLimit: null,
  exhaustedSince: 0,
  nextProbeAt: 0,
};

export interface SlotRequest {
  cost: number;
  search: boolean;
}

/** What the store read under its lock, from the database clock. */
export interface LedgerView {
  nowMs: number;
  spentToday: number;
  resetsAtMs: number;
}

export type WaitReason = 'burst' | 'search_burst' | 'blocked' | 'daily_budget' | 'pipedrive_budget';

export type SlotDecision =
  | { granted: true; state: WindowState; probe: boolean; windowCount: number; stamp: number }
  | { granted: false; waitMs: number; reason: WaitReason };

/** The burst limit in force: the plan's, or lower when Pipedrive says so. */
export function effectiveBurst(state: WindowState, limits: GovernorLimits): number {
  return Math.min(limits.burst, state.serverLimit ?? Number.POSITIVE_INFINITY);
}

function inWindow(stamps: readonly number[], nowMs: number, spanMs: number): number[] {
  return stamps.filter((stamp) => stamp > nowMs - spanMs);
}

/** Milliseconds until a window holding `stamps` (ascending) has room for one more, 0 when it has. */
function waitForRoom(stamps: readonly number[], limit: number, nowMs: number, spanMs: number): number {
  if (stamps.length < limit) return 0;
  const freeing = stamps[stamps.length - limit] ?? nowMs;
  return Math.max(1, freeing + spanMs - nowMs);
}

/** Decides whether one request may be sent now; when granted, returns the state to store. */
export function decideSlot(
  state: WindowState,
  request: SlotRequest,
  view: LedgerView,
  limits: GovernorLimits,
): SlotDecision {
  const now = view.nowMs;
  const span = limits.windowMs + limits.marginMs;
  const probe = state.exhaustedSince > 0;
  if (probe && now < state.nextProbeAt) {
    return { granted: false, waitMs: state.nextProbeAt - now, reason: 'pipedrive_budget' };
  }
  if (state.blockedUntil > now) return { granted: false, waitMs: state.blockedUntil - now, reason: 'blocked' };
  if (view.spentToday + request.cost > limits.usableTokens) {
    return { granted: false, waitMs: Math.max(1, view.resetsAtMs - now), reason: 'daily_budget' };
  }
  const recentSearch = inWindow(state.recentSearch, now, span);
  if (request.search) {
    const wait = waitForRoom(recentSearch, limits.searchBurst, now, span);
    if (wait > 0) return { granted: false, waitMs: wait, reason: 'search_burst' };
  }
  const recent = inWindow(state.recent, now, span);
  const wait = waitForRoom(recent, effectiveBurst(state, limits), now, span);
  if (wait > 0) return { granted: false, waitMs: wait, reason: 'burst' };
  const stamp = now + limits.inFlightMs;
  return {
    granted: true,
    probe,
    windowCount: recent.length + 1,
    stamp,
    state: {
      ...state,
      recent: insertSorted(recent, stamp),
      recentSearch: request.search ? insertSorted(recentSearch, stamp) : recentSearch,
      nextProbeAt: probe ? now + limits.probeIntervalMs : state.nextProbeAt,
    },
  };
}

function insertSorted(stamps: readonly number[], stamp: number): number[] {
  const index = stamps.findIndex((existing) => existing > stamp);
  return index === -1 ? [...stamps, stamp] : [...stamps.slice(0, index), stamp, ...stamps.slice(index)];
}

function restamp(stamps: readonly number[], from: number, to: number | undefined): number[] {
  const index = stamps.indexOf(from);
  if (index === -1) return [...stamps];
  const without = [...stamps.slice(0, index), ...stamps.slice(index + 1)];
  return to === undefined ? without : insertSorted(without, to);
}

/**
 * The slot of an answered attempt: stamped with the answer's time, or freed when the request provably
 * never left (nothing reached Pipedrive, nothing was counted).
 */
export function completeSlot(
  state: WindowState,
  slot: { stamp: number; search: boolean },
  nowMs: number,
  reached: boolean,
): WindowState {
  const to = reached ? nowMs : undefined;
  return {
    ...state,
    recent: restamp(state.recent, slot.stamp, to),
    recentSearch: slot.search ? restamp(state.recentSearch, slot.stamp, to) : state.recentSearch,
  };
}

/** What one attempt's answer told us; header values are already parsed and in milliseconds. */
export interface AttemptReport {
  nowMs: number;
  /** Undefined when no response arrived. */
  status: number | undefined;
  search: boolean;
  /** The slot was a probe while Pipedrive's budget was spent. */
  probe: boolean;
  /** Our own requests in the window when the slot was granted, this one included. */
  windowCount: number;
  limit?: number | undefined;
  remaining?: number | undefined;
  resetMs?: number | undefined;
  retryAfterMs?: number | undefined;
  /** A 429 that refused for the daily budget rather than the burst window. */
  budgetExhausted: boolean;
}

/**
 * Pipedrive says the window is full although we had used less than half of it: someone else (the
 * practice's other integrations) shares the token, so everyone waits for the window to reset.
 */
function externallyFull(report: AttemptReport, limits: GovernorLimits): boolean {
  return report.windowCount < limits.burst / 2;
}

/** The state after an answer; returns the same object when nothing changes. */
export function adaptToAnswer(state: WindowState, report: AttemptReport, limits: GovernorLimits): WindowState {
  const now = report.nowMs;
  let next = state;
  if (report.status === 429 && report.budgetExhausted) {
    next = { ...next, exhaustedSince: next.exhaustedSince || now, nextProbeAt: now + limits.probeIntervalMs };
  } else if (report.status === 429) {
    const pause = report.retryAfterMs ?? report.resetMs ?? limits.windowMs;
    next = { ...next, blockedUntil: Math.max(next.blockedUntil, now + pause) };
  } else if (report.status !== undefined && report.status < 500 && next.exhaustedSince > 0) {
    // Pipedrive processed a request (even one it rejected): its budget is back (its day has turned).
    next = { ...next, exhaustedSince: 0, nextProbeAt: 0 };
  }
  if (!report.search && report.limit !== undefined && report.limit < (next.serverLimit ?? limits.burst)) {
    next = { ...next, serverLimit: report.limit };
  }
  if (report.status !== 429 && !report.search && report.remaining === 0 && externallyFull(report, limits)) {
    next = { ...next, blockedUntil: Math.max(next.blockedUntil, now + (report.resetMs ?? limits.windowMs)) };
  }
  return next;
}

/**
 * Tokens a finished attempt actually cost. Assumed from Pipedrive's documentation and the sandbox: a
 * refused request (429), an unavailable service (503), a rejected token or closed account (401/402) and a
 * request that never left this machine cost nothing; everything else that reached Pipedrive is charged,
 * including a create whose answer was lost (it was processed).
 */
export function tokensCharged(cost: number, status: number | undefined, reached: boolean): number {
  if (status === undefined) return reached ? cost : 0;
  return status === 429 || status === 503 || status === 401 || status === 402 ? 0 : cost;
}

export interface BudgetStatus {
  spentToday: number;
  budget: number;
  usable: number;
  left: number;
  resetsAt: Date;
  /** Why requests are held back now, or null when they flow. */
  paused: WaitReason | null;
  /** Seconds until `tokens` more (in `requests` requests, if known) are spent at the current limits. */
  etaSeconds(tokens: number, requests?: number): number;
}

/** Seconds to spend `tokens` more, given what is left today and the usable budget of later days. */
export function etaSeconds(
  input: { nowMs: number; resetsAtMs: number; left: number; usable: number; burst: number; windowMs: number },
  tokens: number,
  requests = 0,
): number {
  const burstSeconds = (requests / input.burst) * (input.windowMs / 1000);
  if (tokens <= input.left) return Math.ceil(burstSeconds);
  if (input.usable <= 0) return Number.POSITIVE_INFINITY;
  const laterDays = Math.ceil((tokens - input.left) / input.usable);
  const untilReset = Math.max(0, input.resetsAtMs - input.nowMs) / 1000;
  // The last day's share of the requests still has to pass the burst window.
  const lastDayShare = requests > 0 ? burstSeconds / Math.ceil(tokens / input.usable) : 0;
  return Math.ceil(untilReset + (laterDays - 1) * 86_400 + lastDayShare);
}
