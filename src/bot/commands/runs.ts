/**
 * `/ferry preflight|sample|run|delta|reconcile`: operators start a run. The run row, its audit entry and its job
 * are written together (startRun); the worker reports progress and the result in the project thread.
 */
import type { RunKind } from '../../migration/notifier.js';
import { startRun } from '../../migration/runs.js';
import { actorId } from '../actor.js';
import { mention, textMessage } from '../blocks/kit.js';
import { runKindLabel } from '../blocks/project-card.js';
import { authorize } from '../permissions.js';
import { refreshProjectCard } from '../project-card.js';
import { activeRun, runBasis } from '../run-basis.js';
import { postInThread, threadOf } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

export const RUN_SUBCOMMANDS: Readonly<Record<string, RunKind>> = {
  preflight: 'preflight',
  sample: 'sample',
  run: 'full',
  delta: 'delta',
  reconcile: 'reconcile',
};

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
    const { pool, boss } = ctx.deps;
    const active = await activeRun(pool, project.project);
    if (active) {
      await ctx.reply(`Run #${active.id} (${runKindLabel(active.kind)}) is still under way; wait for its result.`);
      return;
    }
    const basis = await runBasis(pool, project.project, kind);
    if (!basis.ok) {
      await ctx.reply(basis.message);
      return;
    }
    const run = await startRun(pool, boss, {
      project: project.project,
      kind,
      actor: actorId(ctx.who),
      thread,
      options,
      ...basis.basis,
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
