/** The one progress message of a run, rebuilt on every edit: where it is, tokens spent and left, time left. */
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

/**
 * `revision` goes into the block ids: Slack asks for new block ids when a message's blocks are replaced, so
 * clients redraw them.
 */
export function buildProgressMessage(runId: number, p: RunProgress, revision: number, finished?: string): SlackMessage {
  const title = `Run #${runId} · ${runKindLabel(p.kind)} · ${p.phase}`;
  const counts = p.total > 0 ? `${formatCount(p.done)} / ${formatCount(p.total)}` : formatCount(p.done);
  const status =
    finished !== undefined
      ? `Finished: ${finished}. The result is below.`
      : p.pausedUntil !== undefined
        ? `Paused until ${p.pausedUntil}: the daily Pipedrive token budget is spent; it resumes by itself.`
        : p.etaSeconds !== undefined
          ? `About ${formatDuration(p.etaSeconds)} left`
          : 'Working…';
  return {
    text: `${title}: ${counts}`,
    blocks: [
      section(`*${title}*\n\`${progressBar(p.done, p.total)}\`  ${counts}`, `progress_${runId}_${revision}`),
      context([tokensText(p), status]),
    ],
  };
}
