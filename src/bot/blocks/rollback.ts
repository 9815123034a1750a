/**
 * The rollback confirmation: before anything starts, what will be deleted, restored and kept as conflicts.
 * The danger button also carries Slack's confirmation dialog; the server checks the clicker's role again.
 */

import { ACTION, rollbackTargetValue } from '../ids.js';
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

/** `run #12 (full load)`, or `the whole migration (runs #2, #3, #5)`. */
export function rollbackTargetLabel(plan: Pick<RollbackPlanSummary, 'targetRunId' | 'targetKind' | 'runIds'>): string {
  if (plan.targetRunId !== null) {
    return `run #${plan.targetRunId}${plan.targetKind === null ? '' : ` (${runKindLabel(plan.targetKind)})`}`;
  }
  const runs = plan.runIds.map((id) => `#${id}`);
  const shown = runs.length > 8 ? [...runs.slice(0, 8), '…'] : runs;
  return runs.length === 0
    ? 'the whole migration'
    : `the whole migration (${runs.length === 1 ? 'run' : 'runs'} ${shown.join(', ')})`;
}

export function buildRollbackConfirmation(plan: RollbackPlanSummary, requester: string): SlackMessage {
  const target = rollbackTargetLabel(plan);
  const short = plan.targetRunId === null ? 'everything' : `run #${plan.targetRunId}`;
  const tokens = plan.estimatedTokens === undefined ? [] : [`About ${formatCount(plan.estimatedTokens)} API tokens`];
  const value = rollbackTargetValue(plan.targetRunId);
  const by = plan.targetRunId === null ? 'created by Ferry' : 'created by this run';
  return {
    text: `Roll back ${target}? Deletes ${total(plan.delete)} records, restores ${total(plan.restore)}, keeps ${total(plan.keepAsConflicts)} conflicts.`,
    blocks: [
      header(`Roll back ${target}?`),
      section(
        [
          `*Deleted:* ${countsText(plan.delete)} (${by})`,
          `*Restored:* ${countsText(plan.restore)} (their values from before Ferry changed them)`,
          `*Kept as conflicts:* ${countsText(plan.keepAsConflicts)} (changed in Pipedrive since; left as they are and listed)`,
        ].join('\n'),
      ),
      ...textSections(plan.notes).slice(0, 5),
      actions(`rollback_${value}`, [
        button({
          actionId: ACTION.rollbackConfirm,
          text: `Roll back ${short}`,
          value,
          style: 'danger',
          confirm: {
            title: `Roll back ${short}?`,
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
  targetRunId: number | null,
  decision: 'started' | 'cancelled',
  by: string,
  runId?: number,
): SlackMessage {
  const what = targetRunId === null ? 'the whole migration' : `run #${targetRunId}`;
  const text =
    decision === 'started'
      ? `Rollback of ${what} started by ${mention(by)} as run #${runId}. Progress follows in this thread.`
      : `Rollback of ${what} cancelled by ${mention(by)}. Nothing was changed.`;
  return { text: text.replace(/<@(\w+)>/g, '@$1'), blocks: [section(text)] };
}
