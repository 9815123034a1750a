/**
 * The danger button of a rollback confirmation. Slack's dialog is client-side, so the role is checked again here;
 * a second click, or a rollback already under way for that run, starts nothing.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { latestRuns, startRun } from '../../../migration/runs.js';
import { actorId } from '../../actor.js';
import { buildRollbackDecided } from '../../blocks/rollback.js';
import type { BotDeps } from '../../deps.js';
import { authorize } from '../../permissions.js';
import { refreshProjectCard } from '../../project-card.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { threadOf, updateMessage } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function rollbackConfirmCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const project = await findProjectByChannel(deps.pool, body.channel?.id ?? '');
    const thread = project && threadOf(project);
    const target = Number(action.value);
    if (!project || !thread || !Number.isInteger(target) || target <= 0) return;
    const who = actionActor(body);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const auth = await authorize(deps, project.project, who, 'rollback', { run: target, step: 'confirm' });
    if (!auth.ok) {
      await tell(auth.message);
      return;
    }
    const runs = await latestRuns(deps.pool, project.project, 50);
    const pending = runs.find((r) => r.kind === 'rollback' && r.targetRunId === target && r.status !== 'failed');
    if (pending) {
      await tell(`Run #${target} already has rollback run #${pending.id} (${pending.status.replace('_', ' ')}).`);
      return;
    }
    const run = await startRun(deps.pool, deps.boss, {
      project: project.project,
      kind: 'rollback',
      actor: actorId(who),
      thread,
      targetRunId: target,
    });
    if (body.message?.ts) {
      await updateMessage(
        client,
        { channel: thread.channel, ts: body.message.ts },
        buildRollbackDecided(target, 'started', who.user, run.id),
      );
    }
    await refreshProjectCard(client, deps.pool, project.project, deps.log);
  };
}
