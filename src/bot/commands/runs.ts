/**
 * `/ferry preflight|sample|run|delta|reconcile`: operators start a run. The run row, its audit entry and its job
 * are written together (startRun); the worker reports progress and the result in the project thread.
 */
import type { RunKind } from '../../migration/notifier.js';
import { latestRuns, startRun } from '../../migration/runs.js';
import { actorId } from '../actor.js';
import { mention, textMessage } from '../blocks/kit.js';
import { runKindLabel } from '../blocks/project-card.js';
import { authorize } from '../permissions.js';
import { refreshProjectCard } from '../project-card.js';
import { postInThread, threadOf } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

export const RUN_SUBCOMMANDS: Readonly<Record<string, RunKind>> = {
  preflight: 'preflight',
  sample: 'sample',
  run: 'full',
  delta: 'delta',
  reconcile: 'reconcile',
};

/** Loads write to Pipedrive with the map: only an approved one. */
const NEEDS_APPROVED_MAP: ReadonlySet<RunKind> = new Set(['sample', 'full', 'delta']);
const ACTIVE = new Set(['planned', 'running', 'paused']);

/** `/ferry sample 25` → `{ size: 25 }`; other kinds take no options. */
export function runOptions(
  kind: RunKind,
  args: readonly string[],
  subcommand: string = kind,
): Record<string, unknown> | string {
  if (args.length === 0) return {};
  if (kind === 'sample' && args.length === 1 && /^\d{1,4}$/.test(args[0]!) && Number(args[0]) > 0) {
    return { size: Number(args[0]) };
  }
  return kind === 'sample'
    ? 'Write `/ferry sample` or `/ferry sample 25` (how many records).'
    : `\`/ferry ${subcommand}\` takes no arguments.`;
}

export function runCommand(subcommand: string) {
  return async (ctx: CommandContext): Promise<void> => {
    const kind = RUN_SUBCOMMANDS[subcommand]!;
    const project = await requireProject(ctx);
    if (project === null) return;
    const auth = await authorize(ctx.deps, project.project, ctx.who, 'run', { kind });
    if (!auth.ok) {
      await ctx.reply(auth.message);
      return;
    }
    const options = runOptions(kind, ctx.args, subcommand);
    if (typeof options === 'string') {
      await ctx.reply(options);
      return;
    }
    const thread = threadOf(project);
    if (thread === null) {
      await ctx.reply('The project card is missing: run `/ferry new` again in this channel to post it.');
      return;
    }
    const { pool, boss, maps } = ctx.deps;
    const active = (await latestRuns(pool, project.project, 10)).find((r) => ACTIVE.has(r.status));
    if (active) {
      await ctx.reply(`Run #${active.id} (${runKindLabel(active.kind)}) is still under way; wait for its result.`);
      return;
    }
    const map = await maps.latest(project.project);
    if (NEEDS_APPROVED_MAP.has(kind) && map?.status !== 'approved') {
      await ctx.reply(
        map === null
          ? 'There is no field map yet: click *Review map* on the project card.'
          : `Map v${map.version} is not approved yet: an approver clicks *Approve* in the thread first.`,
      );
      return;
    }
    const run = await startRun(pool, boss, {
      project: project.project,
      kind,
      actor: actorId(ctx.who),
      thread,
      options,
      ...(map?.status === 'approved' ? { mapVersion: map.version, mapHash: map.hash } : {}),
    });
    await postInThread(
      ctx.client,
      thread,
      textMessage(
        `⏳ Run #${run.id} (${runKindLabel(kind)}) requested by ${mention(ctx.who.user)}. Progress follows here.`,
      ),
    );
    await refreshProjectCard(ctx.client, pool, project.project, ctx.deps.log);
  };
}
