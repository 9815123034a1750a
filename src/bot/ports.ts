/**
 * What the bot needs from modules that live elsewhere, as small interfaces; the composition root passes the real
 * implementations. A missing port is reported to the person in Slack ("not available in this build"), never faked.
 */
import type { RunKind } from '../migration/notifier.js';
import type { Queryable } from '../store/db.js';

/** What a rollback would do, counted per Pipedrive object (`persons`, `deals`, `activities`, …). */
export interface RollbackPlanSummary {
  /** The run to roll back. */
  targetRunId: number;
  targetKind: RunKind;
  /** Records the run created: deleted. */
  delete: Record<string, number>;
  /** Records the run changed: their values from before the run are written back. */
  restore: Record<string, number>;
  /** Records someone changed in Pipedrive after the run: kept as they are and reported as conflicts. */
  keepAsConflicts: Record<string, number>;
  /** Plain sentences worth reading before confirming. */
  notes: string[];
  /** Pipedrive API tokens the rollback is expected to spend, when known. */
  estimatedTokens?: number;
}

/** Asked before a rollback starts, so the confirmation shows what will happen (implemented by the engine). */
export interface RollbackPreview {
  /** The plan for rolling back `runId` (default: the newest load not yet rolled back); null when there is none. */
  preview(db: Queryable, project: string, runId?: number): Promise<RollbackPlanSummary | null>;
}

/** Collaborators of the bot process that other parts of Ferry implement. */
export interface BotPorts {
  /** Without it, `/ferry rollback` says rollback previews are not available in this build and starts nothing. */
  rollbackPreview?: RollbackPreview;
}
