/**
 * The danger button of a rollback confirmation. Slack's dialog is client-side, so the role is checked again here;
 * a second click, or any run still under way, starts nothing. The rollback run is bound to a map version and the
 * newest export like every run (the engine opens it from them).
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { getRun, startRun } from '../../../migration/runs.js';
import { actorId } from '../../actor.js';
import { runKindLabel } from '../../blocks/project-card.js';
import { buildRollbackDecided } from '../../blocks/rollback.js';
import type { BotDeps } from '../../deps.js';
import { parseRollbackTarget } from '../../ids.js';
import { authorize } from '../../permissions.js';
import { refreshProjectCard } from '../../project-card.js';
import { activeRun, runBasis } from '../../run-basis.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { threadOf, updateMessage } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function rollbackConfirmCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const project = await findProjectByChannel(deps.pool, body.channel?.id ?? '');
    const thread = project && threadOf(project);
    const target = parseRollbackTarget(action.value);
    if (!project || !thread || target === undefined) return;
    const who = actionActor(body);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const auth = await authorize(deps, project.project, who, 'rollback', { run: target, step: 'confirm' });
    if (!auth.ok) {
      await tell(auth.message);
      return;
    }
    const active = await activeRun(deps.pool, project.project);
    if (active?.kind === 'rollback') {
      const what = target === null ? 'The migration' : `Run #${target}`;
      await tell(`${what} already has rollback run #${active.id} (${active.status.replace('_', ' ')}).`);
      return;
    }
    if (active) {
      await tell(`Run #${active.id} (${runKindLabel(active.kind)}) is still under way; wait for its result.`);
      return;
    }
    const targetRun = target === null ? null : await getRun(deps.pool, target).catch(() => null);
    if (targetRun?.status === 'rolled_back') {
      await tell(`Run #${target} was rolled back already.`);
      return;
    }
    const basis = await runBasis(deps.pool, project.project, 'rollback');
    if (!basis.ok) {
      await tell(basis.message);
      return;
    }
    const run = await startRun(deps.pool, deps.boss, {
      project: project.project,
      kind: 'rollback',
      actor: actorId(who),
      thread,
      ...basis.basis,
      ...(target === null ? {} : { targetRunId: target }),
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
