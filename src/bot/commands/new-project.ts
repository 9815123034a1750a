/** `/ferry new <name>`: opens the project in this channel, makes the creator its operator, posts the card. */
import { appendAuditTx } from '../../store/audit.js';
import { withTransaction } from '../../store/db.js';
import { actorId, slackDetail } from '../actor.js';
import { postProjectCard } from '../project-card.js';
import { projectSlug } from '../slug.js';
import { grantRole } from '../store/roles.js';
import { openProject, setProjectThread } from '../store/slack-projects.js';
import type { CommandContext } from './context.js';

export async function newProjectCommand(ctx: CommandContext): Promise<void> {
  const name = ctx.rest.trim().replace(/\s+/g, ' ').slice(0, 120);
  if (name === '') {
    await ctx.reply('Name the practice: `/ferry new Tandartsen De Smet`.');
    return;
  }
  const id = projectSlug(name);
  if (id === null) {
    await ctx.reply('Use letters or digits in the name: `/ferry new Tandartsen De Smet`.');
    return;
  }
  const { pool } = ctx.deps;
  const outcome = await withTransaction(pool, async (tx) => {
    const opened = await openProject(tx, { id, name, channel: ctx.channel, user: ctx.who.user, team: ctx.who.team });
    if (!opened.ok) return opened;
    await grantRole(tx, {
      project: id,
      user: ctx.who.user,
      team: ctx.who.team,
      role: 'operator',
      grantedBy: actorId(ctx.who),
    });
    await appendAuditTx(tx, {
      project: id,
      actor: actorId(ctx.who),
      kind: 'project.opened',
      detail: { channel: ctx.channel, name, creatorRole: 'operator', ...slackDetail(ctx.who) },
    });
    return opened;
  });
  if (!outcome.ok) {
    const existing = outcome.existing;
    // A card that never made it to Slack (Slack was down) is posted now instead of refusing.
    if (outcome.reason === 'channel_has_project' && existing.threadTs === null) {
      await setProjectThread(pool, existing.project, await postProjectCard(ctx.client, pool, existing));
      return;
    }
    await ctx.reply(
      outcome.reason === 'channel_has_project'
        ? `This channel already has the project \`${existing.project}\`: see its card, or \`/ferry status\`.`
        : `The project \`${existing.project}\` already belongs to <#${existing.channel}>. Choose another name.`,
    );
    return;
  }
  const ts = await postProjectCard(ctx.client, pool, outcome.project);
  await setProjectThread(pool, id, ts);
}
