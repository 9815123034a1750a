/**
 * Thread replies are conversation first: only a reply shaped like an edit command is treated as one, so "new
 * export coming tomorrow" stays a chat message. Slack's markup is undone before the map's parser sees the text.
 */

const EDIT_SHAPES = [
  /^map\s+.+\s+to\s+\S+/is,
  /^ignore\s+\S+/i,
  /^new\s+(person|organization|deal|activity|note|file|user)\s+field\b/i,
  /^transform\s+\S+\s+\S+/i,
  /^undo$/i,
];

/** Slack's message text → what the person typed: entities decoded, links and mentions of the bot removed. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/^\s*<@[A-Z0-9_]+>\s*/i, '')
    .replace(/<(?:mailto:|https?:\/\/)[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?:\/\/)[^>|]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** True when the reply reads as a command of the edit language. */
export function looksLikeEdit(plainText: string): boolean {
  const text = plainText.replace(/[\s.!]+$/, '');
  return EDIT_SHAPES.some((shape) => shape.test(text));
}
