/** *Cancel* on a rollback confirmation: retires the buttons and records who decided against it. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { appendAudit } from '../../../store/audit.js';
import { actorId, slackDetail } from '../../actor.js';
import { buildRollbackDecided } from '../../blocks/rollback.js';
import type { BotDeps } from '../../deps.js';
import { parseRollbackTarget } from '../../ids.js';
import { authorize } from '../../permissions.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { updateMessage } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function rollbackCancelCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const project = await findProjectByChannel(deps.pool, body.channel?.id ?? '');
    const target = parseRollbackTarget(action.value);
    if (!project || target === undefined) return;
    const who = actionActor(body);
    const auth = await authorize(deps, project.project, who, 'rollback', { run: target, step: 'cancel' });
    if (!auth.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: auth.message });
      return;
    }
    await appendAudit(deps.pool, {
      project: project.project,
      actor: actorId(who),
      kind: 'rollback.cancelled',
      detail: { run: target, ...slackDetail(who) },
    });
    if (body.message?.ts) {
      await updateMessage(
        client,
        { channel: project.channel, ts: body.message.ts },
        buildRollbackDecided(target, 'cancelled', who.user),
      );
    }
  };
}
