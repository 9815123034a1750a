/**
 * Which character encoding a CSV export is in, and a streaming decoder for it.
 *
 * Belgian Windows software writes Windows-1252, or UTF-8 when asked, and Excel only recognises UTF-8 with a
 * BOM (domain notes §5). So: a BOM means UTF-8; bytes that are valid UTF-8 mean UTF-8; anything else is
 * Windows-1252. Nothing here "repairs" text: a byte that does not decode becomes U+FFFD and the decoder
 * says so, so the caller can name the line.
 */

/**
 * `ascii`: the whole file is 7-bit ASCII, which reads the same in every candidate (so it is decoded as
 * UTF-8 and reported as what it is rather than as a guess).
 */
export type TextEncodingName = 'ascii' | 'utf-8' | 'utf-8-bom' | 'windows-1252';

export type SniffResult =
  | { ok: true; encoding: TextEncodingName }
  | { ok: false; problem: 'empty' | 'binary'; message: string };

/** Share of control characters (other than tab, CR, LF, FF) above which a sample is not text. */
const MAX_CONTROL_SHARE = 0.01;

const SIGNATURES: readonly { bytes: readonly number[]; message: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], message: 'is a ZIP archive or an Excel workbook (.xlsx), not a CSV file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], message: 'is an old Excel workbook (.xls), not a CSV file' },
  { bytes: [0x25, 0x50, 0x44, 0x46], message: 'is a PDF document, not a CSV file' },
  { bytes: [0xff, 0xfe], message: 'is UTF-16 text (Excel "Unicode text"); save it as "CSV UTF-8" instead' },
  { bytes: [0xfe, 0xff], message: 'is UTF-16 text; save it as "CSV UTF-8" instead' },
];

function startsWith(sample: Uint8Array, bytes: readonly number[]): boolean {
  if (sample.length < bytes.length) return false;
  return bytes.every((b, i) => sample[i] === b);
}

function hasUtf8Bom(sample: Uint8Array): boolean {
  return startsWith(sample, [0xef, 0xbb, 0xbf]);
}

/** True when the sample has NUL bytes or too many control characters to be a text file. */
function looksBinary(sample: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length * MAX_CONTROL_SHARE;
}

/** True when the bytes are valid UTF-8; a multi-byte sequence cut off at the end of the sample is allowed. */
export function isValidUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Index of the first byte ≥ 0x80, or -1 (ASCII decodes the same in every candidate encoding). */
export function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/**
 * Decides the encoding from the first bytes of a file. When those are plain ASCII (which reads the same in
 * every candidate), `later` holds the bytes from the first non-ASCII byte further on, and decides instead;
 * `complete` says the caller looked at the whole file, so no `later` means the file is all ASCII.
 */
export function sniffEncoding(head: Uint8Array, later: Uint8Array | null = null, complete = false): SniffResult {
  const body = hasUtf8Bom(head) ? head.subarray(3) : head;
  if (body.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    return { ok: false, problem: 'empty', message: 'is empty (no header row)' };
  }
  for (const signature of SIGNATURES) {
    if (startsWith(head, signature.bytes)) return { ok: false, problem: 'binary', message: signature.message };
  }
  if (looksBinary(body)) return { ok: false, problem: 'binary', message: 'looks like a binary file, not a CSV file' };
  if (hasUtf8Bom(head)) return { ok: true, encoding: 'utf-8-bom' };
  if (firstNonAscii(body) === -1) {
    if (later === null) return { ok: true, encoding: complete ? 'ascii' : 'utf-8' };
    return { ok: true, encoding: isValidUtf8(later) ? 'utf-8' : 'windows-1252' };
  }
  return { ok: true, encoding: isValidUtf8(body) ? 'utf-8' : 'windows-1252' };
}

/**
 * Windows-1252 bytes 0x80–0x9F. The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D) have no character: they decode to U+FFFD and count as undecodable.
 */
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';
const C1_RANGE = /[\x80-\x9f]/;
const C1_ALL = /[\x80-\x9f]/g;

export interface StreamDecoder {
  /** Decodes the next chunk; multi-byte characters split across chunks are kept for the next call. */
  decode(chunk: Uint8Array): string;
  /** Decodes what is left at the end of the file. */
  end(): string;
  /** True once any byte failed to decode (it became U+FFFD). */
  readonly replaced: boolean;
}

function decodeCp1252(chunk: Uint8Array): { text: string; replaced: boolean } {
  // latin1 maps every byte to the code point of the same value: exactly Windows-1252 outside 0x80–0x9F.
  const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
  if (!C1_RANGE.test(text)) return { text, replaced: false };
  let replaced = false;
  const fixed = text.replace(C1_ALL, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80]!;
    if (mapped === '\ufffd') replaced = true;
    return mapped;
  });
  return { text: fixed, replaced };
}

/** A streaming decoder for the sniffed encoding; a UTF-8 BOM at the start is dropped. */
export function createDecoder(encoding: TextEncodingName): StreamDecoder {
  if (encoding === 'windows-1252') {
    const state = { replaced: false };
    return {
      decode(chunk) {
        const { text, replaced } = decodeCp1252(chunk);
        if (replaced) state.replaced = true;
        return text;
      },
      end: () => '',
      get replaced() {
        return state.replaced;
      },
    };
  }
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const state = { replaced: false };
  const check = (text: string): string => {
    if (!state.replaced && text.includes('\ufffd')) state.replaced = true;
    return text;
  };
  return {
    decode: (chunk) => check(decoder.decode(chunk, { stream: true })),
    end: () => check(decoder.decode()),
    get replaced() {
      return state.replaced;
    },
  };
}

/**
 * Decodes the start of a file (the sniff sample). A character cut off at the end of the sample is left out
 * rather than shown as U+FFFD, since the rest of it is simply not read yet.
 */
export function decodeSample(bytes: Uint8Array, encoding: TextEncodingName, wholeFile: boolean): string {
  const decoder = createDecoder(encoding);
  const text = decoder.decode(bytes);
  return wholeFile ? text + decoder.end() : text;
}
