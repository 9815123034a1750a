/**
 * Executes one run (the 'ferry-run' job): preflight, sample, full load, delta, reconcile or rollback.
 * Re-entrant: a retried job continues where the run's tables say it is. Errors that a retry cannot fix
 * (Pipedrive refusing the token or the account, a missing approval) end the run as failed with a sentence
 * for people; anything else is thrown so pg-boss retries the job.
 */
import { AppError } from '../domain/errors.js';
import { stopsTheRun } from '../pipedrive/failure.js';
import { appendAudit } from '../store/audit.js';
import { listRecords } from '../store/records.js';
import { stagedKeys } from '../store/staged.js';
import { sourceKeyOf } from './build-record.js';
import { type Engine, openEngine } from './engine-context.js';
import { type LoadCounts, type LoadDeps, loadAll } from './load-run.js';
import { type Attachment, RUN_LABELS, type RunResult } from './notifier.js';
import { type PreflightResult, runPreflight } from './preflight.js';
import { reconcile } from './reconcile.js';
import { executeRollback } from './rollback.js';
import { getRun, type Run } from './runs.js';
import { chooseSample, diffCsv, diffRun, skippedInRun, summariseDiff } from './sample.js';

export interface RunDeps extends LoadDeps {
  maxDocumentBytes: number;
}

interface Outcome {
  status: 'done' | 'failed';
  result: Record<string, unknown>;
  counts?: LoadCounts;
  lines: string[];
  attachments?: Attachment[];
}

function countLines(counts: LoadCounts): string[] {
  return Object.entries(counts).map(
    ([object, c]) =>
      `${object}: ${c.created} created, ${c.linked} linked, ${c.updated} updated, ${c.skipped} skipped, ${c.failed} failed` +
      (c.conflict > 0 ? `, ${c.conflict} conflicts` : '') +
      (c.already > 0 ? ` (${c.already} already there)` : ''),
  );
}

async function preflightOutcome(deps: RunDeps, engine: Engine, run: Run): Promise<Outcome> {
  const result = await runPreflight(deps, engine, run, deps.maxDocumentBytes);
  const lines = [
    result.passed ? 'Preflight passed: nothing blocks the run.' : 'Preflight found problems that block the run:',
    ...result.blockers.map((b) => `• ${b}`),
    ...result.warnings.map((w) => `⚠ ${w}`),
    `Records: ${Object.entries(result.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}.`,
    `Tokens: about ${result.tokens.migrate} for the run (${result.tokens.days} day(s) at your plan), ${result.tokens.rollback} for a rollback.`,
    `Custom fields to create: ${result.customFields.toCreate} (plan cap ${result.customFields.cap}, ${result.customFields.existingCustom} in use).`,
  ];
  return { status: 'done', result: result as unknown as Record<string, unknown>, lines };
}

async function lastPreflight(deps: RunDeps, run: Run): Promise<PreflightResult | null> {
  const { rows } = await deps.pool.query<{ result: PreflightResult }>(
    `SELECT result FROM runs WHERE project_id = $1 AND kind = 'preflight' AND status = 'done' AND map_hash = $2
     ORDER BY id DESC LIMIT 1`,
    [run.project, run.mapHash],
  );
  return rows[0]?.result ?? null;
}

async function loadOutcome(deps: RunDeps, engine: Engine, run: Run): Promise<Outcome> {
  if (run.kind === 'full') {
    const preflight =
      (await lastPreflight(deps, run)) ?? (await runPreflight(deps, engine, run, deps.maxDocumentBytes));
    if (!preflight.passed) {
      return {
        status: 'failed',
        result: { preflight },
        lines: ['The run did not start: preflight has blockers.', ...preflight.blockers],
      };
    }
  }
  const scope = run.kind === 'sample' ? await chooseSample(deps, engine) : undefined;
  const counts = await loadAll(deps, engine, run, scope);
  const lines = countLines(counts);
  if (run.kind === 'delta') {
    const gone = await goneFromExport(deps, engine, run);
    if (gone.length > 0)
      lines.push(
        `${gone.length} records are gone from the new export; they stay in Pipedrive (never deleted automatically).`,
      );
    const { rows: conflicts } = await deps.pool.query(
      `SELECT object, source_key AS source, pipedrive_id AS "pipedriveId", reason FROM records
       WHERE project_id = $1 AND run_id = $2 AND state = 'conflict' ORDER BY object, source_key`,
      [run.project, run.id],
    );
    if (conflicts.length > 0)
      lines.push(
        `${conflicts.length} records changed both in Pipedrive and in the export were kept as they are in Pipedrive (use --overwrite to replace them).`,
      );
    return { status: 'done', result: { counts, deletedAtSource: gone, conflicts }, counts, lines };
  }
  if (run.kind !== 'sample') return { status: 'done', result: { counts }, counts, lines };
  const diff = await diffRun(deps, engine, run, scope!);
  const skipped = await skippedInRun(deps.pool, run, scope!);
  const summary = { ...summariseDiff(diff), 'transform failed': skipped.length };
  lines.push(
    `Field check: ${summary.match} match, ${summary.mismatch} mismatch, ${summary['dropped by Pipedrive']} dropped by Pipedrive, ${summary['transform failed']} records not sent (transform failed).`,
  );
  return {
    status: 'done',
    result: { counts, diff: summary },
    counts,
    lines,
    attachments: [
      { filename: `sample-diff-run-${run.id}.csv`, title: 'Sample: field-level diff', content: diffCsv(diff, skipped) },
    ],
  };
}

