/**
 * A load (sample, full or delta) as phases in dependency order — organizations, persons, deals, activities,
 * notes, files — each split into chunks that run as 'ferry-load' jobs on any worker. This orchestrator plans
 * a phase's chunks, waits for them, and moves on; if its worker dies, pg-boss hands it to another, which
 * resumes where the chunk table says the run is (planned chunks are never planned twice).
 */
import type { PgBoss } from 'pg-boss';
import { AppError } from '../domain/errors.js';
import type { MapDocument } from '../mapping/document.js';
import { withTransaction } from '../store/db.js';
import { stagedKeys } from '../store/staged.js';
import { sendJob } from '../worker/boss.js';
import type { LoadObject } from './build-record.js';
import type { Engine, EngineDeps } from './engine-context.js';
import { ensureFields, neededFields, registryField, SOURCE_ID_LABEL } from './field-registry.js';
import { buildRemoteIndex, duplicatePrimaries, matchFieldsOf } from './link-existing.js';
import { type ChunkCounts, chunkRecords, emptyCounts, parsePhase } from './load-chunk.js';
import type { Notifier } from './notifier.js';
import { resolveOwners } from './owners.js';
import type { Run } from './runs.js';

export const OBJECT_ORDER: readonly LoadObject[] = ['organization', 'person', 'deal', 'activity', 'note', 'file'];
export const CHUNK_SIZE = 200;
const POLL_MS = 300;

export interface LoadDeps extends EngineDeps {
  boss: PgBoss;
  notifier: Notifier;
}

/** Phases of a map in dependency order: `<object>:<source>`, and `person:patients:duplicates` after persons. */
export function phasesOf(map: Pick<MapDocument, 'objects'>): string[] {
  const phases: string[] = [];
  for (const object of OBJECT_ORDER) {
    for (const objectMap of map.objects) {
      if (objectMap.target !== object) continue;
      phases.push(`${object}:${objectMap.source}`);
      if (object === 'person' && objectMap.source === 'patients') phases.push('person:patients:duplicates');
    }
  }
  return phases;
}

/** Which staged keys a phase covers; `scope` (a sample) narrows it to chosen keys per source entity. */
async function phaseKeys(
  deps: LoadDeps,
  engine: Engine,
  phase: string,
  scope: ReadonlyMap<string, readonly string[]> | undefined,
) {
  const [, source, extra] = phase.split(':');
  const file = engine.files.find((f) => f.entity === source);
  if (file === undefined) return [];
  const objectMap = engine.map.objects.find((o) => o.source === source);
  let keys: string[];
  if (objectMap?.fold !== undefined) {
    keys = [...new Set((await chunkRecords(deps, engine, objectMap, undefined)).map((r) => r.key))];
  } else {
    keys = await stagedKeys(deps.pool, file);
  }
  if (scope !== undefined) {
    const wanted = new Set(scope.get(source ?? '') ?? []);
    keys = keys.filter((key) => wanted.has(key));
  }
  if (source !== 'patients') return keys;
  const duplicates = await duplicatePrimaries(deps.pool, file.fileId);
  return keys.filter((key) => duplicates.has(key) === (extra === 'duplicates'));
}

