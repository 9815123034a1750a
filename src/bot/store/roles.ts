/** Roles per project: approvers (the practice) approve maps; operators (engineers) start runs and rollbacks. */
import type { Queryable } from '../../store/db.js';

export const ROLES = ['approver', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

export interface RoleGrant {
  project: string;
  user: string;
  team: string | null;
  role: Role;
  /** `slack:<user>@<team>` of the granter. */
  grantedBy: string;
}

/** Gives `user` this role in the project (one role per person: a new grant replaces the old one). */
export async function grantRole(db: Queryable, grant: RoleGrant): Promise<Role | null> {
  const { rows } = await db.query<{ previous: Role | null }>(
    `WITH previous AS (SELECT role FROM project_roles WHERE project_id = $1 AND slack_user_id = $2)
     INSERT INTO project_roles (project_id, slack_user_id, slack_team_id, role, granted_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (project_id, slack_user_id) DO UPDATE SET role = EXCLUDED.role,
       slack_team_id = COALESCE(EXCLUDED.slack_team_id, project_roles.slack_team_id),
       granted_by = EXCLUDED.granted_by, granted_at = now()
     RETURNING (SELECT role FROM previous) AS previous`,
    [grant.project, grant.user, grant.team, grant.role, grant.grantedBy],
  );
  return rows[0]?.previous ?? null;
}

export async function roleOf(db: Queryable, project: string, user: string): Promise<Role | null> {
  const { rows } = await db.query<{ role: Role }>(
    'SELECT role FROM project_roles WHERE project_id = $1 AND slack_user_id = $2',
    [project, user],
  );
  return rows[0]?.role ?? null;
}

export interface RoleHolder {
  user: string;
  team: string | null;
  role: Role;
}

export async function listRoles(db: Queryable, project: string): Promise<RoleHolder[]> {
  const { rows } = await db.query<{ slack_user_id: string; slack_team_id: string | null; role: Role }>(
    'SELECT slack_user_id, slack_team_id, role FROM project_roles WHERE project_id = $1 ORDER BY role, granted_at',
    [project],
  );
  return rows.map((r) => ({ user: r.slack_user_id, team: r.slack_team_id, role: r.role }));
}
