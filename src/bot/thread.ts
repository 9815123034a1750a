/** Posting into a project's thread: messages and files (the files are the authoritative artifacts). */
import type { webApi } from '@slack/bolt';
import type { Attachment, SlackThread } from '../migration/notifier.js';
import type { SlackMessage } from './blocks/kit.js';
import type { SlackProject } from './store/slack-projects.js';

export type WebClient = webApi.WebClient;

export function threadOf(project: SlackProject): SlackThread | null {
  return project.threadTs === null ? null : { channel: project.channel, threadTs: project.threadTs };
}

/** Posts in the thread and returns the new message's ts. */
export async function postInThread(client: WebClient, thread: SlackThread, message: SlackMessage): Promise<string> {
  const result = await client.chat.postMessage({
    channel: thread.channel,
    thread_ts: thread.threadTs,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    unfurl_links: false,
  });
  return result.ts ?? '';
}

export async function updateMessage(
  client: WebClient,
  ref: { channel: string; ts: string },
  message: SlackMessage,
): Promise<void> {
  await client.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks });
}

/** Uploads a file into the thread (files.uploadV2: get an upload URL, send the bytes, complete into the thread). */
export async function uploadToThread(client: WebClient, thread: SlackThread, file: Attachment): Promise<void> {
  await client.files.uploadV2({
    channel_id: thread.channel,
    thread_ts: thread.threadTs,
    filename: file.filename,
    title: file.title,
    file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content,
  });
}
