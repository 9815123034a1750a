/**
 * The rollback confirmation: before anything starts, what will be deleted, restored and kept as conflicts.
 * The danger button also carries Slack's confirmation dialog; the server checks the clicker's role again.
 */

import { ACTION } from '../ids.js';
import type { RollbackPlanSummary } from '../ports.js';
import {
  actions,
  button,
  context,
  formatCount,
  header,
  mention,
  type SlackMessage,
  section,
  textSections,
} from './kit.js';
import { runKindLabel } from './project-card.js';

function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([object, n]) => `${formatCount(n)} ${object}`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function buildRollbackConfirmation(plan: RollbackPlanSummary, requester: string): SlackMessage {
  const run = `run #${plan.targetRunId} (${runKindLabel(plan.targetKind)})`;
  const tokens = plan.estimatedTokens === undefined ? [] : [`About ${formatCount(plan.estimatedTokens)} API tokens`];
  const value = String(plan.targetRunId);
  return {
    text: `Roll back ${run}? Deletes ${total(plan.delete)} records, restores ${total(plan.restore)}, keeps ${total(plan.keepAsConflicts)} conflicts.`,
    blocks: [
      header(`Roll back ${run}?`),
      section(
        [
          `*Deleted:* ${countsText(plan.delete)} (created by this run)`,
          `*Restored:* ${countsText(plan.restore)} (their values from before the run)`,
          `*Kept as conflicts:* ${countsText(plan.keepAsConflicts)} (changed in Pipedrive since; left as they are and listed)`,
        ].join('\n'),
      ),
      ...textSections(plan.notes).slice(0, 5),
      actions(`rollback_${plan.targetRunId}`, [
        button({
          actionId: ACTION.rollbackConfirm,
          text: `Roll back run #${plan.targetRunId}`,
          value,
          style: 'danger',
          confirm: {
            title: `Roll back run #${plan.targetRunId}?`,
            text: `Deletes ${formatCount(total(plan.delete))} records and restores ${formatCount(total(plan.restore))} in Pipedrive. Conflicts are kept.`,
            confirm: 'Roll back',
            deny: 'Cancel',
            style: 'danger',
          },
        }),
        button({ actionId: ACTION.rollbackCancel, text: 'Cancel', value }),
      ]),
      context([`Asked by ${mention(requester)} · only operators can confirm`, ...tokens]),
    ],
  };
}

/** Replaces the confirmation's buttons once someone decided. */
export function buildRollbackDecided(
  targetRunId: number,
  decision: 'started' | 'cancelled',
  by: string,
  runId?: number,
): SlackMessage {
  const text =
    decision === 'started'
      ? `Rollback of run #${targetRunId} started by ${mention(by)} as run #${runId}. Progress follows in this thread.`
      : `Rollback of run #${targetRunId} cancelled by ${mention(by)}. Nothing was changed.`;
  return { text: text.replace(/<@(\w+)>/g, '@$1'), blocks: [section(text)] };
}
