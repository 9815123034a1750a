/** `/ferry help` (and any unknown subcommand). */
import { buildHelpMessage } from '../blocks/help.js';
import type { CommandContext } from './context.js';

export async function helpCommand(ctx: CommandContext): Promise<void> {
  await ctx.reply(buildHelpMessage());
}
