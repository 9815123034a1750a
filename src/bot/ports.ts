/**
 * What the bot needs from modules that live elsewhere, as small interfaces: the composition root (main.ts) passes
 * the real implementations, tests may pass doubles.
 */
import type { RunKind } from '../migration/notifier.js';

/** What a rollback would do, counted per Pipedrive object (`persons`, `deals`, `activities`, …). */
export interface RollbackPlanSummary {
  /** The load to roll back; null: every load of the project (the whole migration). */
  targetRunId: number | null;
  /** The target's kind; null with `targetRunId` null. */
  targetKind: RunKind | null;
  /** The loads whose records the rollback undoes, oldest first. */
  runIds: number[];
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

/** Asked before a rollback starts, so the confirmation shows what will happen (rollback-preview.ts, over the engine). */
export interface RollbackPreview {
  /**
   * The plan for rolling back load `runId`, or every load when it is undefined; null when there is nothing to
   * roll back (no record of Ferry's left, or `runId` is not a load of this project that can be undone).
   */
  preview(project: string, runId?: number): Promise<RollbackPlanSummary | null>;
}

/** Collaborators of the bot process that other parts of Ferry implement; startBot wires the real ones. */
export interface BotPorts {
  rollbackPreview: RollbackPreview;
}
