/** What each `/ferry` subcommand gets: the person, the channel, the arguments and a way to answer them privately. */
import type { SlackActor } from '../actor.js';
import type { SlackMessage } from '../blocks/kit.js';
import type { BotDeps } from '../deps.js';
import { findProjectByChannel, type SlackProject } from '../store/slack-projects.js';
import type { WebClient } from '../thread.js';

export interface CommandContext {
  deps: BotDeps;
  client: WebClient;
  who: SlackActor;
  channel: string;
  /** The words after the subcommand. */
  args: string[];
  /** The text after the subcommand, as typed. */
  rest: string;
  /** Answers only the person who typed the command (ephemeral). */
  reply(message: string | SlackMessage): Promise<void>;
}

export type Subcommand = (ctx: CommandContext) => Promise<void>;

/** The channel's project, or null after telling the person how to start one. */
export async function requireProject(ctx: CommandContext): Promise<SlackProject | null> {
  const project = await findProjectByChannel(ctx.deps.pool, ctx.channel);
  if (project === null) {
    await ctx.reply('This channel has no migration project yet. Start one with `/ferry new <practice name>`.');
  }
  return project;
}
