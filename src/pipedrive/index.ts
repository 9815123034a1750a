/**
 * Ferry's Pipedrive adapter: the typed client, the shared rate governor, the pre-flight estimator and
 * the plan limits. Typical wiring (one composition root per process):
 *
 *   const connection = await resolveConnection({ token, baseUrlOverride: config.pipedriveBaseUrl, log });
 *   const governor = createGovernor({ pool, companyKey: connection.companyKey, plan: 'growth', seats: 3, log });
 *   await governor.charge(connection.tokensSpent);
 *   const pipedrive = createPipedriveClient({ baseUrl: connection.baseUrl, token, governor, log });
 *   const outcome = await pipedrive.persons.create({ name: 'Jan Peeters', custom_fields: { [sourceKey]: 'DA-1' } });
 *   if (!outcome.ok && outcome.kind === 'uncertain') … look it up with pipedrive.itemSearch.field(…) before retrying
 */
export type { WriteOutcome } from './calls.js';
export { FILES_PAGE_LIMIT, IDS_BATCH, PAGE_LIMIT } from './calls.js';
export { createPipedriveClient, type PipedriveClient, type PipedriveClientOptions } from './client.js';
export { type Connection, type ConnectOptions, PIPEDRIVE_GENERIC_ROOT, resolveConnection } from './connection.js';
export type { EntityResource, FieldSearch, ListFilter, PersonSearch } from './entities.js';
export {
  type EstimatedObject,
  type EstimateInput,
  estimateMigration,
  type MigrationEstimate,
  type ObjectEstimate,
  type RecordCounts,
} from './estimator.js';
export { type FailureKind, stopsTheRun } from './failure.js';
export type { FieldResource, ReadOnlyFieldResource } from './fields.js';
export { createGovernor, type GovernorOptions, type PgRateGovernor } from './governor.js';
export type { BudgetStatus, WaitReason } from './governor-policy.js';
export type { AttemptOutcome, Permit, RateGovernor } from './governor-port.js';
export { DEFAULT_TIMEOUT_MS, type Exchange, USER_AGENT } from './http.js';
export { isBudgetRefusal } from './http-support.js';
export {
  BASE_TOKENS_PER_SEAT_PER_DAY,
  BURST_WINDOW_MS,
  DEFAULT_RESERVE_PCT,
  dailyTokenBudget,
  isPlanName,
  PLAN_NAMES,
  PLANS,
  type PlanLimits,
  type PlanName,
  SEARCH_BURST,
  usableDailyTokens,
} from './plans.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry-policy.js';
export type { FileResource, NoteResource, RecentsQuery, UserResource } from './v1-resources.js';
export * from './wire-types.js';
export * from './wire-types-v1.js';
