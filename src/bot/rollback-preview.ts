/**
 * The RollbackPreview port over the engine: the rollback run that a confirmation would start is planned as it
 * would run (src/migration/rollback.ts reads each record back from Pipedrive and writes nothing), and counted per
 * object for the confirmation message. The run is not stored: it is shaped from the project's map and newest
 * export (what the engine opens a run with) and the target load.
 */
import { OBJECT_PLURALS } from '../migration/build-record.js';
import type { EngineDeps } from '../migration/engine-context.js';
import { openEngine } from '../migration/engine-context.js';
import { planRollback, type RollbackItem } from '../migration/rollback.js';
import { getRun, type Run } from '../migration/runs.js';
import type { Queryable } from '../store/db.js';
import type { RollbackPlanSummary, RollbackPreview } from './ports.js';
import { runBasis } from './run-basis.js';

const LOAD_KINDS: ReadonlySet<string> = new Set(['sample', 'full', 'delta']);
/** A load that is over, whatever its outcome: a failed one may have created records too. */
const FINISHED: ReadonlySet<string> = new Set(['done', 'failed']);

/** Pipedrive's objects in load order, as people read them (a rollback undoes them the other way round). */
const PLURAL: ReadonlyArray<readonly [string, string]> = Object.entries(OBJECT_PLURALS);

function countBy(items: readonly RollbackItem[], action: RollbackItem['action']): Record<string, number> {
  const counts: Record<string, number> = {};
  const mine = items.filter((i) => i.action === action);
  for (const [object, label] of PLURAL) {
    const n = mine.filter((i) => i.record.object === object).length;
    if (n > 0) counts[label] = n;
  }
  for (const item of mine) {
    if (!PLURAL.some(([object]) => object === item.record.object))
      counts[item.record.object] = (counts[item.record.object] ?? 0) + 1;
  }
  return counts;
}

/** The load `runId` when it belongs to the project and can be undone; null otherwise. */
async function targetLoad(db: Queryable, project: string, runId: number): Promise<Run | null> {
  const run = await getRun(db, runId).catch(() => null);
  if (run === null || run.project !== project) return null;
  return LOAD_KINDS.has(run.kind) && FINISHED.has(run.status) ? run : null;
}

/** Whether Ferry still has records in Pipedrive for the project (or from load `runId`, or changed by it). */
async function hasRecords(db: Queryable, project: string, runId: number | null): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM records WHERE project_id = $1 AND state IN ('created', 'linked', 'conflict')
       AND ($2::bigint IS NULL OR origin_run_id = $2))
     OR EXISTS (SELECT 1 FROM record_updates WHERE project_id = $1 AND run_id = $2 AND undone_at IS NULL) AS found`,
    [project, runId],
  );
  return rows[0]?.found === true;
}

async function ferryFieldCount(db: Queryable, project: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM field_registry WHERE project_id = $1 AND created_by_ferry AND deleted_at IS NULL`,
    [project],
  );
  return rows[0]?.n ?? 0;
}

async function notesFor(deps: EngineDeps, project: string, items: readonly RollbackItem[], everything: boolean) {
  const notes: string[] = [];
  const gone = items.filter((i) => i.action === 'gone').length;
  const conflicts = items.filter((i) => i.action === 'conflict').length;
  if (conflicts > 0) {
    notes.push(
      `${conflicts} records were changed in Pipedrive after Ferry wrote them: they stay as they are and are listed in the result.`,
    );
  }
  if (gone > 0) notes.push(`${gone} records were deleted in Pipedrive already; Ferry only marks them as undone.`);
  const fields = everything ? await ferryFieldCount(deps.pool, project) : 0;
  if (fields > 0) notes.push(`The ${fields} custom fields Ferry created are deleted once no record uses them.`);
  return notes;
}

export function createRollbackPreview(deps: EngineDeps): RollbackPreview {
  return {
    async preview(project, runId) {
      const target = runId === undefined ? null : await targetLoad(deps.pool, project, runId);
      if (runId !== undefined && target === null) return null;
      if (!(await hasRecords(deps.pool, project, target?.id ?? null))) return null; // spares the Pipedrive reads
      const basis = await runBasis(deps.pool, project, 'rollback');
      if (!basis.ok) return null; // no map or no export: nothing was ever loaded
      const run: Run = {
        id: 0,
        project,
        kind: 'rollback',
        status: 'planned',
        ...basis.basis,
        targetRunId: target?.id ?? null,
        options: {},
        phase: null,
        counts: {},
        tokensSpent: 0,
        tokensEstimated: null,
        result: null,
        error: null,
        actor: 'preview',
        thread: null,
        createdAt: new Date().toISOString(),
        finishedAt: null,
      };
      const items = (await planRollback(deps, await openEngine(deps, run), run, false)).filter(
        (i) => i.action !== 'forget',
      );
      if (items.length === 0) return null;
      const runIds = [...new Set(items.map((i) => i.record.originRunId).filter((id): id is number => id !== null))];
      const plan: RollbackPlanSummary = {
        targetRunId: target?.id ?? null,
        targetKind: target?.kind ?? null,
        runIds: runIds.sort((a, b) => a - b),
        delete: countBy(items, 'delete'),
        restore: countBy(items, 'restore'),
        keepAsConflicts: countBy(items, 'conflict'),
        notes: await notesFor(deps, project, items, target === null),
      };
      return plan;
    },
  };
}
