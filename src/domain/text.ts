/**
 * Free-text cells: rich-text detection and conversion, and mojibake detection.
 *
 * Notes may hold plain text, RTF (Windows memo fields) or HTML (newer modules) (domain notes §5, D18).
 * Mojibake is UTF-8 that was read as Windows-1252 (`Numéro` → `NumÃ©ro`, D15): it is flagged, never
 * repaired here, because the repair is only safe for the whole file at once (the reader's job).
 */
import { compile } from 'html-to-text';

export { rtfToText } from './rtf.js';

export type RichTextKind = 'rtf' | 'html';

/**
 * A closing tag of a common element, a bare `<br>`/`<p>`-style tag, or a tag with an attribute. Requiring one
 * of these keeps clinical shorthand such as `temp <38 and >37` out.
 */
const HTML_SIGNAL =
  /<\/(?:p|div|span|b|i|u|em|strong|font|ul|ol|li|table|tr|td|th|h[1-6]|html|body|a|blockquote|pre)\s*>|<(?:br|p|div|hr|html|body)\s*\/?>|<[a-z][a-z0-9]*\s+[a-z-]+\s*=\s*["']/i;

/** `rtf` for a value starting with `{\rtf`, `html` for one with real HTML tags, else null. */
export function detectRichText(raw: string): RichTextKind | null {
  let start = 0;
  while (start < raw.length && raw.charCodeAt(start) <= 32) start++;
  if (raw.startsWith('{\\rtf', start)) return 'rtf';
  if (raw.indexOf('<') === -1) return null;
  return HTML_SIGNAL.test(raw) ? 'html' : null;
}

let convertHtml: ((html: string) => string) | undefined;

/**
 * HTML → plain text with the html-to-text package: no line wrapping, links as their text, images dropped,
 * headings not upper-cased (notes are clinical text, not e-mails).
 */
export function htmlToText(html: string): string {
  convertHtml ??= compile({
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((h) => ({
        selector: h,
        options: { uppercase: false },
      })),
    ],
  });
  return convertHtml(html).trim();
}

/** Characters that start every mojibake sequence we look for; a value without them is clean. */
const MOJIBAKE_LEAD = /[ÃÂâï\uFFFD]/;
/**
 * `Ã` + a Windows-1252 rendering of a UTF-8 continuation byte (é → Ã©, è → Ã¨, ç → Ã§, ë → Ã«, à → Ã + NBSP),
 * `â€` (’ “ ” – …), `â‚¬` (€), `ï»¿` (a BOM read as text), `Â` + NBSP/° (C2 xx), and U+FFFD (bytes that were
 * not UTF-8 decoded as UTF-8: `M?ller`).
 */
const MOJIBAKE =
  /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€|â‚¬|ï»¿|Â[\u00a0-\u00bf]|\uFFFD/;

/** The lowest of the characters MOJIBAKE_LEAD looks for (Â). */
const LOWEST_LEAD = 0xc2;

/**
 * True when the text shows UTF-8 read as Windows-1252, or replacement characters. Cheap on clean text: a
 * value without any character from Â up (most cells) is not searched at all.
 */
export function looksLikeMojibake(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < LOWEST_LEAD) i++;
  return i < text.length && MOJIBAKE_LEAD.test(text) && MOJIBAKE.test(text);
}
