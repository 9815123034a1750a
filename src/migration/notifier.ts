/**
 * Where a run reports its progress and its result: the terminal for the CLI, the project thread in Slack
 * for the bot. The engine only knows this interface; each shell brings its own implementation.
 */

import type { MapDocument } from '../mapping/document.js';

/** The Slack thread a project's conversation happens in, when it has one. */
export interface SlackThread {
  channel: string;
  threadTs: string;
}

export interface NotifyTarget {
  project: string;
  /** The run being reported on; absent for ingest and map proposals. */
  runId?: number;
  thread?: SlackThread;
}

export type RunKind = 'preflight' | 'sample' | 'full' | 'delta' | 'reconcile' | 'rollback';

/** How people call each kind of run in messages. */
export const RUN_LABELS: Readonly<Record<RunKind, string>> = {
  preflight: 'preflight',
  sample: 'sample',
  full: 'full load',
  delta: 'delta pickup',
  reconcile: 'reconciliation',
  rollback: 'rollback',
};

/** What a result is about: a run, or the steps before any run. */
export type ResultKind = RunKind | 'ingest' | 'map';

export interface RunProgress {
  kind: RunKind;
  /** The object being loaded or checked now (`persons`, `activities` …), or a step name. */
  phase: string;
  done: number;
  total: number;
  tokensSpent: number;
  /** Tokens left today for Ferry (after the practice's reserve), when known. */
  tokensLeft?: number;
  etaSeconds?: number;
  /** Set while the run waits for the daily budget to reset. */
  pausedUntil?: string;
}

export interface Attachment {
  filename: string;
  title: string;
  content: string | Buffer;
}

export interface RunResult {
  kind: ResultKind;
  status: string;
  /** Plain-language lines: what happened, what to do next. */
  lines: string[];
  attachments?: Attachment[];
}

/** A map version for people to review and approve. */
export interface MapReview {
  document: MapDocument;
  /** Plain lines shown with it: how the columns were decided, validation errors and warnings. */
  notes: string[];
}

export interface Notifier {
  /** Called often; implementations throttle (Slack: one edit every 3 s at most). */
  progress(target: NotifyTarget, progress: RunProgress): Promise<void>;
  result(target: NotifyTarget, result: RunResult): Promise<void>;
  /**
   * Shows a map version with its controls (Slack: summary, paged table, the CSV, Approve / Request changes).
   * Optional: a notifier without it gets a `map` result with the same lines instead.
   */
  mapReview?(target: NotifyTarget, review: MapReview): Promise<void>;
}

export const silentNotifier: Notifier = {
  progress: async () => {},
  result: async () => {},
};
