/**
 * Starts a local Pipedrive sandbox: an HTTP server answering at Pipedrive's paths (v2 under
 * `/api/v2`, v1 under `/v1` and `/api/v1`) with Pipedrive's shapes, token costs and rate limits.
 * Used by the test suite, by `npm run demo`, and by practices rehearsing a migration.
 */
import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, APP_USER_AGENT } from './changelog.js';
import { type AccountState, type CoreConfig, SandboxCore } from './core.js';
import type { FaultSettings } from './faults.js';
import { RouteTable } from './http/routing.js';
import { createRequestListener } from './http/server.js';
import { loadState, StateSaver } from './persistence.js';
import { isPlan, type Plan } from './plans.js';
import type { EntityRecords, EntityType } from './records.js';
import { accountRouteList } from './routes/account.js';
import { createAdminHandler } from './routes/admin.js';
import { changelogRouteList } from './routes/changelog.js';
import { entityRouteList } from './routes/entities.js';
import { fieldRouteList } from './routes/fields.js';
import { fileRouteList } from './routes/files.js';
import { noteRouteList } from './routes/notes.js';
import { searchRouteList } from './routes/search.js';
import { type SeedUser, seedData } from './seed.js';
import { createStateView, type SandboxSnapshot, type SandboxState, takeSnapshot } from './state.js';
import { Store } from './store.js';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The API token clients must send (`x-api-token`). */
  token: string;
  plan: Plan;
  /** Paid seats: multiplies the daily token budget (default 1). */
  seats?: number;
  /** Purchased API-token top-ups, added to the daily budget (default 0). */
  topUpTokens?: number;
  /** The company's users; the first owns the API token. Default: one admin user. */
  users?: SeedUser[];
  companyName?: string;
  companyDomain?: string;
  /**
   * JSON file to load the state from at start and to save it to (debounced, atomically). A saved
   * state brings its own company and users: `users`, `companyName` and `companyDomain` then do nothing.
   */
  statePath?: string;
  /** Share (0–1) of requests answered 429/500/503 at random before anything happens. */
  failRate?: number;
  /** Share (0–1) of successful writes committed and then left unanswered (socket destroyed). */
  dropRate?: number;
  /** Delay added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Seed of the fault-injection PRNG (default: random, see `state.seed`). */
  seed?: number;
  /** The clock of timestamps, burst windows and the daily reset (default: the system clock). */
  now?: () => Date;
  /** Largest accepted upload (default 50 MB); larger files get 413. */
  maxFileBytes?: number;
  /** Reject unknown custom-field keys with 400 instead of ignoring them (see custom-values.ts). */
  strictCustomFields?: boolean;
}

export interface Sandbox {
  /** The base URL, e.g. `http://127.0.0.1:4010`; the API is under `/v1` and `/api/v2`. */
  readonly url: string;
  readonly token: string;
  readonly state: SandboxState;
  stop(): Promise<void>;
  /** A deep copy of all entities (live ones unless `includeDeleted`), custom fields included. */
  snapshot(options?: { includeDeleted?: boolean }): SandboxSnapshot;
  setFaults(faults: FaultSettings): void;
  /** Gives back the whole daily token budget, as the midnight reset does. */
  resetBudget(): void;
  /** Simulates the company's other integrations drawing from the shared daily budget. */
  spendTokensElsewhere(tokens: number): void;
  /** `unpaid` answers every request 402; `blocked` answers Cloudflare's 403 HTML page. */
  setAccountState(state: AccountState): void;
  /**
   * An edit by a person in the web app: same rules as PATCH, bumps `update_time`, writes changelog
   * entries with `change_source: 'app'`, costs no tokens. `userId` defaults to the second user, else the owner.
   */
  editAsUser<E extends EntityType>(
    entity: E,
    id: number,
    patch: Record<string, unknown>,
    options?: { userId?: number },
  ): EntityRecords[E];
  /** A record created by a person in the web app (no tokens, no burst slot). Body as in POST. */
  createAsUser<E extends EntityType>(
    entity: E,
    body: Record<string, unknown>,
    options?: { userId?: number },
  ): EntityRecords[E];
}

