/** The one JSON document engine commands print with --json (a contract: extend, never rename). */
import type { Run } from '../migration/runs.js';

export interface RunSummary {
  run: number;
  kind: string;
  status: string;
  counts: Record<string, { created: number; updated: number; linked: number; skipped: number; failed: number }>;
  tokens: { spent: number; estimated: number | null };
  conflicts: unknown[];
  diff: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
}

export function runSummary(run: Run): RunSummary {
  const counts: RunSummary['counts'] = {};
  for (const [object, c] of Object.entries(run.counts)) {
    counts[object] = {
      created: c.created ?? 0,
      updated: c.updated ?? 0,
      linked: c.linked ?? 0,
      skipped: c.skipped ?? 0,
      failed: c.failed ?? 0,
    };
  }
  const result = run.result ?? {};
  const preflightTokens = (result.tokens as { migrate?: number } | undefined)?.migrate;
  return {
    run: run.id,
    kind: run.kind,
    status: run.status,
    counts,
    tokens: { spent: run.tokensSpent, estimated: run.tokensEstimated ?? preflightTokens ?? null },
    conflicts: (result.conflicts as unknown[] | undefined) ?? [],
    diff: (result.diff as Record<string, unknown> | undefined) ?? {},
    result: run.result,
    error: run.error,
  };
}
