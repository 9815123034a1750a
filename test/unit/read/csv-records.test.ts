import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, CsvSyntaxError, splitWellFormed } from '../../../src/dentadmin/read/csv-records.js';
import type { Delimiter, LineEnding } from '../../../src/dentadmin/read/dialect.js';

type Parsed = [string[], number][];

function parseAll(text: string, lineEnding: LineEnding, chunk = text.length, delimiter: Delimiter = ';'): Parsed {
  const out: Parsed = [];
  const parser = new CsvRecordParser(delimiter, lineEnding, (cells, line) => out.push([cells, line]));
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
  parser.end();
  return out;
}

/** The same text fed in every chunk size from 1 character up must parse the same. */
function parseInEveryChunking(text: string, lineEnding: LineEnding): Parsed {
  const whole = parseAll(text, lineEnding);
  for (let chunk = 1; chunk < Math.min(text.length, 40); chunk++)
    expect(parseAll(text, lineEnding, chunk)).toEqual(whole);
  return whole;
}

describe('CsvRecordParser', () => {
  it('gives each record the physical line it starts on, across multi-line quoted fields (CRLF)', () => {
    const text = 'NotitieID;Tekst\r\nN1;"Controle ok.\r\nTandsteen onderfront; volgende keer DPSI."\r\nN2;kort\r\n';
    expect(parseInEveryChunking(text, 'crlf')).toEqual([
      [['NotitieID', 'Tekst'], 1],
      [['N1', 'Controle ok.\r\nTandsteen onderfront; volgende keer DPSI.'], 2],
      [['N2', 'kort'], 4],
    ]);
  });

  it('counts lines the same way for LF and CR files', () => {
    expect(parseInEveryChunking('a;b\n1;"x\ny\nz"\n2;3', 'lf')).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\ny\nz'], 2],
      [['2', '3'], 5],
    ]);
    expect(parseInEveryChunking('a;b\r1;"x\ry"\r2;3\r', 'cr')).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\ry'], 2],
      [['2', '3'], 4],
    ]);
  });

  it('skips empty lines but counts them', () => {
    expect(parseInEveryChunking('a;b\r\n\r\n1;2\r\n\r\n\r\n3;4\r\n', 'crlf')).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 3],
      [['3', '4'], 6],
    ]);
  });

  it('reads the plain fields around quoted ones, on the quoted line and after a multi-line field', () => {
    const text = 'a;b;c;d;e\r\n1;2;"x;y";4;5\r\n6;7 "inch";8;"m\r\nn";9\r\n;;"";;\r\n';
    expect(parseInEveryChunking(text, 'crlf')).toEqual([
      [['a', 'b', 'c', 'd', 'e'], 1],
      [['1', '2', 'x;y', '4', '5'], 2],
      [['6', '7 "inch"', '8', 'm\r\nn', '9'], 3],
      [['', '', '', '', ''], 5],
    ]);
    // At the very end without a line break the last field keeps what it holds, a lone CR included.
    expect(parseAll('a;b\n"1";2\r', 'lf')).toEqual([
      [['a', 'b'], 1],
      [['1', '2\r'], 2],
    ]);
  });

  it('unescapes doubled quotes and keeps delimiters inside quotes', () => {
    expect(parseInEveryChunking('a;b\n"say ""ah""; then";"x"\n', 'lf')).toEqual([
      [['a', 'b'], 1],
      [['say "ah"; then', 'x'], 2],
    ]);
  });

  it('keeps stray quotes as text instead of failing', () => {
    expect(parseInEveryChunking('a;b\n5" monitor;x\n"ab"c;d\n"";\n', 'lf')).toEqual([
      [['a', 'b'], 1],
      [['5" monitor', 'x'], 2],
      [['"ab"c', 'd'], 3],
      [['', ''], 4],
    ]);
  });

  it('passes ragged records through with their own number of fields', () => {
    expect(parseAll('a;b;c\n1;2\n1;2;3;4\n', 'lf').map(([cells]) => cells.length)).toEqual([3, 2, 4]);
  });

  it('reads tab- and comma-separated files', () => {
    expect(parseAll('a\tb\n1\t"x\ty"\n', 'lf', 100, '\t')).toEqual([
      [['a', 'b'], 1],
      [['1', 'x\ty'], 2],
    ]);
    expect(parseAll('a,b\n"1,5",2\n', 'lf', 100, ',')).toEqual([
      [['a', 'b'], 1],
      [['1,5', '2'], 2],
    ]);
  });

  it('names the line where a quoted field opens and never closes', () => {
    const read: number[] = [];
    const parser = new CsvRecordParser(';', 'crlf', (_cells, line) => read.push(line));
    parser.push('a;b\r\n1;"2"\r\n3;"never closed\r\n4;5\r\n');
    const error = (() => {
      try {
        parser.end();
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(3);
    expect((error as Error).message).toMatch(/quoted field opened on line 3 is never closed/);
    expect(read).toEqual([1, 2]); // the records before it are still read
  });

  it('gives up on a record longer than the limit instead of buffering the whole file', () => {
    const parser = new CsvRecordParser(';', 'lf', () => {}, 1000);
    expect(() => parser.push(`a;b\n1;"${'x'.repeat(2000)}`)).toThrow(/line 2 is longer than/);
  });
});

describe('splitWellFormed', () => {
  /** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const csvParse = (text: string): string[] =>
    (
      parseCsv(text, {
        delimiter: ';',
        record_delimiter: '\n',
        relax_quotes: true,
        relax_column_count: true,
      }) as string[][]
    )[0] ?? [];

  it('reads every well-formed record as csv-parse does', () => {
    const next = random(7);
    const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!;
    for (let n = 0; n < 5000; n++) {
      const cells = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        Array.from({ length: Math.floor(next() * 5) }, () => pick('ab;"\n\r ')).join(''),
      );
      const text = cells
        .map((cell) => (/[;"\n\r]/.test(cell) || next() < 0.3 ? `"${cell.replaceAll('"', '""')}"` : cell))
        .join(';');
      if (text === '') continue; // an empty line is no record (the parser skips it)
      expect(splitWellFormed(text, ';'), text).toEqual(cells);
      expect(csvParse(text), text).toEqual(cells);
    }
  });

  it('leaves irregular records to csv-parse, and agrees with it on any record it does read', () => {
    const next = random(11);
    let left = 0;
    for (let n = 0; n < 20000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 8) }, () => 'a;" '[Math.floor(next() * 4)]).join('');
      const cells = splitWellFormed(text, ';');
      if (cells === null) left++;
      else expect(cells, text).toEqual(csvParse(text));
    }
    expect(left).toBeGreaterThan(1000); // irregular records were generated, and left alone
    expect(splitWellFormed('5" monitor;x', ';')).toBeNull();
    expect(splitWellFormed('"ab"c;d', ';')).toBeNull();
    expect(splitWellFormed('"never closed', ';')).toBeNull();
  });
});
