/**
 * Every pg-boss queue Ferry uses and the payload each carries, in one map so `send` and `work` cannot drift.
 * Payloads hold ids and file paths only — never a patient's value.
 */
import type { RunKind, SlackThread } from '../migration/notifier.js';

export interface JobOrigin {
  project: string;
  /** Who asked: `cli:<os user>` or `slack:<user>@<team>`; lands in the audit trail. */
  actor: string;
  thread?: SlackThread;
}

export interface JobPayloads {
  /** Files already on disk (downloaded from Slack, or given to the CLI). */
  'ferry-ingest': JobOrigin & { paths: string[]; displayNames?: string[] };
  'ferry-propose': JobOrigin & { offline?: boolean };
  /** Runs the run `runId` (its kind is on the run row). */
  'ferry-run': JobOrigin & { runId: number };
  /** One chunk of one phase of a load (sample, full or delta). */
  'ferry-load': { project: string; runId: number; phase: string; seq: number };
  'ferry-dead-letter': Record<string, unknown>;
}

export type QueueName = keyof JobPayloads;

export const RUN_KINDS: readonly RunKind[] = ['preflight', 'sample', 'full', 'delta', 'reconcile', 'rollback'];
