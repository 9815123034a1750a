/**
 * Pre-flight estimate of what a migration and its rollback cost in Pipedrive API tokens, and how many
 * days that takes on a given plan. Pure: the costs come from the specs' `x-token-cost` table.
 *
 * Model (reference §1.8): one create per record and one delete per record on rollback; persons,
 * organizations, deals and activities via API v2, notes and files via v1, custom fields via v2. Optional
 * verification re-reads every migrated record in the cheapest way Pipedrive offers (`ids=` batches of 100
 * for v2 entities, list pages for notes and files).
 */
import { DEFAULT_RESERVE_PCT, dailyTokenBudget, PLANS, type PlanName, usableDailyTokens } from './plans.js';
import { type ApiVersion, tokenCostOf } from './token-costs.js';

export type EstimatedObject = 'organizations' | 'persons' | 'deals' | 'activities' | 'notes' | 'files' | 'customFields';

export type RecordCounts = Readonly<Record<EstimatedObject, number>>;

export interface EstimateInput {
  counts: RecordCounts;
  plan: PlanName;
  seats: number;
  topUpTokens?: number;
  /** Percentage of the daily budget left to the practice's own use; default 20. */
  reservePct?: number;
  /** Whether to count the reads that verify each migrated record; default true. */
  readsForVerification?: boolean;
}

export interface ObjectEstimate {
  count: number;
  createCost: number;
  deleteCost: number;
  migrateTokens: number;
  rollbackTokens: number;
  verifyTokens: number;
  verifyRequests: number;
}

export interface MigrationEstimate {
  tokens: { migrate: number; rollback: number; verify: number };
  perObject: Readonly<Record<EstimatedObject, ObjectEstimate>>;
  dailyBudget: number;
  /** The daily budget minus the practice's reserve: what Ferry plans with. */
  dailyUsable: number;
  /** Daily budgets needed (whole days); `migrate` includes verification when it is counted. */
  days: { migrate: number; rollback: number };
  requests: { migrate: number; rollback: number; verify: number };
  /** Time the requests take at the plan's burst limit alone, ignoring the token budget. */
  burstSeconds: { migrate: number; rollback: number };
  customFieldCap: number;
  fitsCustomFieldCap: boolean;
}

interface Operation {
  method: string;
  path: string;
  version: ApiVersion;
}

interface ObjectOperations {
  create: Operation;
  remove: Operation;
  /** One verification read and how many records it covers. */
  verify: Operation & { perRequest: number };
}

const v2 = (method: string, path: string): Operation => ({ method, path, version: 'v2' });
const v1 = (method: string, path: string): Operation => ({ method, path, version: 'v1' });

// Verification of custom fields reads each entity's field list; one page of 500 covers them all.
const OPERATIONS: Readonly<Record<EstimatedObject, ObjectOperations>> = {
  organizations: entityOperations('organizations'),
  persons: entityOperations('persons'),
  deals: entityOperations('deals'),
  activities: entityOperations('activities'),
  notes: {
    create: v1('POST', '/notes'),
    remove: v1('DELETE', '/notes/1'),
    verify: { ...v1('GET', '/notes'), perRequest: 500 },
  },
  // GET /v1/files pages hold at most 100 files.
  files: {
    create: v1('POST', '/files'),
    remove: v1('DELETE', '/files/1'),
    verify: { ...v1('GET', '/files'), perRequest: 100 },
  },
  customFields: {
    create: v2('POST', '/personFields'),
    remove: v2('DELETE', '/personFields/abc'),
    verify: { ...v2('GET', '/personFields'), perRequest: 500 },
  },
};

function entityOperations(entity: string): ObjectOperations {
  return {
    create: v2('POST', `/${entity}`),
    remove: v2('DELETE', `/${entity}/1`),
    verify: { ...v2('GET', `/${entity}`), perRequest: 100 },
  };
}

/** The spec's cost of an operation; a missing entry means the specs changed under us. */
function costOf(operation: Operation): number {
  const cost = tokenCostOf(operation.method, operation.path, operation.version);
  if (cost === undefined) throw new Error(`no x-token-cost for ${operation.method} ${operation.path}`);
  return cost;
}

function estimateObject(count: number, operations: ObjectOperations): ObjectEstimate {
  const createCost = costOf(operations.create);
  const deleteCost = costOf(operations.remove);
  const verifyRequests = Math.ceil(count / operations.verify.perRequest);
  return {
    count,
    createCost,
    deleteCost,
    migrateTokens: count * createCost,
    rollbackTokens: count * deleteCost,
    verifyTokens: verifyRequests * costOf(operations.verify),
    verifyRequests,
  };
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Estimates tokens, requests and days for a migration of `counts` and for its rollback. */
export function estimateMigration(input: EstimateInput): MigrationEstimate {
  const reservePct = input.reservePct ?? DEFAULT_RESERVE_PCT;
  const withVerification = input.readsForVerification ?? true;
  const objects = Object.keys(OPERATIONS) as EstimatedObject[];
  const perObject = Object.fromEntries(
    objects.map((name) => [name, estimateObject(input.counts[name], OPERATIONS[name])]),
  ) as Record<EstimatedObject, ObjectEstimate>;
  const all = objects.map((name) => perObject[name]);
  const migrate = sum(all.map((o) => o.migrateTokens));
  const rollback = sum(all.map((o) => o.rollbackTokens));
  const verify = withVerification ? sum(all.map((o) => o.verifyTokens)) : 0;
  const records = sum(all.map((o) => o.count));
  const verifyRequests = withVerification ? sum(all.map((o) => o.verifyRequests)) : 0;
  const dailyBudget = dailyTokenBudget(input.plan, input.seats, input.topUpTokens ?? 0);
  const dailyUsable = usableDailyTokens(dailyBudget, reservePct);
  const daysFor = (tokens: number): number =>
    tokens === 0 ? 0 : dailyUsable <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(tokens / dailyUsable);
  const { burst, customFieldCap } = PLANS[input.plan];
  const secondsFor = (requests: number): number => Math.ceil((requests / burst) * 2);
  return {
    tokens: { migrate, rollback, verify },
    perObject,
    dailyBudget,
    dailyUsable,
    days: { migrate: daysFor(migrate + verify), rollback: daysFor(rollback) },
    requests: { migrate: records, rollback: records, verify: verifyRequests },
    burstSeconds: { migrate: secondsFor(records + verifyRequests), rollback: secondsFor(records) },
    customFieldCap,
    fitsCustomFieldCap: input.counts.customFields <= customFieldCap,
  };
}
