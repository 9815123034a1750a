/**
 * RTF → plain text, for memo fields of Windows practice software (domain notes §5, D18).
 *
 * Only what notes need: paragraphs and tabs, `\'hh` bytes in the document's ANSI code page (`\ansicpg`,
 * Windows-1252 by default), `\uN` Unicode with its fallback characters skipped (`\ucN`), escaped `\\ \{ \}`,
 * a few typographic symbols, and destinations that hold no body text (font and colour tables, styles,
 * metadata, pictures, `{\*…}` groups) skipped entirely. Formatting is dropped.
 */
import iconv from 'iconv-lite';

/** Destinations whose content is never body text. */
const SKIP_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'object',
  'fldinst',
  'filetbl',
  'revtbl',
  'pgdsctbl',
]);

/** Control words that produce text. */
const WORD_TEXT: Readonly<Record<string, string>> = {
  par: '\n',
  line: '\n',
  sect: '\n',
  page: '\n',
  row: '\n',
  tab: '\t',
  cell: '\t',
  emdash: '—',
  endash: '–',
  bullet: '•',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  emspace: ' ',
  enspace: ' ',
};

/** Escapes of the form backslash + one symbol. */
const SYMBOL_TEXT: Readonly<Record<string, string>> = { '\\': '\\', '{': '{', '}': '}', '~': '\u00a0', _: '-' };

interface GroupState {
  skip: boolean;
  /** Fallback characters to skip after `\uN`. */
  uc: number;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/** A tiny RTF reader: one pass, a stack of group states, bytes decoded in runs. */
class RtfReader {
  private out = '';
  private bytes: number[] = [];
  private codepage = 1252;
  private state: GroupState = { skip: false, uc: 1 };
  private readonly stack: GroupState[] = [];
  private groupStart = false;
  /** Fallback characters still to skip after a `\uN`. */
  private pendingSkip = 0;

  constructor(private readonly s: string) {}

  read(): string {
    const { s } = this;
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '{') {
        this.flush();
        this.stack.push(this.state);
        this.state = { ...this.state };
        this.groupStart = true;
        i++;
      } else if (c === '}') {
        this.flush();
        this.state = this.stack.pop() ?? this.state;
        this.groupStart = false;
        i++;
      } else if (c === '\\') {
        i = this.control(i);
      } else {
        if (c !== '\r' && c !== '\n') this.text(c);
        i++;
      }
    }
    this.flush();
    return this.out.replace(/[ \t\r\n]+$/, '');
  }

  /** Handles the control word or symbol at `i`; returns the index after it. */
  private control(i: number): number {
    const { s } = this;
    const next = s[i + 1];
    if (isLetter(next)) {
      let j = i + 1;
      while (isLetter(s[j])) j++;
      const word = s.slice(i + 1, j);
      let k = j;
      if (s[k] === '-') k++;
      while (s[k] !== undefined && s[k]! >= '0' && s[k]! <= '9') k++;
      const param = k > j ? Number(s.slice(j, k)) : null;
      if (s[k] === ' ') k++; // the delimiter space belongs to the control word
      this.word(word, param);
      return word === 'bin' && param !== null ? k + param : k;
    }
    if (next === "'") {
      const byte = Number.parseInt(s.slice(i + 2, i + 4), 16);
      if (!Number.isNaN(byte)) this.byte(byte);
      return i + 4;
    }
    if (next === '*') {
      if (this.groupStart) this.state.skip = true;
    } else if (next === '\n' || next === '\r') {
      this.text('\n');
    } else if (next !== undefined && next in SYMBOL_TEXT) {
      this.text(SYMBOL_TEXT[next]!);
    }
    // `\-` (optional hyphen) and unknown symbols produce nothing
    this.groupStart = false;
    return i + 2;
  }

  private word(word: string, param: number | null): void {
    const atGroupStart = this.groupStart;
    this.groupStart = false;
    if (atGroupStart && SKIP_DESTINATIONS.has(word)) this.state.skip = true;
    if (this.state.skip) return;
    if (word === 'u' && param !== null) {
      this.flush();
      this.out += String.fromCharCode(param < 0 ? param + 65536 : param);
      this.pendingSkip = this.state.uc;
    } else if (word === 'uc' && param !== null) this.state.uc = param;
    else if (word === 'ansicpg' && param !== null) this.codepage = param;
    else {
      const text = WORD_TEXT[word];
      if (text !== undefined) this.text(text);
    }
  }

  private text(t: string): void {
    this.groupStart = false;
    if (this.state.skip) return;
    if (this.pendingSkip > 0) {
      this.pendingSkip--;
      return;
    }
    this.flush();
    this.out += t;
  }

  private byte(b: number): void {
    this.groupStart = false;
    if (this.state.skip) return;
    if (this.pendingSkip > 0) {
      this.pendingSkip--;
      return;
    }
    this.bytes.push(b);
  }

  /** Decodes collected `\'hh` bytes together, so multi-byte code pages (932, 936) work too. */
  private flush(): void {
    if (this.bytes.length === 0) return;
    const name = `cp${this.codepage}`;
    const encoding = iconv.encodingExists(name) ? name : 'cp1252';
    this.out += iconv.decode(Buffer.from(this.bytes), encoding);
    this.bytes = [];
  }
}

/**
 * Converts an RTF document to plain text: `{\rtf1\ansi… Sintrom \'e9\'e9n keer\par}` → `Sintrom één keer`.
 * Trailing whitespace is removed; the input is not validated (broken RTF gives best-effort text).
 */
export function rtfToText(rtf: string): string {
  return new RtfReader(rtf).read();
}
