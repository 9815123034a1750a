/**
 * What the sandbox observed: requests per operation and the tokens they cost, the 429s it served
 * (and why), injected faults, dropped connections, and a log of the most recent requests.
 */

export type RequestOutcome =
  | 'ok'
  | 'error'
  | 'unauthorized'
  | 'account_unpaid'
  | 'account_blocked'
  | 'unknown_path'
  | 'not_implemented'
  | 'rate_limited'
  | 'fault'
  | 'dropped';

export interface RequestLogEntry {
  /** ISO time of the sandbox clock when the request was answered. */
  time: string;
  method: string;
  /** Path and query, with any `api_token` removed. */
  path: string;
  /** `POST /api/v2/persons`-style operation key, null when the path is no API operation. */
  operation: string | null;
  status: number;
  tokens: number;
  outcome: RequestOutcome;
}

export interface OperationStats {
  /** Requests that passed the rate limiter (and so were charged). */
  count: number;
  tokens: number;
}

export interface TooManyRequestsStats {
  burst: number;
  search: number;
  daily: number;
  /** 429s injected by `failRate`. */
  fault: number;
  total: number;
}

/** How many recent requests the log keeps. */
export const REQUEST_LOG_SIZE = 10_000;

export class SandboxStats {
  readonly operations = new Map<string, OperationStats>();
  readonly tooManyRequests: TooManyRequestsStats = { burst: 0, search: 0, daily: 0, fault: 0, total: 0 };
  faultsInjected = 0;
  droppedWrites = 0;
  private readonly log: RequestLogEntry[] = [];

  charge(operation: string, tokens: number): void {
    const stats = this.operations.get(operation) ?? { count: 0, tokens: 0 };
    stats.count += 1;
    stats.tokens += tokens;
    this.operations.set(operation, stats);
  }

  count429(reason: 'burst' | 'search' | 'daily' | 'fault'): void {
    this.tooManyRequests[reason] += 1;
    this.tooManyRequests.total += 1;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_SIZE) this.log.splice(0, this.log.length - REQUEST_LOG_SIZE);
  }

  requests(): readonly RequestLogEntry[] {
    return this.log.map((entry) => ({ ...entry }));
  }
}
