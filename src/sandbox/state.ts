/**
 * Read access to a running sandbox, for tests, the demo and the CLI: the token ledger, 429s served,
 * per-operation counts, the request log, records (deep copies) and their changelog.
 */
import { changelogOf } from './changelog.js';
import type { AccountState, SandboxCore } from './core.js';
import type { FaultSettings } from './faults.js';
import type { Plan } from './plans.js';
import type {
  ActivityTypeRecord,
  ChangelogEntry,
  Company,
  CustomFieldRecord,
  EntityRecords,
  EntityType,
  FieldEntity,
  FileRecord,
  NoteRecord,
  UserRecord,
} from './records.js';
import type { OperationStats, RequestLogEntry, TooManyRequestsStats } from './stats.js';

/** Everything a test compares for "exactly as before": all records, custom fields included. */
export interface SandboxSnapshot {
  company: Company;
  users: UserRecord[];
  persons: EntityRecords['person'][];
  organizations: EntityRecords['organization'][];
  deals: EntityRecords['deal'][];
  activities: EntityRecords['activity'][];
  notes: NoteRecord[];
  /** File metadata (with the content's sha256), not the bytes. */
  files: FileRecord[];
  fields: CustomFieldRecord[];
  activityTypes: ActivityTypeRecord[];
}

export interface SandboxState {
  readonly plan: Plan;
  readonly seats: number;
  /** The PRNG seed of fault injection (pass it back as `seed` to replay a run). */
  readonly seed: number;
  readonly accountState: AccountState;
  readonly faults: Required<FaultSettings>;
  /** 30,000 × plan multiplier × seats + top-ups. */
  readonly dailyBudget: number;
  readonly tokensSpentToday: number;
  readonly tokensLeftToday: number;
  /** Charged requests and their tokens, by operation (`POST /api/v2/persons`). */
  readonly operations: Readonly<Record<string, OperationStats>>;
  /** 429s served, by reason. */
  readonly tooManyRequests: Readonly<TooManyRequestsStats>;
  readonly faultsInjected: number;
  readonly droppedWrites: number;
  /** The most recent requests (up to 10,000), oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** Live (not deleted) records of an entity. */
  count(entity: EntityType | 'note' | 'file' | 'field'): number;
  /** Deep copies of an entity's records; deleted ones only with `includeDeleted`. */
  records<E extends EntityType>(entity: E, options?: { includeDeleted?: boolean }): EntityRecords[E][];
  /** A deep copy of one record, deleted or not. */
  record<E extends EntityType>(entity: E, id: number): EntityRecords[E] | undefined;
  notes(): NoteRecord[];
  files(): FileRecord[];
  customFields(): CustomFieldRecord[];
  /** A record's changelog, newest first. */
  changelog(entity: FieldEntity, id: number): ChangelogEntry[];
}

export function createStateView(core: SandboxCore): SandboxState {
  const store = core.store;
  return {
    plan: core.config.plan,
    seats: core.config.seats,
    seed: core.config.seed,
    get accountState() {
      return core.accountState;
    },
    get faults() {
      return core.faults.settings();
    },
    dailyBudget: core.limiter.dailyBudget,
    get tokensSpentToday() {
      return core.limiter.tokensSpentToday();
    },
    get tokensLeftToday() {
      return core.limiter.tokensLeftToday();
    },
    get operations() {
      return Object.fromEntries([...core.stats.operations].map(([key, stats]) => [key, { ...stats }]));
    },
    get tooManyRequests() {
      return { ...core.stats.tooManyRequests };
    },
    get faultsInjected() {
      return core.stats.faultsInjected;
    },
    get droppedWrites() {
      return core.stats.droppedWrites;
    },
    get requests() {
      return core.stats.requests();
    },
    count(entity) {
      if (entity === 'note') return store.notes.size;
      if (entity === 'file') return [...store.files.values()].filter((file) => file.active_flag).length;
      if (entity === 'field') return store.fields.size;
      return store.liveRecords(entity).length;
    },
    records(entity, options) {
      const records = options?.includeDeleted ? [...store.records(entity).values()] : store.liveRecords(entity);
      return structuredClone(records);
    },
    record(entity, id) {
      const record = store.records(entity).get(id);
      return record ? structuredClone(record) : undefined;
    },
    notes: () => structuredClone([...store.notes.values()]),
    files: () => structuredClone([...store.files.values()].filter((file) => file.active_flag)),
    customFields: () => structuredClone([...store.fields.values()]),
    changelog: (entity, id) => structuredClone(changelogOf(store, entity, id)),
  };
}

/** A deep copy of all entities; deleted records and files only with `includeDeleted`. */
export function takeSnapshot(core: SandboxCore, includeDeleted: boolean): SandboxSnapshot {
  const store = core.store;
  const entities = <E extends EntityType>(entity: E): EntityRecords[E][] =>
    includeDeleted ? [...store.records(entity).values()] : store.liveRecords(entity);
  return structuredClone({
    company: store.company,
    users: [...store.users.values()],
    persons: entities('person'),
    organizations: entities('organization'),
    deals: entities('deal'),
    activities: entities('activity'),
    notes: [...store.notes.values()],
    files: [...store.files.values()].filter((file) => includeDeleted || file.active_flag),
    fields: [...store.fields.values()],
    activityTypes: [...store.activityTypes.values()],
  });
}