/** Plans a phase's chunks once and enqueues each chunk's job in the same transaction. */
async function planPhase(deps: LoadDeps, run: Run, phase: string, keys: readonly string[]): Promise<number> {
  return withTransaction(deps.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan:${run.id}:${phase}`]);
    const planned = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM run_chunks WHERE run_id = $1 AND phase = $2',
      [run.id, phase],
    );
    if ((planned.rows[0]?.n ?? 0) > 0 || keys.length === 0) return planned.rows[0]?.n ?? 0;
    let seq = 0;
    for (let i = 0; i < keys.length; i += CHUNK_SIZE, seq++) {
      await tx.query('INSERT INTO run_chunks (run_id, phase, seq, keys) VALUES ($1, $2, $3, $4)', [
        run.id,
        phase,
        seq,
        JSON.stringify(keys.slice(i, i + CHUNK_SIZE)),
      ]);
      await sendJob(deps.boss, 'ferry-load', { project: run.project, runId: run.id, phase, seq }, { tx });
    }
    await tx.query('UPDATE runs SET phase = $2 WHERE id = $1', [run.id, phase]);
    return seq;
  });
}

interface ChunkProgress {
  total: number;
  done: number;
  records: number;
  counts: ChunkCounts;
}

async function progressOf(deps: LoadDeps, run: Run, phase: string): Promise<ChunkProgress> {
  const { rows } = await deps.pool.query<{ status: string; keys: string[]; counts: Partial<ChunkCounts> }>(
    'SELECT status, keys, counts FROM run_chunks WHERE run_id = $1 AND phase = $2',
    [run.id, phase],
  );
  const counts = emptyCounts();
  for (const row of rows) for (const [k, v] of Object.entries(row.counts)) counts[k as keyof ChunkCounts] += v ?? 0;
  return {
    total: rows.length,
    done: rows.filter((r) => r.status === 'done').length,
    records: rows.reduce((n, r) => n + r.keys.length, 0),
    counts,
  };
}

/** While the daily budget is spent the run is 'paused'; it resumes by itself after the reset. */
async function markPaused(deps: LoadDeps, run: Run, paused: boolean): Promise<void> {
  await deps.pool.query(
    `UPDATE runs SET status = CASE WHEN $2 THEN 'paused' ELSE 'running' END
     WHERE id = $1 AND status IN ('running', 'paused') AND status <> CASE WHEN $2 THEN 'paused' ELSE 'running' END`,
    [run.id, paused],
  );
}

async function waitForPhase(
  deps: LoadDeps,
  engine: Engine,
  run: Run,
  phase: string,
  spentAtStart: number,
): Promise<ChunkCounts> {
  for (;;) {
    const progress = await progressOf(deps, run, phase);
    const budget = await engine.governor.status();
    await markPaused(deps, run, budget.paused === 'daily_budget' || budget.paused === 'pipedrive_budget');
    const target = { project: run.project, runId: run.id, ...(run.thread ? { thread: run.thread } : {}) };
    await deps.notifier.progress(target, {
      kind: run.kind,
      phase,
      done: progress.done,
      total: progress.total,
      tokensSpent: Math.max(0, budget.spentToday - spentAtStart),
      tokensLeft: budget.left,
      ...(budget.paused === 'daily_budget' || budget.paused === 'pipedrive_budget'
        ? { pausedUntil: budget.resetsAt.toISOString() }
        : {}),
    });
    if (progress.done >= progress.total) return progress.counts;
    const { rows } = await deps.pool.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [run.id]);
    if (rows[0]?.status === 'failed') throw new AppError('conflict', `Run ${run.id} failed while loading ${phase}.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export type LoadCounts = Record<string, ChunkCounts>;

/** Runs every phase of the map for the run's snapshot (or only `scope`); returns counts per object. */
export async function loadAll(
  deps: LoadDeps,
  engine: Engine,
  run: Run,
  scope?: ReadonlyMap<string, readonly string[]>,
): Promise<LoadCounts> {
  const spentAtStart = (await engine.governor.status()).spentToday;
  const registry = await ensureFields(deps.pool, engine.client, run.project, run.id, neededFields(engine.map));
  await resolveOwners(deps.pool, engine.client, run.project, run.snapshotId ?? 0, engine.map);
  const counts: LoadCounts = {};
  for (const phase of phasesOf(engine.map)) {
    const { object, source } = parsePhase(phase);
    const objectMap = engine.map.objects.find((o) => o.source === source && o.target === object);
    if (objectMap?.match !== undefined && objectMap.match.policy !== 'create') {
      const field = (o: LoadObject, label: string) => registryField(registry, o, label);
      const fields = matchFieldsOf(
        objectMap,
        engine.files.find((f) => f.entity === source),
        field,
      );
      await buildRemoteIndex(deps, engine, run, object, field(object, SOURCE_ID_LABEL)?.key, fields);
    }
    await planPhase(deps, run, phase, await phaseKeys(deps, engine, phase, scope));
    const phaseCounts = await waitForPhase(deps, engine, run, phase, spentAtStart);
    const total = counts[object] ?? emptyCounts();
    counts[object] = total;
    for (const [k, v] of Object.entries(phaseCounts)) total[k as keyof ChunkCounts] += v;
  }
  return counts;
}

/** Marks a chunk done with its counts (idempotent: a retried chunk overwrites its own counts). */
export async function finishChunk(deps: EngineDeps, runId: number, phase: string, seq: number, counts: ChunkCounts) {
  await deps.pool.query(
    `UPDATE run_chunks SET status = 'done', counts = $4, done_at = now() WHERE run_id = $1 AND phase = $2 AND seq = $3`,
    [runId, phase, seq, JSON.stringify(counts)],
  );
}

export async function chunkKeys(deps: EngineDeps, runId: number, phase: string, seq: number): Promise<string[] | null> {
  const { rows } = await deps.pool.query<{ keys: string[]; status: string }>(
    'SELECT keys, status FROM run_chunks WHERE run_id = $1 AND phase = $2 AND seq = $3',
    [runId, phase, seq],
  );
  return rows[0] === undefined || rows[0].status === 'done' ? null : rows[0].keys;
}
