/** `/ferry audit`: verifies the hash chain and posts a summary and the whole trail as a CSV in the thread. */
import { appendAudit, readAudit, verifyChain } from '../../store/audit.js';
import { actorId, slackDetail } from '../actor.js';
import { auditCsvRows, buildAuditSummary } from '../blocks/audit.js';
import { toExcelCsv } from '../csv.js';
import { authorize } from '../permissions.js';
import { postInThread, threadOf, uploadToThread } from '../thread.js';
import { type CommandContext, requireProject } from './context.js';

export async function auditCommand(ctx: CommandContext): Promise<void> {
  const project = await requireProject(ctx);
  if (project === null) return;
  const auth = await authorize(ctx.deps, project.project, ctx.who, 'audit');
  if (!auth.ok) {
    await ctx.reply(auth.message);
    return;
  }
  const thread = threadOf(project);
  if (thread === null) {
    await ctx.reply('The project card is missing: run `/ferry new` again in this channel to post it.');
    return;
  }
  const rows = await readAudit(ctx.deps.pool, project.project);
  const check = verifyChain(rows);
  await postInThread(ctx.client, thread, buildAuditSummary(project.project, rows, check));
  const stamp = new Date().toISOString().slice(0, 10);
  await uploadToThread(ctx.client, thread, {
    filename: `audit-${project.project}-${stamp}.csv`,
    title: `Audit trail of ${project.project}`,
    content: toExcelCsv(auditCsvRows(rows)),
  });
  await appendAudit(ctx.deps.pool, {
    project: project.project,
    actor: actorId(ctx.who),
    kind: 'audit.exported',
    detail: { rows: check.rows, intact: check.ok, lastHash: rows.at(-1)?.hash ?? null, ...slackDetail(ctx.who) },
  });
}
