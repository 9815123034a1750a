/** Checks a message against Block Kit's documented limits; returns the violations (empty when it fits). */
import {
  blockTextLength,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BUTTON_TEXT_CHARS,
  MAX_BUTTON_VALUE_CHARS,
  MAX_CONFIRM_TEXT_CHARS,
  MAX_CONFIRM_TITLE_CHARS,
  MAX_CONTEXT_ELEMENTS,
  MAX_FIELD_CHARS,
  MAX_FIELDS_PER_SECTION,
  MAX_HEADER_CHARS,
  MAX_TEXT_CHARS,
  MESSAGE_CHAR_BUDGET,
  type SlackMessage,
} from '../../../src/bot/blocks/kit.js';

export function blockKitViolations(message: SlackMessage): string[] {
  const v: string[] = [];
  const blocks = message.blocks as any[];
  if (blocks.length > MAX_BLOCKS_PER_MESSAGE) v.push(`${blocks.length} blocks`);
  if (blockTextLength(message.blocks) > MESSAGE_CHAR_BUDGET + 1000)
    v.push(`text total ${blockTextLength(message.blocks)}`);
  if (message.text.length === 0) v.push('empty fallback text');
  for (const [i, b] of blocks.entries()) {
    if (b.type === 'section') {
      if (b.text && (b.text.text.length === 0 || b.text.text.length > MAX_TEXT_CHARS))
        v.push(`section ${i} text ${b.text.text.length}`);
      if (b.fields && b.fields.length > MAX_FIELDS_PER_SECTION) v.push(`section ${i} fields ${b.fields.length}`);
      for (const f of b.fields ?? [])
        if (f.text.length > MAX_FIELD_CHARS) v.push(`section ${i} field ${f.text.length}`);
    }
    if (b.type === 'header' && b.text.text.length > MAX_HEADER_CHARS) v.push(`header ${i}`);
    if (b.type === 'context' && b.elements.length > MAX_CONTEXT_ELEMENTS) v.push(`context ${i}`);
    if (b.type === 'actions') {
      const primaries = b.elements.filter((e: any) => e.style === 'primary').length;
      if (primaries > 1) v.push(`actions ${i}: ${primaries} primary buttons`);
      for (const e of b.elements) {
        if (e.text.text.length > MAX_BUTTON_TEXT_CHARS) v.push(`button text ${e.text.text}`);
        if ((e.value ?? '').length > MAX_BUTTON_VALUE_CHARS) v.push(`button value ${e.value.length}`);
        if (e.confirm) {
          if (e.confirm.title.text.length > MAX_CONFIRM_TITLE_CHARS) v.push('confirm title');
          if (e.confirm.text.text.length > MAX_CONFIRM_TEXT_CHARS) v.push('confirm text');
        }
      }
    }
  }
  return v;
}
