/** `ferry generate`: writes a synthetic DentAdmin export (CSVs, injected.jsonl, documents/) for tests and demos. */

import { resolve } from 'node:path';
import { ENTITY_NAMES } from '../../dentadmin/entities.js';
import { DEFAULT_DEFECT_RATE, type GenerateSummary, generateExport } from '../../dentadmin/generate/index.js';
import type { CliIo, Command } from '../command.js';
import { parseFlags, parseIntFlag, parseRateFlag, requireFlag, runCommand, UsageError } from '../support.js';

const USAGE = `Usage: ferry generate --out DIR [--patients N] [--seed S] [--lang nl|fr] [--encoding cp1252|utf8bom]
                      [--defect-rate R] [--export-date YYYY-MM-DD] [--no-documents] [--json]

Writes a synthetic DentAdmin export into DIR: one CSV per entity, injected.jsonl (the defects put in on purpose)
and documents/ (the attached files). Same flags and seed give byte-identical files. Use an empty folder:
files of an earlier run are overwritten, but stale document files are not removed.

  --out DIR            folder to write (created when missing)
  --patients N         number of patients (default 200)
  --seed S             any text or number (default 1)
  --lang nl|fr         header and value language (default nl)
  --encoding E         cp1252 (Windows-1252, default) or utf8bom (UTF-8 with BOM)
  --defect-rate R      share of records with one injected defect, 0..1 (default ${DEFAULT_DEFECT_RATE})
  --export-date D      the day the export was taken (default 2025-11-01)
  --no-documents       do not write the document files (the CSVs stay the same)
  --json               print the summary as one JSON document on stdout`;

const FLAGS = {
  out: { type: 'string' },
  patients: { type: 'string' },
  seed: { type: 'string' },
  lang: { type: 'string' },
  encoding: { type: 'string' },
  'defect-rate': { type: 'string' },
  'export-date': { type: 'string' },
  'no-documents': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function describe(summary: GenerateSummary, elapsedMs: number): string {
  const lines = [`Wrote a synthetic DentAdmin export to ${summary.outDir} in ${(elapsedMs / 1000).toFixed(1)} s:`];
  for (const name of ENTITY_NAMES) lines.push(`  ${name.padEnd(16)} ${String(summary.rows[name]).padStart(10)} rows`);
  lines.push(`Injected defects: ${summary.injectedTotal} (listed in ${summary.injectedFile})`);
  for (const [code, count] of Object.entries(summary.injected).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${code.padEnd(24)} ${String(count).padStart(8)}`);
  }
  lines.push(
    summary.documentsDir
      ? `Document files: ${summary.documentFilesWritten} in ${summary.documentsDir}`
      : 'Document files: not written (--no-documents)',
  );
  return `${lines.join('\n')}\n`;
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'Write a synthetic DentAdmin export (with known defects) for tests and demos',
  usage: USAGE,
  run(argv: string[], io: CliIo): Promise<number> {
    return runCommand(io, USAGE, async () => {
      const { values, positionals } = parseFlags(argv, FLAGS);
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const exportDate = values['export-date'];
      if (exportDate !== undefined && !isIsoDate(exportDate)) {
        throw new UsageError(`--export-date must be YYYY-MM-DD, got "${exportDate}"`);
      }
      const started = performance.now();
      const summary = await generateExport({
        outDir: resolve(io.cwd, requireFlag(values.out, '--out')),
        patients: parseIntFlag(values.patients, '--patients', 200),
        seed: values.seed ?? '1',
        lang: oneOf(values.lang, '--lang', ['nl', 'fr'] as const, 'nl'),
        encoding: oneOf(values.encoding, '--encoding', ['cp1252', 'utf8bom'] as const, 'cp1252'),
        defectRate: parseRateFlag(values['defect-rate'], '--defect-rate', DEFAULT_DEFECT_RATE),
        documents: values['no-documents'] !== true,
        ...(exportDate === undefined ? {} : { exportDate }),
      });
      io.err.write(describe(summary, performance.now() - started));
      if (values.json) io.out.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    });
  },
};
