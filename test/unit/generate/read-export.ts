/** Test helpers: read a generated export back, with the physical line each record starts on. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ENTITIES, type EntityName } from '../../../src/dentadmin/entities.js';
import type { InjectedDefect } from '../../../src/dentadmin/generate/index.js';

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: string[];
  /** Whether each field was quoted in the file. */
  quoted: boolean[];
}

/** RFC-4180 reader for `;`-separated, CRLF text (BOM already removed). */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let fields: string[] = [];
  let quoted: boolean[] = [];
  let field = '';
  let inQuotes = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      inQuotes = true;
      wasQuoted = true;
    } else if (ch === ';') {
      fields.push(field);
      quoted.push(wasQuoted);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      quoted.push(wasQuoted);
      records.push({ line: start, fields, quoted });
      fields = [];
      quoted = [];
      field = '';
      wasQuoted = false;
      i++;
      line++;
      start = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || fields.length > 0) records.push({ line: start, fields: [...fields, field], quoted });
  return records;
}

export function decodeFile(path: string, encoding: 'cp1252' | 'utf8bom'): string {
  const bytes = readFileSync(path);
  if (encoding === 'cp1252') return iconv.decode(bytes, 'win1252');
  return bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
    ? bytes.subarray(3).toString('utf8')
    : bytes.toString('utf8');
}

export interface EntityFile {
  header: string[];
  records: CsvRecord[];
  /** Column position by key. */
  at: (key: string) => number;
}

export function readEntity(
  dir: string,
  entity: EntityName,
  lang: 'nl' | 'fr',
  encoding: 'cp1252' | 'utf8bom',
): EntityFile {
  const spec = ENTITIES[entity];
  const [head, ...records] = parseCsv(decodeFile(join(dir, spec.file[lang]), encoding));
  const at = (key: string): number => {
    const i = spec.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`no column ${key}`);
    return i;
  };
  return { header: head?.fields ?? [], records, at };
}

export function readInjected(dir: string): InjectedDefect[] {
  const text = readFileSync(join(dir, 'injected.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as InjectedDefect);
}

/** The record key as the generator writes it: the id column, or `plan:line` for care plan lines. */
export function recordKey(entity: EntityName, record: CsvRecord): string {
  return entity === 'care_plan_lines' ? `${record.fields[0]}:${record.fields[1]}` : (record.fields[0] ?? '');
}
