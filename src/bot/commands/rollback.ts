/**
 * `/ferry rollback [run]`: operators only. Nothing starts here: the engine's preview is posted in the thread as a
 * confirmation (what will be deleted, restored, kept as conflicts), and an operator's click on it starts the run.
 */
import { buildRollbackConfirmation } from '../blocks/rollback.js';
import { authorize } from '../permissions.js';
import { postInThread, threadOf } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

/** `12`, `#12` → 12; nothing → undefined (the newest load); anything else → null. */
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
    await ctx.reply('Write `/ferry rollback` (the newest load) or `/ferry rollback 12` (run #12).');
    return;
  }
  const preview = ctx.deps.ports.rollbackPreview;
  if (preview === undefined) {
    await ctx.reply('Rollback previews are not available in this build, so nothing was started.');
    return;
  }
  const thread = threadOf(project);
  if (thread === null) {
    await ctx.reply('The project card is missing: run `/ferry new` again in this channel to post it.');
    return;
  }
  const plan = await preview.preview(ctx.deps.pool, project.project, runId);
  if (plan === null) {
    await ctx.reply(runId === undefined ? 'There is no load to roll back.' : `Run #${runId} cannot be rolled back.`);
    return;
  }
  await postInThread(ctx.client, thread, buildRollbackConfirmation(plan, ctx.who.user));
  await ctx.reply(`The rollback of run #${plan.targetRunId} waits for confirmation in the project thread.`);
}
