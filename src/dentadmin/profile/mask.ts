/**
 * Shape-masking: how a value looks without what it says. Profiles and the field-map proposer (and any LLM it
 * calls) see `Aaaaaaa`, `99/99/9999` or `aaaaa.aaaaaaa@aaaaaaa.be`, never a patient's name, date or address.
 */

/** Longest mask kept; the rest of a memo is summarised by `…`. */
export const MAX_MASK_CHARS = 40;

const UPPER = /\p{Lu}/gu;
const LOWER = /[\p{Ll}\p{Lo}\p{Lm}\p{Lt}]/gu;
const DIGIT = /\p{Nd}/gu;
const LINE_BREAKS = /\r\n|\r|\n/g;

function maskText(text: string): string {
  return text.replace(UPPER, 'A').replace(LOWER, 'a').replace(DIGIT, '9');
}

/**
 * Letters become `A`/`a`, digits `9`; separators, spaces and punctuation stay. An e-mail keeps its `@` and the
 * top-level domain (`.be`), which tells a Belgian address from a foreign one without naming anybody.
 * Line breaks show as `⏎`; long values are cut at MAX_MASK_CHARS.
 */
export function maskValue(raw: string): string {
  const value = raw.length > MAX_MASK_CHARS * 2 ? raw.slice(0, MAX_MASK_CHARS * 2) : raw;
  const at = value.indexOf('@');
  const dot = value.lastIndexOf('.');
  let masked: string;
  if (at > 0 && dot > at && /^[A-Za-z]{2,6}$/.test(value.slice(dot + 1))) {
    masked = `${maskText(value.slice(0, dot))}.${value.slice(dot + 1).toLowerCase()}`;
  } else {
    masked = maskText(value);
  }
  masked = masked.replace(LINE_BREAKS, '⏎');
  return masked.length > MAX_MASK_CHARS || raw.length > value.length ? `${masked.slice(0, MAX_MASK_CHARS)}…` : masked;
}
