/**
 * *Approve* on a map review: approvers only, and only the exact version and hash the button was built for. An
 * edit since then makes the click stale, and the store refuses it.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildMapApproved } from '../../blocks/map-review.js';
import type { BotDeps } from '../../deps.js';
import { parseVersionValue } from '../../ids.js';
import { authorize } from '../../permissions.js';
import { refreshProjectCard } from '../../project-card.js';
import { forgetMapReview } from '../../store/slack-messages.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { updateMessage } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function mapApproveCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const project = await findProjectByChannel(deps.pool, body.channel?.id ?? '');
    const shown = parseVersionValue(action.value);
    if (!project || !shown) return;
    const who = actionActor(body);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const auth = await authorize(deps, project.project, who, 'approve', { version: shown.version, hash: shown.hash });
    if (!auth.ok) {
      await tell(auth.message);
      return;
    }
    const outcome = await deps.maps.approve(project.project, shown.version, shown.hash, who);
    if (!outcome.ok) {
      await tell(outcome.message);
      return;
    }
    if (body.message?.ts) {
      await updateMessage(
        client,
        { channel: project.channel, ts: body.message.ts },
        buildMapApproved(outcome.document, who.user),
      );
    }
    await forgetMapReview(deps.pool, project.project, outcome.document.version);
    await refreshProjectCard(client, deps.pool, project.project, deps.log);
  };
}
