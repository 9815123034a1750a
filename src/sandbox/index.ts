/**
 * The local Pipedrive sandbox: a faithful stand-in for Pipedrive's API (shapes, token costs, rate
 * limits, soft deletes, custom fields, changelog, faults) for tests, the demo and rehearsals.
 *
 *   const sandbox = await startSandbox({ token: 't', plan: 'growth' });
 *   await fetch(`${sandbox.url}/api/v2/persons`, { headers: { 'x-api-token': 't' } });
 *   await sandbox.stop();
 */
export type { AccountState } from './core.js';
export type { FaultSettings } from './faults.js';
export { CUSTOM_FIELD_LIMIT_CODE } from './fields.js';
export type { Plan } from './plans.js';
export { CUSTOM_FIELD_CAP, dailyTokenBudget, PLANS } from './plans.js';
export type { RateLimitHeaders } from './rate-limit.js';
export type * from './records.js';
export { DEFAULT_MAX_FILE_BYTES, type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';
export type { SeedUser } from './seed.js';
export type { SandboxSnapshot, SandboxState } from './state.js';
export type { OperationStats, RequestLogEntry, RequestOutcome, TooManyRequestsStats } from './stats.js';
