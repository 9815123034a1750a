/** The card's *Review map* button: the 'ferry-propose' job posts the review (proposing a map first if none exists). */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { sendJob } from '../../../worker/boss.js';
import { actorId } from '../../actor.js';
import type { BotDeps } from '../../deps.js';
import { authorize } from '../../permissions.js';
import { findSlackProject } from '../../store/slack-projects.js';
import { threadOf } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function mapReviewCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const project = await findSlackProject(deps.pool, action.value ?? '');
    const thread = project && threadOf(project);
    if (!project || !thread || project.channel !== body.channel?.id) return;
    const who = actionActor(body);
    const auth = await authorize(deps, project.project, who, 'review');
    if (!auth.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: auth.message });
      return;
    }
    await sendJob(deps.boss, 'ferry-propose', { project: project.project, actor: actorId(who), thread });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'The map review is on its way to the project thread.',
    });
  };
}
