import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CopyFinisher, finishRows } from '../../../src/dentadmin/ingest/copy-finisher.js';
import { copyJsonText, copyNullable } from '../../../src/dentadmin/ingest/copy-text.js';
import { StagedRowBuffer } from '../../../src/dentadmin/ingest/staged-row-buffer.js';
import { FileProfiler } from '../../../src/dentadmin/profile/column-profiler.js';
import { ColumnCounts } from '../../../src/dentadmin/profile/hyperloglog.js';

/** The row as the format defines it, built the plain way. */
function expectedLine(
  fileId: number,
  line: number,
  key: string | null,
  cells: readonly string[],
  refs: object | null,
): string {
  const json = JSON.stringify(cells);
  const refsText = refs === null ? '\\N' : copyJsonText(JSON.stringify(refs));
  return `${fileId}\t${line}\t${copyNullable(key)}\t${hash('sha1', json)}\t${copyJsonText(json)}\t${refsText}\n`;
}

/** Finished COPY text of the buffer's chunks. */
function finished(buffer: StagedRowBuffer, delimiter: string, counts = new ColumnCounts(0)): string {
  return Buffer.concat(buffer.take(true).map((chunk) => finishRows(chunk, delimiter, counts))).toString('utf8');
}

function encode(delimiter: string, rows: { line: number; key: string | null; text: string; refs: object | null }[]) {
  const buffer = new StagedRowBuffer(7);
  for (const row of rows) buffer.appendRow(row.line, row.key, row.text.split(delimiter), row.text, row.refs);
  return finished(buffer, delimiter);
}

describe('StagedRowBuffer', () => {
  const lines = [
    '1001;Peeters;Jan;M;14/03/1987;87031412345',
    '1002;Müller;Zoë;V;;;€ 12,50;Ærø',
    '1003;a\\b;back\\slash',
    '1004;tab\there;x',
    '1005;"quoted";x',
    '1006;;;;',
    ';',
    '',
    '1007;emoji 😀;日本',
    '1008;\u0001control;\u007fdel',
    '1009;U+2028\u2028;x',
  ];

  it('writes what JSON.stringify and the COPY format give, byte for byte, with the cells hash', () => {
    const rows = lines.map((text, i) => ({
      line: i + 2,
      key: i === 6 ? null : `K${i}\t\\`,
      text,
      refs: i % 2 === 0 ? { insz: '87031412345', patient: 'a"b\\c' } : null,
    }));
    const expected = rows.map((r) => expectedLine(7, r.line, r.key, r.text.split(';'), r.refs)).join('');
    expect(encode(';', rows)).toBe(expected);
  });

  it('writes record keys and refs whatever their characters, as COPY and JSON.stringify give them', () => {
    const refs: object[] = [
      { insz: '87031412345', nameBirth: 'peeters|jan|1987-03-14', patient: '1004' },
      { providers: ['TDM', 'TD"X', 'Zoë'], documentPath: 'scans/2024/Müller röntgen.pdf' },
      { patient: 'tab\there\\', plan: 'new\nline \u0001 \u2028 lone \ud800 😀' },
      { insz: undefined, patient: '1' },
      {},
    ];
    const rows = refs.map((r, i) => ({ line: i + 2, key: i === 1 ? 'Zoë-1' : String(i), text: `${i};x`, refs: r }));
    const expected = rows.map((r) => expectedLine(7, r.line, r.key, r.text.split(';'), r.refs)).join('');
    expect(encode(';', rows)).toBe(expected);
  });

  it('takes any single-character delimiter, tab included', () => {
    const rows = [{ line: 2, key: '1', text: 'a\tb\tc', refs: null }];
    expect(encode('\t', rows)).toBe(expectedLine(7, 2, '1', ['a', 'b', 'c'], null));
    const commas = [{ line: 2, key: '1', text: 'a,b;c', refs: null }];
    expect(encode(',', commas)).toBe(expectedLine(7, 2, '1', ['a', 'b;c'], null));
  });

  it('encodes records that come without their line (quoted fields) through JSON.stringify', () => {
    const buffer = new StagedRowBuffer(7);
    const cells = ['1', 'memo\nwith "quotes"; and a delimiter'];
    buffer.appendRow(5, '1', cells, null, null);
    buffer.appendRow(6, '2', ['2', 'plain'], '2;plain', null);
    const expected = expectedLine(7, 5, '1', cells, null);
    expect(finished(buffer, ';')).toBe(expected + expectedLine(7, 6, '2', ['2', 'plain'], null));
  });

  it('never splits a row across two chunks', () => {
    const buffer = new StagedRowBuffer(7);
    const text = `${'x'.repeat(300)};${'é'.repeat(300)}`;
    for (let line = 2; line < 5_000; line++) buffer.appendRow(line, String(line), text.split(';'), text, null);
    const chunks = buffer.take(true);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(finishRows(chunk, ';', new ColumnCounts(2)).at(-1)).toBe(10);
  });

  it('gives the same bytes and counts finished on a worker thread, in order', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i};Naam ${i % 300};é\\${i % 7 === 0 ? '\t' : ''};x`);
    const inline = new StagedRowBuffer(7);
    const threaded = new StagedRowBuffer(7);
    for (const [i, text] of lines.entries()) {
      inline.appendRow(i + 2, String(i), text.split(';'), text, { patient: String(i) });
      threaded.appendRow(i + 2, String(i), text.split(';'), text, { patient: String(i) });
    }
    const inlineCounts = new ColumnCounts(4);
    const expected = finished(inline, ';', inlineCounts);
    const threadedCounts = new ColumnCounts(4);
    const finisher = CopyFinisher.forFile(';', threadedCounts, 1, 0);
    try {
      const chunks = threaded.take(true);
      expect(chunks.length).toBeGreaterThan(1);
      const done = await Promise.all(chunks.map((chunk) => finisher.finish(chunk)));
      await finisher.settleCounts();
      expect(Buffer.concat(done).toString('utf8')).toBe(expected);
      const results = (counts: ColumnCounts) => counts.distinct.map((d, i) => [counts.filled[i], d.result()]);
      expect(results(threadedCounts)).toEqual(results(inlineCounts));
      expect(results(threadedCounts)[0]).toEqual([20_000, { count: expect.any(Number), estimated: true }]);
    } finally {
      await finisher.close();
    }
  });
});

describe('finishRows counts', () => {
  it('counts each column as the profiler counts its strings, blank cells and ragged rows left out', () => {
    const lines = ['1;Peeters;é€😀', '2; ;x', '3;;\\back', '4;Peeters;', 'ragged', '5;a;b;c', '6;\u00a0;"q"', '7;\t;y'];
    const buffer = new StagedRowBuffer(7);
    for (const [i, text] of lines.entries()) buffer.appendRow(i + 2, String(i), text.split(';'), text, null);
    const counts = new ColumnCounts(3);
    finished(buffer, ';', counts);
    const profiler = new FileProfiler(['PatNr', 'Naam', 'X'], [null, null, null]);
    for (const text of lines) if (text.split(';').length === 3) profiler.add(text.split(';'));
    const byStrings = profiler.finish();
    const fromBytes = new FileProfiler(['PatNr', 'Naam', 'X'], [null, null, null]);
    for (const text of lines) if (text.split(';').length === 3) fromBytes.addShapes(text.split(';'));
    fromBytes.mergeCounts(counts);
    expect(fromBytes.finish()).toEqual(byStrings);
    expect(byStrings.map((p) => [p.fillRate, p.distinctCount])).toEqual([
      [1, 6],
      [0.6667, 3],
      [0.8333, 5],
    ]);
  });
});
