/**
 * CSV exports posted to the project channel or its thread: fetched from Slack (files.info first for Slack Connect
 * stubs), saved under `<data dir>/uploads/<project>/<message ts>/`, and handed to the 'ferry-ingest' job in the
 * same transaction as the audit entry. Events are acknowledged by Bolt before this runs; parsing is the job's.
 */
import { join } from 'node:path';
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { asAppError } from '../../../domain/errors.js';
import { appendAuditTx } from '../../../store/audit.js';
import { withTransaction } from '../../../store/db.js';
import { sendJob } from '../../../worker/boss.js';
import { actorId, slackDetail } from '../../actor.js';
import { escapeMrkdwn, mention, textMessage } from '../../blocks/kit.js';
import type { BotDeps } from '../../deps.js';
import { downloadSlackFile, isCsvFile, needsFileInfo, type SlackFileLike, safeFileName } from '../../download.js';
import { slackErrorCode } from '../../failures.js';
import { findProjectByChannel } from '../../store/slack-projects.js';
import { postInThread, threadOf, type WebClient } from '../../thread.js';
import { messageActor } from '../../who.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

interface Saved {
  name: string;
  path: string;
  bytes: number;
  slackFileId: string;
}

async function resolveFile(client: WebClient, stub: SlackFileLike): Promise<SlackFileLike> {
  if (!needsFileInfo(stub)) return stub;
  const info = await client.files.info({ file: stub.id });
  return (info.file as SlackFileLike | undefined) ?? stub;
}

export function fileShareCallback(deps: BotDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.subtype !== 'file_share') return;
    const project = await findProjectByChannel(deps.pool, event.channel);
    const thread = project && threadOf(project);
    if (!project || !thread) return;
    const token = context.botToken ?? deps.config.slack.botToken ?? '';
    const who = await messageActor(client, event as { user: string; user_team?: string; team?: string }, deps.log);
    const dir = join(deps.config.dataDir, 'uploads', project.project, event.ts.replace('.', '-'));
    const saved: Saved[] = [];
    const problems: string[] = [];
    for (const [index, stub] of ((event.files ?? []) as unknown as SlackFileLike[]).entries()) {
      try {
        const file = await resolveFile(client, stub);
        const name = safeFileName(file.name ?? '', `file-${index + 1}.csv`);
        if (!isCsvFile(file)) {
          problems.push(`${escapeMrkdwn(name)} is not a .csv export, so I left it alone.`);
          continue;
        }
        if (file.url_private_download === undefined) throw new Error('no download url');
        const path = join(dir, saved.some((s) => s.name === name) ? `${index + 1}-${name}` : name);
        const bytes = await downloadSlackFile(deps.fetch, file.url_private_download, token, path);
        saved.push({ name, path, bytes, slackFileId: file.id });
      } catch (error) {
        const reason =
          asAppError(error).code === 'ingest_file_invalid' ? asAppError(error).message : slackErrorCode(error);
        deps.log.warn({ project: project.project, file: stub.id, reason }, 'upload not fetched');
        problems.push(`I could not fetch one of the files from Slack (${escapeMrkdwn(reason)}). Upload it again.`);
      }
    }
    if (saved.length > 0) {
      await withTransaction(deps.pool, async (tx) => {
        await appendAuditTx(tx, {
          project: project.project,
          actor: actorId(who),
          kind: 'export.uploaded',
          detail: {
            files: saved.map((s) => ({ name: s.name, bytes: s.bytes, slackFile: s.slackFileId })),
            ...slackDetail(who),
          },
        });
        await sendJob(
          deps.boss,
          'ferry-ingest',
          {
            project: project.project,
            actor: actorId(who),
            thread,
            paths: saved.map((s) => s.path),
            displayNames: saved.map((s) => s.name),
          },
          { tx },
        );
      });
    }
    const received =
      saved.length === 0
        ? []
        : [
            `📥 ${mention(who.user)} uploaded ${saved.length} export ${saved.length === 1 ? 'file' : 'files'}; checking them now.`,
          ];
    // A picture shared in the channel is no business of Ferry's; in the project thread or next to CSVs, it is.
    const quiet =
      saved.length === 0 && event.thread_ts !== thread.threadTs && problems.every((p) => p.includes('not a .csv'));
    const lines = quiet ? [] : [...received, ...problems];
    if (lines.length > 0) await postInThread(client, thread, textMessage(lines.join('\n')));
  };
}
