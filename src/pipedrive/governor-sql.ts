/**
 * The rate governor's queries (sql/002_pipedrive.sql) and the row they read. Every statement runs inside
 * governor.ts's transaction, after the advisory lock keyed by `lockKeys`.
 */
import { createHash } from 'node:crypto';
import { EMPTY_WINDOW, type WindowState } from './governor-policy.js';

export interface BucketRow {
  recent: number[] | null;
  recent_search: number[] | null;
  blocked_until: number | null;
  server_limit: number | null;
  exhausted_since: number | null;
  next_probe_at: number | null;
  now_ms: number;
  day: string;
  resets_at_ms: number;
  spent: number;
}

// $1 company, $2 reset time zone, $3 reset hour. The clock is read here, after the advisory lock.
export const SELECT_STATE = `
  WITH clock AS (SELECT clock_timestamp() AS t),
  day AS (SELECT t, ((t AT TIME ZONE $2) - make_interval(hours => $3))::date AS d FROM clock)
  SELECT b.recent, b.recent_search, b.blocked_until, b.server_limit, b.exhausted_since, b.next_probe_at,
         (extract(epoch FROM day.t) * 1000)::float8 AS now_ms,
         day.d::text AS day,
         (extract(epoch FROM ((day.d + 1)::timestamp + make_interval(hours => $3)) AT TIME ZONE $2) * 1000)::float8 AS resets_at_ms,
         coalesce((SELECT l.spent FROM pipedrive_token_ledger l WHERE l.company_key = $1 AND l.day = day.d), 0)::float8 AS spent
  FROM day LEFT JOIN pipedrive_rate_buckets b ON b.company_key = $1`;

export const GRANT = `
  WITH bucket AS (
    INSERT INTO pipedrive_rate_buckets AS b (company_key, recent, recent_search, next_probe_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (company_key) DO UPDATE
      SET recent = EXCLUDED.recent, recent_search = EXCLUDED.recent_search, next_probe_at = EXCLUDED.next_probe_at,
          updated_at = now())
  INSERT INTO pipedrive_token_ledger AS l (company_key, day, spent, requests) VALUES ($1, $5::date, $6, 1)
  ON CONFLICT (company_key, day) DO UPDATE SET spent = l.spent + EXCLUDED.spent, requests = l.requests + 1`;

export const SETTLE = `
  INSERT INTO pipedrive_rate_buckets AS b
    (company_key, recent, recent_search, blocked_until, server_limit, exhausted_since, next_probe_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (company_key) DO UPDATE
    SET recent = EXCLUDED.recent, recent_search = EXCLUDED.recent_search, blocked_until = EXCLUDED.blocked_until,
        server_limit = EXCLUDED.server_limit, exhausted_since = EXCLUDED.exhausted_since,
        next_probe_at = EXCLUDED.next_probe_at, updated_at = now()`;

// $1 company, $2 day, $3 tokens to take back (≥ 0), $4 refusals to count.
export const REFUND = `
  UPDATE pipedrive_token_ledger SET spent = greatest(0, spent - $3), refused = refused + $4
  WHERE company_key = $1 AND day = $2::date`;

export const CHARGE = `
  INSERT INTO pipedrive_token_ledger AS l (company_key, day, spent, requests) VALUES ($1, $2::date, $3, 1)
  ON CONFLICT (company_key, day) DO UPDATE SET spent = l.spent + EXCLUDED.spent, requests = l.requests + 1`;

export function stateOf(row: BucketRow): WindowState {
  return {
    recent: row.recent ?? EMPTY_WINDOW.recent,
    recentSearch: row.recent_search ?? EMPTY_WINDOW.recentSearch,
    blockedUntil: row.blocked_until ?? 0,
    serverLimit: row.server_limit,
    exhaustedSince: row.exhausted_since ?? 0,
    nextProbeAt: row.next_probe_at ?? 0,
  };
}

/** Two 32-bit keys for `pg_advisory_xact_lock`: a constant namespace and a hash of the company. */
export function lockKeys(companyKey: string): [number, number] {
  return [7_462_020, createHash('sha256').update(companyKey).digest().readInt32BE(0)];
}
