/**
 * Thread replies in the edit language change the map: each makes a new version (voiding an approval), and the
 * changed rows are posted back with the new version's buttons; the old version's buttons are retired.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { diffMaps } from '../../../mapping/diff.js';
import { escapeMrkdwn, mention, textMessage } from '../../blocks/kit.js';
import { buildMapEditReply, buildMapSuperseded } from '../../blocks/map-review.js';
import type { BotDeps } from '../../deps.js';
import { looksLikeEdit, slackTextToPlain } from '../../edit-text.js';
import { slackErrorCode } from '../../failures.js';
import { authorize } from '../../permissions.js';
import { refreshProjectCard } from '../../project-card.js';
import { saveMapReview, takeStaleMapReviews } from '../../store/slack-messages.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { postInThread, threadOf, updateMessage } from '../../thread.js';
import { messageActor } from '../../who.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

export function mapEditReplyCallback(deps: BotDeps) {
  return async ({ event, client }: Args): Promise<void> => {
    if (event.subtype !== undefined || event.bot_id !== undefined || event.thread_ts === undefined) return;
    const text = slackTextToPlain(event.text ?? '');
    if (!looksLikeEdit(text)) return;
    const project = await findProjectByChannel(deps.pool, event.channel);
    const thread = project && threadOf(project);
    if (!project || !thread || event.thread_ts !== thread.threadTs) return;
    const who = await messageActor(client, event as { user: string; user_team?: string; team?: string }, deps.log);
    const auth = await authorize(deps, project.project, who, 'edit', { command: text.slice(0, 200) });
    if (!auth.ok) {
      await client.chat.postEphemeral({
        channel: thread.channel,
        thread_ts: thread.threadTs,
        user: who.user,
        text: auth.message,
      });
      return;
    }
    const outcome = await deps.maps.edit(project.project, text, who);
    if (!outcome.ok || !outcome.changed) {
      const why = outcome.ok ? `no change: ${outcome.summary}` : outcome.message;
      await postInThread(client, thread, textMessage(`${mention(who.user)}: ${escapeMrkdwn(why)}`));
      return;
    }
    const { before, after } = outcome;
    const ts = await postInThread(
      client,
      thread,
      buildMapEditReply({
        document: after,
        changes: diffMaps(before, after),
        summary: outcome.summary,
        editor: who.user,
        voided: before.status === 'approved' ? before.version : null,
        problems: outcome.problems,
      }),
    );
    await saveMapReview(deps.pool, project.project, {
      version: after.version,
      hash: after.hash,
      channel: thread.channel,
      ts,
    });
    for (const stale of await takeStaleMapReviews(deps.pool, project.project, after.version)) {
      await updateMessage(client, stale, buildMapSuperseded(stale.version, after.version)).catch((error: unknown) =>
        deps.log.warn({ project: project.project, err: slackErrorCode(error) }, 'stale map buttons not retired'),
      );
    }
    await refreshProjectCard(client, deps.pool, project.project, deps.log);
  };
}
