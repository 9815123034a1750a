/** The one progress message of a run, rebuilt on every edit: where it is, tokens spent and left, time left. */
import { OBJECT_PLURALS } from '../../migration/build-record.js';
import type { RunProgress } from '../../migration/notifier.js';
import { context, formatCount, type SlackMessage, section } from './kit.js';
import { runKindLabel } from './project-card.js';

const BAR_CELLS = 20;

export function progressBar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(share * BAR_CELLS);
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${Math.floor(share * 100)}%`;
}

/** `45 s`, `12 min`, `2 h 05 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function tokensText(p: RunProgress): string {
  const left = p.tokensLeft === undefined ? '' : `, ${formatCount(p.tokensLeft)} left today`;
  return `${formatCount(p.tokensSpent)} API tokens spent${left}`;
}

/** A load's phase `person:patients` as people read it: `persons from patients`; other steps as they are. */
export function phaseLabel(phase: string): string {
  const [object, source, extra] = phase.split(':');
  const label = object === undefined ? undefined : (OBJECT_PLURALS as Readonly<Record<string, string>>)[object];
  if (label === undefined || source === undefined) return phase;
  return `${label} from ${source}${extra === 'duplicates' ? ' (duplicates)' : ''}`;
}

/**
 * `revision` goes into the block ids: Slack asks for new block ids when a message's blocks are replaced, so
 * clients redraw them. `finished` is the run's final status: a run that is done shows a full bar.
 */
export function buildProgressMessage(runId: number, p: RunProgress, revision: number, finished?: string): SlackMessage {
  const complete = finished === 'done';
  const title = `Run #${runId} · ${runKindLabel(p.kind)} · ${complete ? 'all steps done' : phaseLabel(p.phase)}`;
  // Counts are chunks of the current step: once the run is done they say nothing more.
  const counts = complete ? '' : p.total > 0 ? `${formatCount(p.done)} / ${formatCount(p.total)}` : formatCount(p.done);
  const bar = complete ? progressBar(1, 1) : progressBar(p.done, p.total);
  const status =
    finished !== undefined
      ? `Finished: ${finished}. The result is below.`
      : p.pausedUntil !== undefined
        ? `Paused until ${p.pausedUntil}: the daily Pipedrive token budget is spent; it resumes by itself.`
        : p.etaSeconds !== undefined
          ? `About ${formatDuration(p.etaSeconds)} left`
          : 'Working…';
  return {
    text: complete ? title : `${title}: ${counts}`,
    blocks: [
      section(`*${title}*\n\`${bar}\`${complete ? '' : `  ${counts}`}`, `progress_${runId}_${revision}`),
      context([tokensText(p), status]),
    ],
  };
}
