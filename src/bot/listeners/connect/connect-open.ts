/** The project card's *Connect Pipedrive* button: opens the token modal (trigger ids expire in 3 s, so nothing slow runs first). */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackActor } from '../../actor.js';
import { buildConnectModal } from '../../blocks/connect-modal.js';
import type { BotDeps } from '../../deps.js';
import { authorize } from '../../permissions.js';
import { findSlackProject } from '../../store/slack-projects.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The clicker: a Slack Connect click carries the clicker's own workspace in `user.team_id`. */
export function actionActor(body: BlockAction): SlackActor {
  return { user: body.user.id, team: body.user.team_id ?? body.team?.id ?? null };
}

export function connectOpenCallback(deps: BotDeps) {
  return async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    const project = await findSlackProject(deps.pool, action.value ?? '');
    if (!project || project.channel !== body.channel?.id) return;
    const auth = await authorize(deps, project.project, actionActor(body), 'connect');
    if (!auth.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: auth.message });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: buildConnectModal(project.project) });
  };
}
