/**
 * `/ferry rollback [run]`: operators only. Nothing starts here: the engine's preview is posted in the thread as a
 * confirmation (what will be deleted, restored, kept as conflicts), and an operator's click on it starts the run.
 * Without a run number the whole migration is undone (every load); with one, only what that load created.
 */
import { runKindLabel } from '../blocks/project-card.js';
import { buildRollbackConfirmation, rollbackTargetLabel } from '../blocks/rollback.js';
import { authorize } from '../permissions.js';
import { activeRun } from '../run-basis.js';
import { postInThread, threadOf } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

/** `12`, `#12` → 12; nothing → undefined (every load); anything else → null. */
export function parseRunArgument(args: readonly string[]): number | undefined | null {
  if (args.length === 0) return undefined;
  const m = args.length === 1 ? /^#?(\d{1,12})$/.exec(args[0]!) : null;
  return m ? Number(m[1]) : null;
}

export async function rollbackCommand(ctx: CommandContext): Promise<void> {
  const project = await requireProject(ctx);
  if (project === null) return;
  const runId = parseRunArgument(ctx.args);
  const auth = await authorize(ctx.deps, project.project, ctx.who, 'rollback', { run: runId ?? null });
  if (!auth.ok) {
    await ctx.reply(auth.message);
    return;
  }
  if (runId === null) {
    await ctx.reply('Write `/ferry rollback` (the whole migration) or `/ferry rollback 12` (only load #12).');
    return;
  }
  const thread = threadOf(project);
  if (thread === null) {
    await ctx.reply('The project card is missing: run `/ferry new` again in this channel to post it.');
    return;
  }
  const active = await activeRun(ctx.deps.pool, project.project);
  if (active) {
    await ctx.reply(`Run #${active.id} (${runKindLabel(active.kind)}) is still under way; wait for its result.`);
    return;
  }
  const plan = await ctx.deps.ports.rollbackPreview.preview(project.project, runId);
  if (plan === null) {
    await ctx.reply(
      runId === undefined
        ? 'There is nothing to roll back: Ferry has no records in Pipedrive for this project.'
        : `Run #${runId} cannot be rolled back: only a finished sample, full or delta load of this project that was not rolled back yet.`,
    );
    return;
  }
  await postInThread(ctx.client, thread, buildRollbackConfirmation(plan, ctx.who.user));
  await ctx.reply(
    `The rollback of ${rollbackTargetLabel(plan)} waits for an operator's confirmation in the project thread.`,
  );
}