/** Source records Ferry migrated that the new snapshot no longer has (reported, never deleted). */
async function goneFromExport(deps: RunDeps, engine: Engine, run: Run): Promise<string[]> {
  const present = new Set<string>();
  for (const file of engine.files)
    for (const key of await stagedKeys(deps.pool, file)) present.add(sourceKeyOf(file.entity, key));
  const records = await listRecords(deps.pool, run.project, { states: ['created', 'linked', 'conflict'] });
  return records
    .map((r) => r.sourceKey.split('#')[0]!)
    .filter((key, i, all) => !present.has(key) && all.indexOf(key) === i && !key.startsWith('care_plan_lines:'));
}

async function otherOutcome(deps: RunDeps, engine: Engine, run: Run): Promise<Outcome> {
  if (run.kind === 'reconcile') {
    const result = await reconcile(deps, engine, run);
    const lines = [
      result.ok ? 'Reconciled: every migrated record is in Pipedrive as sent.' : 'Reconciliation found differences:',
      ...Object.entries(result.objects).map(
        ([o, s]) =>
          `${o}: ${s.present}/${s.expected} present, ${s.missing} missing, ${s.mismatched} mismatched, ${s.duplicates} duplicates, ${s.extra} extra`,
      ),
    ];
    return { status: 'done', result: result as unknown as Record<string, unknown>, lines };
  }
  const summary = await executeRollback(deps, engine, run);
  const lines = [
    `Rolled back: ${summary.deleted} records deleted, ${summary.restored} restored, ${summary.fieldsDeleted} custom fields removed.`,
    ...(summary.conflicts.length > 0
      ? [
          `${summary.conflicts.length} records were changed in Pipedrive after the migration and were kept (use --force to delete them too).`,
        ]
      : []),
  ];
  return { status: 'done', result: summary as unknown as Record<string, unknown>, lines };
}

async function outcomeOf(deps: RunDeps, run: Run): Promise<Outcome> {
  const engine = await openEngine(deps, run);
  if (run.kind === 'preflight') return preflightOutcome(deps, engine, run);
  if (run.kind === 'sample' || run.kind === 'full' || run.kind === 'delta') return loadOutcome(deps, engine, run);
  return otherOutcome(deps, engine, run);
}

function isFinal(error: unknown): boolean {
  return (
    stopsTheRun(error) ||
    (error instanceof AppError &&
      ['mapping_unapproved', 'not_found', 'config_invalid', 'conflict'].includes(error.code))
  );
}

export async function executeRun(deps: RunDeps, runId: number): Promise<void> {
  const run = await getRun(deps.pool, runId);
  if (['done', 'failed', 'rolled_back'].includes(run.status)) return;
  await deps.pool.query(`UPDATE runs SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1`, [
    runId,
  ]);
  const target = { project: run.project, runId, ...(run.thread ? { thread: run.thread } : {}) };
  let outcome: Outcome;
  try {
    outcome = await outcomeOf(deps, run);
  } catch (error) {
    if (!isFinal(error)) throw error;
    // A load chunk that stopped the run recorded Pipedrive's own reason: report that one.
    const recorded = (await getRun(deps.pool, runId)).error;
    const message = recorded ?? (error instanceof Error ? error.message : String(error));
    outcome = {
      status: 'failed',
      result: { error: message },
      lines: [`The ${RUN_LABELS[run.kind]} stopped: ${message}`],
    };
  }
  const tokens = await tokensOfRun(deps, run);
  await deps.pool.query(
    `UPDATE runs SET status = $2, result = $3, counts = $4, tokens_spent = $5, error = $6, finished_at = now() WHERE id = $1`,
    [
      runId,
      outcome.status,
      JSON.stringify(outcome.result),
      JSON.stringify(outcome.counts ?? {}),
      tokens,
      outcome.status === 'failed' ? outcome.lines.join(' ') : null,
    ],
  );
  await appendAudit(deps.pool, {
    project: run.project,
    actor: 'worker',
    kind: `${run.kind}.${outcome.status}`,
    detail: { run: runId, tokens },
  });
  const result: RunResult = {
    kind: run.kind,
    status: outcome.status,
    lines: outcome.lines,
    ...(outcome.attachments ? { attachments: outcome.attachments } : {}),
  };
  await deps.notifier.result(target, result);
}

/** Tokens of the writes the run made (from the audit trail; reads are a small share on top). */
async function tokensOfRun(deps: RunDeps, run: Run): Promise<number> {
  const { rows } = await deps.pool.query<{ tokens: number }>(
    `SELECT coalesce(sum((detail->>'tokens')::int), 0)::int AS tokens FROM audit_log
     WHERE project_id = $1 AND kind = 'api.write' AND (detail->>'run')::bigint = $2`,
    [run.project, run.id],
  );
  return rows[0]?.tokens ?? 0;
}
