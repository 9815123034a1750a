/**
 * A result in the project thread: the ingest summary, a preflight's findings, a load's summary, a reconciliation
 * receipt. The lines come from the engine in plain language; files (defect report, diff, receipt) follow as
 * uploads in the same thread.
 */
import type { Attachment, ResultKind, RunResult } from '../../migration/notifier.js';
import {
  type Block,
  codeSections,
  context,
  fitBlocks,
  header,
  type SlackMessage,
  section,
  textSections,
} from './kit.js';

const TITLES: Record<ResultKind, string> = {
  ingest: 'Export checked',
  map: 'Field map',
  preflight: 'Preflight',
  sample: 'Sample load',
  full: 'Full load',
  delta: 'Delta load',
  reconcile: 'Reconciliation receipt',
  rollback: 'Rollback',
};

const GOOD = new Set(['ok', 'done', 'staged', 'passed', 'approved', 'proposed', 'rolled_back']);
const BAD = new Set(['failed', 'refused', 'blocked', 'error']);

function statusMark(status: string): string {
  if (GOOD.has(status)) return '✅';
  if (BAD.has(status)) return '❌';
  return 'ℹ️';
}

/** Ingest summaries are aligned columns of counts: monospace keeps them readable. */
const MONOSPACE: ReadonlySet<ResultKind> = new Set(['ingest']);

export function buildResultMessage(result: RunResult, runId?: number): SlackMessage {
  const title = `${statusMark(result.status)} ${TITLES[result.kind]}${runId === undefined ? '' : ` · run #${runId}`}`;
  const body: Block[] = MONOSPACE.has(result.kind) ? codeSections(result.lines) : textSections(result.lines);
  const files = result.attachments ?? [];
  const note = files.length > 0 ? [`${files.length === 1 ? 'File' : 'Files'} below: ${fileNames(files)}`] : [];
  // Header, status and the closing context are always there; the body gets what is left of the budget.
  const { kept, dropped } = fitBlocks(body, 3);
  const more = dropped > 0 ? [section(`_…${dropped} more ${dropped === 1 ? 'part' : 'parts'} not shown here._`)] : [];
  return {
    text: `${TITLES[result.kind]}: ${result.status}${result.lines[0] ? `. ${result.lines[0]}` : ''}`.slice(0, 3000),
    blocks: [header(title), ...kept, ...more, context([`Status: *${result.status}*`, ...note])],
  };
}

function fileNames(files: readonly Attachment[]): string {
  return files.map((f) => `\`${f.filename.replace(/`/g, "'")}\``).join(', ');
}
