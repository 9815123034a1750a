/**
 * One output CSV: `;`-separated, CRLF, RFC-4180 quoting, encoded per chunk (Windows-1252 or UTF-8 with BOM)
 * and written with backpressure. It counts physical lines so every record knows the line it starts on.
 */

import iconv from 'iconv-lite';
import { FileWriter } from './file-writer.js';

export type OutputEncoding = 'cp1252' | 'utf8bom';

const CHUNK_CHARS = 256 * 1024;
const NEEDS_QUOTES = /[;"\r\n]/;

/** Quotes a field when it holds the delimiter, a quote or a line break (RFC 4180, inner quotes doubled). */
export function csvField(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

function countNewlines(text: string): number {
  let n = 0;
  let at = text.indexOf('\n');
  while (at !== -1) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  return n;
}

/** Characters where Windows-1252 and Latin-1 differ or that Latin-1 lacks. */
const NOT_LATIN1_COMPATIBLE = /[\u0080-\u009f\u0100-\uffff]/;

export function encodeText(text: string, encoding: OutputEncoding): Buffer {
  if (encoding === 'utf8bom') return Buffer.from(text, 'utf8');
  // Most chunks only hold characters on which Windows-1252 and Latin-1 agree: Node's native Latin-1
  // encoder is then exact and several times faster than iconv-lite's table lookup.
  return NOT_LATIN1_COMPATIBLE.test(text) ? iconv.encode(text, 'win1252') : Buffer.from(text, 'latin1');
}

export class CsvSink {
  /** The 1-based line the next record will start on. */
  private nextLine = 1;
  private rowCount = 0;
  private chunk: string[] = [];
  private chunkChars = 0;
  private readonly parts: string[] = [];
  private readonly file: FileWriter;

  constructor(
    readonly path: string,
    private readonly encoding: OutputEncoding,
    header: readonly string[],
  ) {
    this.file = new FileWriter(path);
    if (encoding === 'utf8bom') this.file.write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.nextLine = 2;
    this.push(`${header.map(csvField).join(';')}\r\n`);
  }

  /** Data rows written so far (the header not counted). */
  get rows(): number {
    return this.rowCount;
  }

  /**
   * Writes one record and returns the line it starts on. `rawIndex` names a field written as is,
   * unquoted even when it holds a `;` (the injected D17 ragged row).
   */
  writeRow(values: readonly string[], rawIndex = -1): number {
    const parts = this.parts;
    let breaks = 1;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? '';
      // Only a field that needs quotes can hold a line break, so only those are counted.
      if (NEEDS_QUOTES.test(value)) {
        breaks += countNewlines(value);
        parts[i] = i === rawIndex ? value : `"${value.replaceAll('"', '""')}"`;
      } else {
        parts[i] = value;
      }
    }
    parts.length = values.length;
    const line = this.nextLine;
    this.rowCount++;
    this.nextLine += breaks;
    // join() yields a flat string; `+=` on many small pieces would build deep ropes for the GC to chase.
    this.push(`${parts.join(';')}\r\n`);
    return line;
  }

  private push(text: string): void {
    this.chunk.push(text);
    this.chunkChars += text.length;
    if (this.chunkChars >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    this.file.write(encodeText(this.chunk.join(''), this.encoding));
    this.chunk = [];
    this.chunkChars = 0;
  }

  /** Resolves once the stream can take more; the generator awaits this between patients. */
  ready(): Promise<void> | null {
    return this.file.ready();
  }

  async close(): Promise<void> {
    this.flush();
    await this.file.close();
  }
}
