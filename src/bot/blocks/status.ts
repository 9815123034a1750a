/** `/ferry status`: the project card's facts, the latest runs, and the roles. */
import type { RoleHolder } from '../store/roles.js';
import { type Block, codeSections, mention, type SlackMessage, section } from './kit.js';
import { buildProjectCard, type ProjectFacts, runKindLabel } from './project-card.js';

export function buildStatusMessage(facts: ProjectFacts, roles: readonly RoleHolder[]): SlackMessage {
  const card = buildProjectCard(facts);
  // The card's buttons belong to the card itself; an ephemeral copy would only duplicate them.
  const info = card.blocks.filter((b) => b.type !== 'actions' && b.type !== 'context');
  const runs = facts.runs
    .slice(0, 8)
    .map((r) => `#${String(r.id).padEnd(5)} ${runKindLabel(r.kind).padEnd(15)} ${r.status}`);
  const people = (role: string) =>
    roles
      .filter((r) => r.role === role)
      .map((r) => mention(r.user))
      .join(', ') || 'nobody yet';
  const blocks: Block[] = [
    ...info,
    section(`*Operators:* ${people('operator')}\n*Approvers:* ${people('approver')}`),
    ...(runs.length > 0 ? codeSections(['Latest runs', ...runs]).slice(0, 1) : []),
  ];
  return { text: card.text, blocks };
}
