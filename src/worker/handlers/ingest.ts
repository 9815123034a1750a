/**
 * 'ferry-ingest': stages the downloaded export files as a snapshot and answers in the project thread with the
 * validation summary and, when there is anything to fix, the defect report as a CSV file. The report is also kept
 * under `<data dir>/reports/<project>/`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ingestUpload } from '../../dentadmin/ingest/ingest-upload.js';
import { renderSummary, writeDefectReport } from '../../dentadmin/ingest/report-output.js';
import type { IngestReport } from '../../dentadmin/ingest/types.js';
import type { Attachment, NotifyTarget } from '../../migration/notifier.js';
import { appendAudit } from '../../store/audit.js';
import type { JobHandler, WorkerDeps } from '../deps.js';

async function defectAttachment(deps: WorkerDeps, report: IngestReport): Promise<Attachment[]> {
  if (report.defects.length + report.fileErrors.length === 0) return [];
  const filename = `defects-${report.project}-upload-${report.snapshot}.csv`;
  const path = join(deps.config.dataDir, 'reports', report.project, filename);
  await mkdir(join(deps.config.dataDir, 'reports', report.project), { recursive: true });
  await writeDefectReport(report, path);
  return [{ filename, title: `Defect report, upload #${report.snapshot}`, content: await readFile(path) }];
}

export const handleIngest: JobHandler<'ferry-ingest'> = async (deps, data, jobId) => {
  // Files of one upload share a folder: ingest them relative to it, so messages and the defect report name the
  // files as the practice uploaded them, never the server's paths.
  const folders = new Set(data.paths.map((path) => dirname(path)));
  const [cwd] = folders.size === 1 ? [...folders] : [undefined];
  const paths = cwd === undefined ? data.paths : data.paths.map((path) => basename(path));
  const report = await ingestUpload(
    deps.pool,
    { project: data.project, paths, maxDocumentBytes: deps.config.maxDocumentBytes, ...(cwd ? { cwd } : {}) },
    (line) => deps.log.info({ project: data.project, jobId }, line),
  );
  await appendAudit(deps.pool, {
    project: data.project,
    actor: data.actor,
    kind: `export.${report.status}`,
    detail: {
      snapshot: report.snapshot,
      files: report.files.length,
      defects: report.defects.length,
      fileErrors: report.fileErrors.length,
    },
  });
  const target: NotifyTarget = data.thread ? { project: data.project, thread: data.thread } : { project: data.project };
  await deps.notifier.result(target, {
    kind: 'ingest',
    status: report.status,
    lines: renderSummary(report).trimEnd().split('\n'),
    attachments: await defectAttachment(deps, report),
  });
};
