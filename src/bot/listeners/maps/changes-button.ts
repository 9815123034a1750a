/** *Request changes* on a map review: explains the edit language in the thread, and records the request. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { appendAudit } from '../../../store/audit.js';
import { actorId, slackDetail } from '../../actor.js';
import { mention, textMessage } from '../../blocks/kit.js';
import type { BotDeps } from '../../deps.js';
import { parseVersionValue } from '../../ids.js';
import { authorize } from '../../permissions.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { postInThread, threadOf } from '../../thread.js';
import { actionActor } from '../connect/connect-open.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export const EDIT_LANGUAGE_HELP = [
  'Reply in this thread, one change per message:',
  '• `map GSM to person.phones` sends a column to a Pipedrive field',
  '• `ignore Beroep because not needed` leaves a column behind',
  '• `new person field "Huisarts" varchar from Huisarts` creates a custom field for a column',
  '• `transform Geslacht map_values M=male V=female` changes how values are converted',
  '• `undo` takes back the last change',
  'Name the file when a header appears in several: `treatments.PatNr`. Every change makes a new version that needs approval.',
];

export function mapChangesCallback(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const project = await findProjectByChannel(deps.pool, body.channel?.id ?? '');
    const thread = project && threadOf(project);
    const shown = parseVersionValue(action.value);
    if (!project || !thread || !shown) return;
    const who = actionActor(body);
    const auth = await authorize(deps, project.project, who, 'edit', { version: shown.version });
    if (!auth.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: auth.message });
      return;
    }
    await appendAudit(deps.pool, {
      project: project.project,
      actor: actorId(who),
      kind: 'map.changes_requested',
      detail: { version: shown.version, hash: shown.hash, ...slackDetail(who) },
    });
    await postInThread(
      client,
      thread,
      textMessage(
        [`${mention(who.user)} asked for changes to map v${shown.version}.`, ...EDIT_LANGUAGE_HELP].join('\n'),
      ),
    );
  };
}
