/**
 * The CSV dialect of a file: its delimiter and its line endings, guessed from the decoded start of the file.
 * Belgian Excel writes `;` (the list separator where the decimal mark is a comma, domain notes §5), but a
 * database dump may use `,` or tab.
 */

export type Delimiter = ';' | ',' | '\t';
export type LineEnding = 'crlf' | 'lf' | 'cr';

/** Candidates in order of preference when two fit equally well. */
const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];
const SNIFF_LINES = 50;

/**
 * The line ending most used in the sample (CRLF, LF or CR alone). A file of one unterminated line counts as
 * CRLF, what DentAdmin's Windows side writes.
 */
export function detectLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf === 0 && lf === 0 && cr === 0) return 'crlf';
  if (crlf >= lf && crlf >= cr) return 'crlf';
  return lf >= cr ? 'lf' : 'cr';
}

/** Counts of each candidate delimiter outside quotes, per record, for the first records of the sample. */
function countPerRecord(text: string, lineEnding: LineEnding): Map<Delimiter, number>[] {
  const breakCode = lineEnding === 'cr' ? 13 : 10;
  const records: Map<Delimiter, number>[] = [];
  let counts = new Map<Delimiter, number>();
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length && records.length < SNIFF_LINES; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === breakCode) {
      if (!empty) records.push(counts);
      counts = new Map();
      empty = true;
      continue;
    } else if (!quoted && (c === 59 || c === 44 || c === 9)) {
      const d = String.fromCharCode(c) as Delimiter;
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    if (c !== 13) empty = false;
  }
  if (!empty && records.length < SNIFF_LINES) records.push(counts);
  return records;
}

/**
 * The delimiter that splits the header into the most columns and gives the same column count on the most
 * records. Quoted text is skipped, so `;` inside a memo does not count. `;` when nothing splits the header.
 */
export function detectDelimiter(text: string, lineEnding: LineEnding = detectLineEnding(text)): Delimiter {
  const records = countPerRecord(text, lineEnding);
  const header = records[0];
  if (header === undefined) return ';';
  let best: Delimiter = ';';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const columns = header.get(d) ?? 0;
    if (columns === 0) continue;
    const consistent = records.filter((r) => (r.get(d) ?? 0) === columns).length;
    // Agreement first, then the number of columns it makes: a stray comma in one header loses to `;`.
    const score = (consistent / records.length) * 1000 + Math.min(columns, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function describeDelimiter(d: Delimiter): string {
  return d === '\t' ? 'tab' : d;
}
