/**
 * `ferry preflight|sample|run|delta|reconcile|rollback --project P [--json] [--no-worker]`: each starts a run,
 * waits for it (doing the work in this process unless --no-worker) and prints its result.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ingestUpload } from '../../dentadmin/ingest/ingest-upload.js';
import type { RunKind } from '../../migration/notifier.js';
import type { Command } from '../command.js';
import { openEngineSession, requestRun, waitForRun } from '../engine-session.js';
import { runSummary } from '../run-summary.js';
import { configFrom, parseFlags, requireFlag, runCommand, UsageError } from '../support.js';
import { createTerminalNotifier } from '../terminal-notifier.js';

export const cliActor = (): string => `cli:${userInfo().username}`;

interface RunCommandSpec {
  name: string;
  kind: RunKind;
  summary: string;
  extraUsage?: string;
  extraFlags?: Record<string, { type: 'boolean' | 'string' }>;
  positionals?: boolean;
}

function makeRunCommand(spec: RunCommandSpec): Command {
  const usage = `Usage: ferry ${spec.name} --project P${spec.positionals ? ' PATH...' : ''} [--json] [--no-worker]${spec.extraUsage ?? ''}\n${spec.summary}`;
  return {
    name: spec.name,
    summary: spec.summary,
    usage,
    run: (argv, io) =>
      runCommand(io, usage, async () => {
        const { values, positionals } = parseFlags(argv, {
          project: { type: 'string' },
          json: { type: 'boolean' },
          'no-worker': { type: 'boolean' },
          ...spec.extraFlags,
        });
        const project = requireFlag(values.project as string | undefined, '--project');
        if (spec.positionals && positionals.length === 0)
          throw new UsageError('give the new export (files or folders)');
        const config = configFrom(io);
        const json = values.json === true;
        const notifier = createTerminalNotifier(io.err, resolve(io.cwd), json && !(io.err as NodeJS.WriteStream).isTTY);
        const session = await openEngineSession(config, notifier, { worker: values['no-worker'] !== true });
        try {
          const flags = values as Record<string, unknown>;
          const options: Record<string, unknown> = {};
          for (const flag of Object.keys(spec.extraFlags ?? {}))
            if (flags[flag] !== undefined && flag !== 'run') options[flag] = flags[flag];
          const targetRunId = flags.run === undefined ? undefined : Number(flags.run);
          if (targetRunId !== undefined && !Number.isInteger(targetRunId))
            throw new UsageError('--run must be a run number');
          let snapshotId: number | undefined;
          if (spec.positionals) {
            const report = await ingestUpload(session.pool, {
              project,
              paths: positionals,
              cwd: io.cwd,
              maxDocumentBytes: config.maxDocumentBytes,
            });
            if (report.status !== 'staged') throw new UsageError(`the new export was refused: ${report.refusal ?? ''}`);
            snapshotId = report.snapshot;
          }
          const run = await requestRun(session, {
            project,
            kind: spec.kind,
            actor: cliActor(),
            options,
            ...(snapshotId ? { snapshotId } : {}),
            ...(targetRunId !== undefined ? { targetRunId } : {}),
          });
          if (!json) io.err.write(`ferry: ${spec.kind} run ${run.id} started\n`);
          const finished = await waitForRun(session.pool, run.id);
          if (json) io.out.write(`${JSON.stringify(runSummary(finished))}\n`);
          return finished.status === 'failed' ? 1 : 0;
        } finally {
          await session.close();
        }
      }),
  };
}

export const preflightCommand = makeRunCommand({
  name: 'preflight',
  kind: 'preflight',
  summary: 'check everything before any write: owners, fields, skips, tokens, ETA',
});
export const sampleCommand = makeRunCommand({
  name: 'sample',
  kind: 'sample',
  summary: 'load a representative sample and compare it field by field',
});
export const fullRunCommand = makeRunCommand({
  name: 'run',
  kind: 'full',
  summary: 'load everything not yet loaded (approved map and passed preflight needed)',
});
export const deltaCommand = makeRunCommand({
  name: 'delta',
  kind: 'delta',
  summary: 'ingest a newer export and write only what changed (conflicts kept unless --overwrite)',
  extraUsage: ' [--overwrite]',
  extraFlags: { overwrite: { type: 'boolean' } },
  positionals: true,
});
export const reconcileCommand = makeRunCommand({
  name: 'reconcile',
  kind: 'reconcile',
  summary: 'check every migrated record in Pipedrive: missing, extra, mismatched',
});
export const rollbackCommand = makeRunCommand({
  name: 'rollback',
  kind: 'rollback',
  summary: 'return Pipedrive to its state before the migration (conflicts kept unless --force)',
  extraUsage: ' [--run R] [--force]',
  extraFlags: { force: { type: 'boolean' }, run: { type: 'string' } },
});