function checkOptions(options: SandboxOptions): void {
  if (!options.token) throw new Error('sandbox: token must not be empty');
  if (!isPlan(options.plan)) throw new Error(`sandbox: unknown plan ${String(options.plan)}`);
  if (options.seats !== undefined && (!Number.isInteger(options.seats) || options.seats < 1)) {
    throw new Error('sandbox: seats must be a positive integer');
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function createCore(options: SandboxOptions): Promise<SandboxCore> {
  const now = options.now ?? (() => new Date());
  const loaded = options.statePath ? await loadState(options.statePath) : undefined;
  const data =
    loaded ??
    seedData({
      users: options.users ?? [],
      companyName: options.companyName ?? 'Ferry Sandbox Practice',
      companyDomain: options.companyDomain ?? 'ferry-sandbox',
      now: now(),
    });
  const config: CoreConfig = {
    token: options.token,
    plan: options.plan,
    seats: options.seats ?? 1,
    topUpTokens: options.topUpTokens ?? 0,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    strictCustomFields: options.strictCustomFields ?? false,
    seed: options.seed ?? randomInt(2 ** 31),
    now,
    faults: { failRate: options.failRate ?? 0, dropRate: options.dropRate ?? 0, latencyMs: options.latencyMs ?? 0 },
  };
  return new SandboxCore(new Store(data), config, data.ledger);
}

/** The in-process controls, shared by the `Sandbox` object and the `/_sandbox/` admin routes. */
function createControls(core: SandboxCore) {
  // A web-app edit is made by a colleague: the second user when there is one.
  const appActor = (userId: number | undefined): Actor => {
    const owner = core.store.company.owner_user_id;
    const colleague = [...core.store.users.keys()].find((id) => id !== owner);
    return { userId: userId ?? colleague ?? owner, source: 'app', userAgent: APP_USER_AGENT };
  };
  return {
    token: core.config.token,
    editAsUser<E extends EntityType>(
      entity: E,
      id: number,
      patch: Record<string, unknown>,
      opts?: { userId?: number },
    ) {
      const record = core.entities.update(entity, id, patch, appActor(opts?.userId));
      core.onWrite();
      return structuredClone(record);
    },
    createAsUser<E extends EntityType>(entity: E, body: Record<string, unknown>, opts?: { userId?: number }) {
      const record = core.entities.create(entity, body, appActor(opts?.userId));
      core.onWrite();
      return structuredClone(record);
    },
    setAccountState(state: AccountState) {
      core.accountState = state;
    },
    resetBudget: () => core.limiter.resetBudget(),
    setFaults: (faults: FaultSettings) => core.faults.set(faults),
    summary: () => summarize(core),
  };
}

function allRoutes(core: SandboxCore): RouteTable {
  return new RouteTable().add([
    ...entityRouteList(core),
    ...searchRouteList(core),
    ...fieldRouteList(core),
    ...noteRouteList(core),
    ...fileRouteList(core),
    ...accountRouteList(core),
    ...changelogRouteList(core),
  ]);
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  checkOptions(options);
  const core = await createCore(options);
  const saver = options.statePath
    ? new StateSaver(
        options.statePath,
        () => core.toData(),
        (error) => process.emitWarning(`sandbox state not saved: ${String(error)}`),
      )
    : undefined;
  if (saver) core.onWrite = () => saver.schedule();
  const controls = createControls(core);
  const server = createServer(createRequestListener(core, allRoutes(core), createAdminHandler(controls)));
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  core.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url: core.baseUrl,
    token: options.token,
    state: createStateView(core),
    async stop() {
      await close(server);
      if (saver) {
        saver.schedule();
        await saver.flush();
      }
    },
    snapshot: (opts) => takeSnapshot(core, opts?.includeDeleted ?? false),
    setFaults: controls.setFaults,
    resetBudget: controls.resetBudget,
    spendTokensElsewhere: (tokens) => core.limiter.spend(tokens),
    setAccountState: controls.setAccountState,
    editAsUser: controls.editAsUser,
    createAsUser: controls.createAsUser,
  };
}

/** What `GET /_sandbox/state` and the CLI report. */
export function summarize(core: SandboxCore): Record<string, unknown> {
  const store = core.store;
  return {
    company: { id: store.company.id, name: store.company.name, domain: store.company.domain },
    plan: core.config.plan,
    seats: core.config.seats,
    accountState: core.accountState,
    faults: core.faults.settings(),
    dailyBudget: core.limiter.dailyBudget,
    tokensSpentToday: core.limiter.tokensSpentToday(),
    tokensLeftToday: core.limiter.tokensLeftToday(),
    tooManyRequests: { ...core.stats.tooManyRequests },
    counts: {
      persons: store.liveRecords('person').length,
      organizations: store.liveRecords('organization').length,
      deals: store.liveRecords('deal').length,
      activities: store.liveRecords('activity').length,
      notes: store.notes.size,
      files: [...store.files.values()].filter((file) => file.active_flag).length,
      customFields: store.fields.size,
    },
  };
}
