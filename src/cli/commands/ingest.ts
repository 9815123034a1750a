/** `ferry ingest`: stages a DentAdmin export (files or folders) as a new snapshot of a project and reports on it. */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ingestUpload } from '../../dentadmin/ingest/ingest-upload.js';
import { renderSummary, toJsonDocument, writeDefectReport } from '../../dentadmin/ingest/report-output.js';
import { isValidProjectId } from '../../store/projects.js';
import type { CliIo, Command } from '../command.js';
import { configFrom, parseFlags, requireFlag, runCommand, UsageError, withDatabase } from '../support.js';

const USAGE = `Usage: ferry ingest --project P PATH... [--json] [--report FILE] [--export-date YYYY-MM-DD]

Reads a DentAdmin export and stages every row as a new snapshot of project P (created when missing), in one
transaction. Each PATH is a CSV file or a folder (its *.csv files and its documents/ folder). Which entity a
file holds is read from its headers (Dutch or French), whatever the file is called.

  --project P          project id: lower-case letters, digits, - and _
  --json               print exactly one JSON document on stdout (progress goes to stderr)
  --report FILE        also write the defects as a CSV for Excel (UTF-8 with BOM, ;)
  --export-date D      the day the export was taken (default today); later dates are "in the future"

Exit status: 0 staged (even with defects), 1 refused (nothing staged), 2 bad usage.`;

const FLAGS = {
  project: { type: 'string' },
  json: { type: 'boolean' },
  report: { type: 'string' },
  'export-date': { type: 'string' },
} as const;

function checkExportDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw new UsageError(`--export-date must be YYYY-MM-DD, got "${value}"`);
  return value;
}

async function checkReportPath(io: CliIo, report: string | undefined): Promise<string | undefined> {
  if (report === undefined) return undefined;
  const path = resolve(io.cwd, report);
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory()) throw new UsageError(`--report: the folder ${dirname(path)} does not exist`);
  return path;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Stage a DentAdmin export as a new snapshot, with a profile and defects per record',
  usage: USAGE,
  run(argv: string[], io: CliIo): Promise<number> {
    return runCommand(io, USAGE, async () => {
      const { values, positionals } = parseFlags(argv, FLAGS);
      const project = requireFlag(values.project, '--project');
      if (!isValidProjectId(project)) {
        throw new UsageError(
          `--project "${project}" is not valid: use lower-case letters, digits, - and _ (at most 63)`,
        );
      }
      if (positionals.length === 0) throw new UsageError('give at least one file or folder to ingest');
      const exportDate = checkExportDate(values['export-date']);
      const reportPath = await checkReportPath(io, values.report);
      const config = configFrom(io);
      const report = await withDatabase(config, (db) =>
        ingestUpload(
          db.pool,
          {
            project,
            paths: positionals,
            cwd: io.cwd,
            maxDocumentBytes: config.maxDocumentBytes,
            ...(exportDate === undefined ? {} : { exportDate }),
          },
          (message) => io.err.write(`${message}\n`),
        ),
      );
      if (reportPath !== undefined) await writeDefectReport(report, reportPath);
      if (values.json) io.out.write(`${JSON.stringify(toJsonDocument(report))}\n`);
      else {
        io.out.write(renderSummary(report));
        if (reportPath !== undefined) io.out.write(`\nDefect report written to ${reportPath}\n`);
      }
      return report.status === 'staged' ? 0 : 1;
    });
  },
};
