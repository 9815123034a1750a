/** `/ferry status`: the card's facts, the latest runs and who holds which role, for the person who asked. */
import { buildStatusMessage } from '../blocks/status.js';
import { loadProjectFacts } from '../store/project-facts.js';
import { listRoles } from '../store/roles.js';
import { type CommandContext, requireProject } from './context.js';

export async function statusCommand(ctx: CommandContext): Promise<void> {
  const project = await requireProject(ctx);
  if (project === null) return;
  const facts = await loadProjectFacts(ctx.deps.pool, project.project, project.name);
  await ctx.reply(buildStatusMessage(facts, await listRoles(ctx.deps.pool, project.project)));
}
