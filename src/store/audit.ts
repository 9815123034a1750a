/**
 * The audit trail: append-only, hash-chained per project. Every human decision and every Pipedrive write
 * lands here with ids, statuses and token counts — never a patient's value.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import { type Pool, type PoolClient, withTransaction } from './db.js';

const GENESIS = 'sha256:genesis';

export interface AuditEvent {
  project: string;
  /** Who: `cli:<os user>`, `slack:<user id>@<team id>`, `worker`, … */
  actor: string;
  /** What: `map.approved`, `run.started`, `api.write`, `rollback.started`, … */
  kind: string;
  detail: Record<string, unknown>;
}

export interface AuditRow extends AuditEvent {
  id: number;
  at: string;
  prevHash: string;
  hash: string;
}

function hashOf(prevHash: string, at: string, event: AuditEvent): string {
  const content = canonicalJson({
    at,
    actor: event.actor,
    kind: event.kind,
    detail: event.detail,
    project: event.project,
  });
  return `sha256:${createHash('sha256').update(prevHash).update('\n').update(content).digest('hex')}`;
}

/** Appends inside the caller's transaction; the per-project lock keeps the chain linear across workers. */
export async function appendAuditTx(tx: PoolClient, event: AuditEvent): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${event.project}`]);
  const last = await tx.query<{ hash: string }>(
    'SELECT hash FROM audit_log WHERE project_id = $1 ORDER BY id DESC LIMIT 1',
    [event.project],
  );
  const prevHash = last.rows[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const hash = hashOf(prevHash, at, event);
  await tx.query(
    'INSERT INTO audit_log (project_id, at, actor, kind, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [event.project, at, event.actor, event.kind, JSON.stringify(event.detail), prevHash, hash],
  );
  return hash;
}

/** One write to Pipedrive as the trail keeps it: keys, ids, status and cost, never a patient's value. */
export interface ApiWrite {
  run: number;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The endpoint, where the object alone does not say it. */
  path?: string;
  object: string;
  /** The source record (`patients:1001`); absent for Ferry's own custom fields. */
  source?: string;
  pipedriveId: number | string | null;
  status: string;
  /** Undefined only for an endpoint the token-cost table does not know. */
  tokens: number | undefined;
  /** The fields a PATCH changed (their keys, not their values). */
  fields?: string[];
}

export function appendApiWriteTx(tx: PoolClient, project: string, write: ApiWrite): Promise<string> {
  return appendAuditTx(tx, { project, actor: 'worker', kind: 'api.write', detail: { ...write } });
}

export function appendAudit(pool: Pool, event: AuditEvent): Promise<string> {
  return withTransaction(pool, (tx) => appendAuditTx(tx, event));
}

export async function readAudit(pool: Pool, project: string): Promise<AuditRow[]> {
  const { rows } = await pool.query<{
    id: number;
    at: Date;
    actor: string;
    kind: string;
    detail: Record<string, unknown>;
    prev_hash: string;
    hash: string;
  }>('SELECT id, at, actor, kind, detail, prev_hash, hash FROM audit_log WHERE project_id = $1 ORDER BY id', [project]);
  return rows.map((r) => ({
    id: r.id,
    project,
    at: r.at.toISOString(),
    actor: r.actor,
    kind: r.kind,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** Id of the first row whose hash or link does not match. */
  brokenAt?: number;
}

/** Recomputes the chain from the first row; any edited, removed or reordered row breaks it. */
export function verifyChain(rows: readonly AuditRow[]): AuditVerification {
  let prevHash = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prevHash || hashOf(prevHash, row.at, row) !== row.hash) {
      return { ok: false, rows: rows.length, brokenAt: row.id };
    }
    prevHash = row.hash;
  }
  return { ok: true, rows: rows.length };
}
