/**
 * Who may do what in a project. Slack's confirmation dialogs and button visibility are client-side only, so every
 * listener checks here, on the server, and every refusal lands in the audit trail.
 */
import { appendAudit } from '../store/audit.js';
import type { Pool } from '../store/db.js';
import { actorId, type SlackActor, slackDetail } from './actor.js';
import { type Role, roleOf } from './store/roles.js';

export type Permission = 'run' | 'rollback' | 'approve' | 'grant' | 'connect' | 'edit' | 'review' | 'audit';

const ALLOWED: Record<Permission, readonly Role[]> = {
  run: ['operator'],
  rollback: ['operator'],
  approve: ['approver'],
  grant: ['operator'],
  connect: ['approver', 'operator'],
  edit: ['approver', 'operator'],
  review: ['approver', 'operator'],
  audit: ['approver', 'operator'],
};

const REFUSAL: Record<Permission, string> = {
  run: 'Only operators can start runs in this project.',
  rollback: 'Only operators can roll back a run in this project.',
  approve: 'Only approvers (the practice) can approve the map of this project.',
  grant: 'Only operators can give roles in this project.',
  connect: 'Only people with a role in this project can connect Pipedrive.',
  edit: 'Only people with a role in this project can change its map.',
  review: 'Only people with a role in this project can ask for the map review.',
  audit: 'Only people with a role in this project can export its audit trail.',
};

export type Authorization = { ok: true; role: Role } | { ok: false; message: string };

/** Pure: does `role` allow `permission`? */
export function allows(role: Role | null, permission: Permission): boolean {
  return role !== null && ALLOWED[permission].includes(role);
}

/** Checks the person's role; a refusal is audited as `<permission>.refused` with what they tried. */
export async function authorize(
  db: { pool: Pool },
  project: string,
  who: SlackActor,
  permission: Permission,
  attempted: Record<string, unknown> = {},
): Promise<Authorization> {
  const role = await roleOf(db.pool, project, who.user);
  if (role !== null && allows(role, permission)) return { ok: true, role };
  await appendAudit(db.pool, {
    project,
    actor: actorId(who),
    kind: `${permission}.refused`,
    detail: { permission, role, ...attempted, ...slackDetail(who) },
  });
  const need = ALLOWED[permission].join(' or ');
  const hint = `An operator can give you a role with \`/ferry role @you ${ALLOWED[permission][0]}\`.`;
  const has =
    role === null ? 'You have no role here' : `You are ${role === 'approver' ? 'an approver' : 'an operator'}`;
  return { ok: false, message: `${REFUSAL[permission]} ${has}; this needs ${need}. ${hint}` };
}
