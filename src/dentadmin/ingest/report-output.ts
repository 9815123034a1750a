/**
 * The three ways an ingest report leaves Ferry: a terminal summary, the `--json` document, and the defects
 * CSV (`--report FILE`) a practice opens in Excel.
 */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Defect } from '../defects.js';
import { describeDelimiter } from '../read/dialect.js';
import { outcomeSentence } from './assemble-report.js';
import type { FileError, IngestReport } from './types.js';

/** The one JSON document `ferry ingest --json` prints: issue item 10's shape plus the outcome fields. */
export function toJsonDocument(report: IngestReport): Record<string, unknown> {
  return {
    project: report.project,
    snapshot: report.snapshot,
    status: report.status,
    outcome: outcomeSentence(report),
    ...(report.refusal === undefined ? {} : { refusal: report.refusal }),
    files: report.files,
    entities: report.entities,
    defects: report.defects,
    fileErrors: report.fileErrors,
    notes: report.notes,
  };
}

const number = (n: number): string => n.toLocaleString('en-US').replaceAll(',', ' ');

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function filesSection(report: IngestReport): string[] {
  const rows = report.files.map((f) => [
    f.file,
    f.entity ?? '(skipped)',
    number(f.rows),
    f.encoding ?? '',
    f.delimiter === null ? '' : describeDelimiter(f.delimiter as ';'),
    f.lineEnding ?? '',
    f.entity === null ? '' : `${Math.round(f.confidence * 100)}%`,
  ]);
  return table([['File', 'Entity', 'Rows', 'Encoding', 'Delimiter', 'Lines', 'Match'], ...rows], new Set([2, 6]));
}

function entitiesSection(report: IngestReport): string[] {
  const rows = Object.entries(report.entities).map(([entity, c]) => [
    entity,
    number(c.rows),
    number(c.ok),
    number(c.warnings),
    number(c.errors),
  ]);
  if (rows.length === 0) return [];
  return ['', ...table([['Entity', 'Rows', 'OK', 'Warnings', 'Errors'], ...rows], new Set([1, 2, 3, 4]))];
}

function listSection(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', title, ...lines.map((l) => `  ${l}`)];
}

/** The terminal summary: outcome, files, per-entity counts, the most frequent defect kinds, file problems, notes. */
export function renderSummary(report: IngestReport): string {
  const top = report.topDefects.map((d) => `${number(d.count).padStart(8)}  ${d.severity.padEnd(7)}  ${d.code}`);
  const lines = [
    outcomeSentence(report),
    '',
    ...filesSection(report),
    ...entitiesSection(report),
    ...listSection('Most frequent defects', top),
    ...listSection(
      'File problems',
      report.fileErrors.map((e) => e.message),
    ),
    ...listSection('Notes', report.notes),
  ];
  return `${lines.join('\n')}\n`;
}

/** A cell Excel would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const REPORT_HEADER = ['entity', 'record', 'line', 'column', 'code', 'severity', 'message'];

function fileErrorRow(e: FileError): string[] {
  return [
    '',
    '',
    e.line === undefined ? '' : String(e.line),
    '',
    e.skipped ? 'file_skipped' : 'file_note',
    e.skipped ? 'error' : 'warning',
    e.message,
  ];
}

function defectRow(d: Defect): string[] {
  return [d.entity, d.record ?? '', String(d.line), d.column ?? '', d.code, d.severity, d.message];
}

/**
 * Writes the defects (file problems first) as a CSV for Excel: UTF-8 with a BOM so accents show, `;` as
 * Belgian Excel expects, CRLF, and every cell neutralised against formula injection.
 */
export async function writeDefectReport(
  report: Pick<IngestReport, 'defects' | 'fileErrors'>,
  file: string,
): Promise<void> {
  const rows = [REPORT_HEADER, ...report.fileErrors.map(fileErrorRow), ...report.defects.map(defectRow)];
  const csv = stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { delimiter: ';', bom: true, record_delimiter: 'windows' },
  );
  await writeFile(file, csv, 'utf8');
}
