/**
 * `/ferry role @person approver|operator`: operators give roles. The manifest escapes mentions
 * (`should_escape: true`), so the person arrives as `<@U123|name>` with a stable user id.
 */
import { appendAuditTx } from '../../store/audit.js';
import { withTransaction } from '../../store/db.js';
import { actorId, slackDetail } from '../actor.js';
import { mention, textMessage } from '../blocks/kit.js';
import { slackErrorCode } from '../failures.js';
import { authorize } from '../permissions.js';
import { refreshProjectCard } from '../project-card.js';
import { grantRole, isRole, listRoles } from '../store/roles.js';
import { postInThread, threadOf } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

const USAGE = 'Write `/ferry role @person approver` (the practice) or `/ferry role @person operator` (engineers).';

/** `<@U123|jane>` or `<@U123>` → `U123`. */
export function mentionedUser(text: string | undefined): string | null {
  const m = /^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$/.exec(text ?? '');
  return m?.[1] ?? null;
}

async function homeTeamOf(ctx: CommandContext, user: string): Promise<string | null> {
  try {
    const info = await ctx.client.users.info({ user });
    return info.user?.team_id ?? null;
  } catch (error) {
    ctx.deps.log.warn({ err: slackErrorCode(error) }, 'users.info failed; role recorded without a team');
    return null;
  }
}

export async function roleCommand(ctx: CommandContext): Promise<void> {
  const project = await requireProject(ctx);
  if (project === null) return;
  const [who, roleWord] = ctx.args;
  const user = mentionedUser(who);
  const role = roleWord?.toLowerCase() ?? '';
  if (user === null || !isRole(role)) {
    await ctx.reply(USAGE);
    return;
  }
  const auth = await authorize(ctx.deps, project.project, ctx.who, 'grant', { grantee: user, role });
  if (!auth.ok) {
    await ctx.reply(auth.message);
    return;
  }
  const operators = (await listRoles(ctx.deps.pool, project.project)).filter((r) => r.role === 'operator');
  if (role !== 'operator' && operators.length === 1 && operators[0]!.user === user) {
    await ctx.reply('That would leave the project without an operator. Make someone else an operator first.');
    return;
  }
  const team = await homeTeamOf(ctx, user);
  const previous = await withTransaction(ctx.deps.pool, async (tx) => {
    const before = await grantRole(tx, { project: project.project, user, team, role, grantedBy: actorId(ctx.who) });
    await appendAuditTx(tx, {
      project: project.project,
      actor: actorId(ctx.who),
      kind: 'role.granted',
      detail: { grantee: { user, team }, role, previous: before, ...slackDetail(ctx.who) },
    });
    return before;
  });
  const was = previous !== null && previous !== role ? ` (was ${previous})` : '';
  const text = `${mention(user)} is now ${role === 'approver' ? 'an approver' : 'an operator'}${was}, given by ${mention(ctx.who.user)}.`;
  const thread = threadOf(project);
  if (thread) await postInThread(ctx.client, thread, textMessage(text));
  else await ctx.reply(text);
  await refreshProjectCard(ctx.client, ctx.deps.pool, project.project, ctx.deps.log);
}
