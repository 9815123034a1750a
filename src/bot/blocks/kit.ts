/**
 * Block Kit limits and the small constructors every builder uses. All pure: builders take data and return
 * messages, so they are unit-tested without Slack. Limits from docs.slack.dev/reference/block-kit.
 */
import type { types } from '@slack/bolt';

export const MAX_BLOCKS_PER_MESSAGE = 50;
/** `section.text` and most text objects. */
export const MAX_TEXT_CHARS = 3000;
export const MAX_HEADER_CHARS = 150;
export const MAX_FIELD_CHARS = 2000;
export const MAX_FIELDS_PER_SECTION = 10;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_BUTTON_TEXT_CHARS = 75;
export const MAX_BUTTON_VALUE_CHARS = 2000;
export const MAX_CONFIRM_TITLE_CHARS = 100;
export const MAX_CONFIRM_TEXT_CHARS = 300;
export const MAX_CONFIRM_BUTTON_CHARS = 30;
/** Slack truncates a message's fallback `text` above 40,000 characters; ours stay far below. */
export const MAX_FALLBACK_TEXT_CHARS = 3000;
/**
 * Slack has refused messages around 13k characters of blocks, below every documented limit (bolt-js#2509),
 * so a message's blocks stay under this total.
 */
export const MESSAGE_CHAR_BUDGET = 10_000;

export type Block = types.KnownBlock;

/** A message as the bot posts it: blocks plus the plain fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Shortens to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Slack mrkdwn needs only these three escaped; anything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inside a code span or block a backtick would end it early. */
function escapeCode(text: string): string {
  return escapeMrkdwn(text).replace(/`/g, "'");
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plain(text: string, max = MAX_TEXT_CHARS): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function mrkdwn(text: string, max = MAX_TEXT_CHARS): types.MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plain(text, MAX_HEADER_CHARS) };
}

export function section(text: string, blockId?: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(blockId === undefined ? {} : { block_id: blockId }) };
}

/** A section of label/value pairs, two columns in Slack; at most 10 pairs. */
export function fields(pairs: ReadonlyArray<readonly [string, string]>): types.SectionBlock {
  return {
    type: 'section',
    fields: pairs
      .slice(0, MAX_FIELDS_PER_SECTION)
      .map(([label, value]) => mrkdwn(`*${label}*\n${value}`, MAX_FIELD_CHARS)),
  };
}

export function context(texts: readonly string[]): types.ContextBlock {
  return { type: 'context', elements: texts.slice(0, MAX_CONTEXT_ELEMENTS).map((t) => mrkdwn(t)) };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  actionId: string;
  text: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string; style?: 'primary' | 'danger' };
}

export function button(spec: ButtonSpec): types.Button {
  if (spec.value.length > MAX_BUTTON_VALUE_CHARS) throw new Error(`button value over ${MAX_BUTTON_VALUE_CHARS} chars`);
  const c = spec.confirm;
  return {
    type: 'button',
    action_id: spec.actionId,
    text: plain(spec.text, MAX_BUTTON_TEXT_CHARS),
    value: spec.value,
    ...(spec.style === undefined ? {} : { style: spec.style }),
    ...(c === undefined
      ? {}
      : {
          confirm: {
            title: plain(c.title, MAX_CONFIRM_TITLE_CHARS),
            text: plain(c.text, MAX_CONFIRM_TEXT_CHARS),
            confirm: plain(c.confirm, MAX_CONFIRM_BUTTON_CHARS),
            deny: plain(c.deny, MAX_CONFIRM_BUTTON_CHARS),
            ...(c.style === undefined ? {} : { style: c.style }),
          },
        }),
  };
}

export function actions(blockId: string, buttons: types.Button[]): types.ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons };
}

/** Packs lines into chunks of at most `max` characters (joined by newlines); an over-long line is shortened. */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current !== '' && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

const FENCE = '```';

/** Lines as monospace sections, each within the section text limit including its fences. */
export function codeSections(lines: readonly string[]): types.SectionBlock[] {
  const inner = MAX_TEXT_CHARS - 2 * FENCE.length - 2;
  return chunkLines(lines.map(escapeCode), inner).map((chunk) => section(`${FENCE}\n${chunk}\n${FENCE}`));
}

/** Lines as mrkdwn sections (escaped), each within the section text limit. */
export function textSections(lines: readonly string[]): types.SectionBlock[] {
  return chunkLines(lines.map(escapeMrkdwn), MAX_TEXT_CHARS).map((chunk) => section(chunk));
}

/** Characters of text a message's blocks carry: what the ~13k refusal appears to count. */
export function blockTextLength(blocks: readonly Block[]): number {
  return (
    JSON.stringify(blocks)
      .match(/"text":"((?:[^"\\]|\\.)*)"/g)
      ?.reduce((sum, m) => sum + m.length - 9, 0) ?? 0
  );
}

/** Keeps blocks while both the block count and the text budget allow, and says how many were left out. */
export function fitBlocks(blocks: readonly Block[], reserve = 1): { kept: Block[]; dropped: number } {
  const kept: Block[] = [];
  for (const block of blocks) {
    if (kept.length + 1 + reserve > MAX_BLOCKS_PER_MESSAGE) break;
    if (blockTextLength([...kept, block]) > MESSAGE_CHAR_BUDGET) break;
    kept.push(block);
  }
  return { kept, dropped: blocks.length - kept.length };
}

/** `<@U123>`: Slack renders the person's name. */
export function mention(user: string): string {
  return `<@${user}>`;
}

/** A one-paragraph message; the fallback text drops bold and code marks (underscores are in ids and names). */
export function textMessage(text: string): SlackMessage {
  return { text: truncate(text.replace(/[*`]/g, ''), MAX_FALLBACK_TEXT_CHARS), blocks: [section(text)] };
}
