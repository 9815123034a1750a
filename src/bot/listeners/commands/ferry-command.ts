/**
 * `/ferry <subcommand>`: acknowledged first (Slack allows 3 s), then dispatched to one small function per
 * subcommand. Anything long (ingest, proposals, runs) is a job; answers to the person are ephemeral.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { textMessage } from '../../blocks/kit.js';
import type { CommandContext } from '../../commands/context.js';
import { parseCommandText, SUBCOMMAND_HANDLERS } from '../../commands/index.js';
import type { BotDeps } from '../../deps.js';
import { logFailure, slackErrorCode } from '../../failures.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function ferryCommandCallback(deps: BotDeps) {
  return async ({ ack, command, respond, client }: Args): Promise<void> => {
    await ack();
    const parsed = parseCommandText(command.text);
    const ctx: CommandContext = {
      deps,
      client,
      who: { user: command.user_id, team: command.team_id || null },
      channel: command.channel_id,
      args: parsed.args,
      rest: parsed.rest,
      reply: async (message) => {
        const m = typeof message === 'string' ? textMessage(message) : message;
        await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
      },
    };
    try {
      if (!parsed.known) await ctx.reply(`I don't know that subcommand. Here is what I do:`);
      await SUBCOMMAND_HANDLERS[parsed.name](ctx);
    } catch (error) {
      logFailure(deps.log, error, { subcommand: parsed.name, channel: command.channel_id });
      const notMember = ['not_in_channel', 'channel_not_found'].includes(slackErrorCode(error));
      await ctx
        .reply(
          notMember
            ? `I am not in this channel yet: \`/invite @ferry\`, then \`/ferry ${parsed.name}\` again.`
            : `Something went wrong with \`/ferry ${parsed.name}\`. The engineers can find the details in Ferry's log.`,
        )
        .catch(() => {});
    }
  };
}
