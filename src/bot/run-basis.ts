/**
 * What a run started from Slack is bound to: a map version and an export snapshot, both recorded on the run row
 * (the engine opens every run, a rollback included, from them). Loads take the newest map only when it is
 * approved (a later edit voids an approval); the other kinds take the approved version, else the newest. The
 * snapshot is the newest staged upload; a delta needs one the last load did not use yet.
 */
import type { RunKind } from '../migration/notifier.js';
import { latestRuns, type Run } from '../migration/runs.js';
import type { Queryable } from '../store/db.js';
import { approvedMap, latestMap } from '../store/maps.js';

export interface RunBasis {
  mapVersion: number;
  mapHash: string;
  snapshotId: number;
}

export type RunBasisOutcome = { ok: true; basis: RunBasis } | { ok: false; message: string };

const LOADS: ReadonlySet<RunKind> = new Set(['sample', 'full', 'delta']);
const ACTIVE: ReadonlySet<string> = new Set(['planned', 'running', 'paused']);

/** The project's run still under way, if any: one run at a time per project. */
export async function activeRun(db: Queryable, project: string): Promise<Run | null> {
  return (await latestRuns(db, project, 10)).find((r) => ACTIVE.has(r.status)) ?? null;
}

interface SnapshotFacts {
  newest: { id: number; status: 'staged' | 'refused' } | null;
  staged: number | null;
}

async function snapshots(db: Queryable, project: string): Promise<SnapshotFacts> {
  const { rows } = await db.query<{ id: number; status: 'staged' | 'refused' }>(
    `SELECT id, status FROM snapshots WHERE project_id = $1 ORDER BY id DESC`,
    [project],
  );
  return { newest: rows[0] ?? null, staged: rows.find((r) => r.status === 'staged')?.id ?? null };
}

/** The snapshot of the newest load that is done (not failed, not rolled back). */
async function lastLoadedSnapshot(db: Queryable, project: string): Promise<number | null> {
  const { rows } = await db.query<{ snapshot_id: number | null }>(
    `SELECT snapshot_id FROM runs WHERE project_id = $1 AND kind IN ('sample', 'full', 'delta') AND status = 'done'
     ORDER BY id DESC LIMIT 1`,
    [project],
  );
  return rows[0]?.snapshot_id ?? null;
}

async function mapFor(
  db: Queryable,
  project: string,
  kind: RunKind,
): Promise<{ ok: true; version: number; hash: string } | { ok: false; message: string }> {
  const latest = await latestMap(db, project);
  if (latest === null)
    return { ok: false, message: 'There is no field map yet: click *Review map* on the project card.' };
  const { version, hash, status } = latest.document;
  if (status === 'approved') return { ok: true, version, hash };
  if (LOADS.has(kind)) {
    return {
      ok: false,
      message: `Map v${version} is not approved yet: an approver clicks *Approve* in the thread first.`,
    };
  }
  const approved = kind === 'preflight' ? null : await approvedMap(db, project);
  return approved === null
    ? { ok: true, version, hash }
    : { ok: true, version: approved.document.version, hash: approved.document.hash };
}

/** The map version and snapshot a new run of `kind` uses, or one sentence on what to do first. */
export async function runBasis(db: Queryable, project: string, kind: RunKind): Promise<RunBasisOutcome> {
  const map = await mapFor(db, project, kind);
  if (!map.ok) return map;
  const { newest, staged } = await snapshots(db, project);
  if (staged === null) {
    return {
      ok: false,
      message: 'There is no checked export yet: upload the DentAdmin CSV files to the channel first.',
    };
  }
  const undoing = kind === 'rollback' || kind === 'reconcile';
  if (!undoing && newest?.status === 'refused') {
    return {
      ok: false,
      message: `The newest upload (#${newest.id}) was refused: fix the export and upload it again (the reason is in the thread).`,
    };
  }
  if (kind === 'delta' && (await lastLoadedSnapshot(db, project)) === staged) {
    return {
      ok: false,
      message: `Export #${staged} is already loaded: upload the newer DentAdmin export first, wait for *Export checked*, then \`/ferry delta\`.`,
    };
  }
  return { ok: true, basis: { mapVersion: map.version, mapHash: map.hash, snapshotId: staged } };
}
