/**
 * The sandbox's composition: one company's store, the entity rules, the rate limiter, the fault
 * injector and the statistics, shared by the HTTP layer and the in-process helpers.
 */
import type { Actor } from './changelog.js';
import { EntityService } from './entities/service.js';
import { FaultInjector, type FaultSettings } from './faults.js';
import type { Plan } from './plans.js';
import { RateLimiter } from './rate-limit.js';
import { SandboxStats } from './stats.js';
import type { SandboxData, Store } from './store.js';

/** `ok`: normal; `unpaid`: every request gets 402; `blocked`: every request gets Cloudflare's 403. */
export type AccountState = 'ok' | 'unpaid' | 'blocked';

export interface CoreConfig {
  token: string;
  plan: Plan;
  seats: number;
  topUpTokens: number;
  maxFileBytes: number;
  strictCustomFields: boolean;
  seed: number;
  now: () => Date;
  faults: FaultSettings;
}

export class SandboxCore {
  readonly store: Store;
  readonly entities: EntityService;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly stats = new SandboxStats();
  readonly config: CoreConfig;
  accountState: AccountState = 'ok';
  /** The base URL once the server listens (`http://127.0.0.1:4010`). */
  baseUrl = '';
  /** Called after every committed write (persistence hooks in here). */
  onWrite: () => void = () => {};

  constructor(store: Store, config: CoreConfig, ledger: SandboxData['ledger'] | undefined) {
    this.store = store;
    this.config = config;
    this.entities = new EntityService(store, {
      plan: config.plan,
      strictCustomFields: config.strictCustomFields,
      now: config.now,
    });
    this.limiter = new RateLimiter({
      plan: config.plan,
      seats: config.seats,
      topUpTokens: config.topUpTokens,
      now: config.now,
      ...(ledger ? { ledger } : {}),
    });
    this.faults = new FaultInjector(config.seed, config.faults);
  }

  now(): Date {
    return this.config.now();
  }

  /** The actor of API writes: the token's user. */
  apiActor(userAgent: string | null): Actor {
    return { userId: this.store.company.owner_user_id, source: 'api', userAgent };
  }

  toData(): SandboxData {
    return this.store.toData(this.limiter.snapshotLedger());
  }
}
