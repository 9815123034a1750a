/**
 * Providers (DentAdmin user codes such as `TDM`) → existing Pipedrive users, by e-mail. Ferry never creates
 * users (a user is a paid seat). Codes set by hand (`ferry owners --set CODE=EMAIL`) win over the e-mail match;
 * a fallback owner catches the rest. A run is blocked while a provider has neither.
 */
import type { MapDocument } from '../mapping/document.js';
import type { PipedriveClient } from '../pipedrive/client.js';
import type { Pool, Queryable } from '../store/db.js';
import { stagedFiles, stagedRows } from '../store/staged.js';

export interface ProviderOwner {
  code: string;
  email: string | null;
  userId: number | null;
  /** The matched Pipedrive user is deactivated: activities can't be assigned to them in the UI. */
  inactive: boolean;
  setByHand: boolean;
}

export interface OwnerResolution {
  providers: ProviderOwner[];
  unmatched: ProviderOwner[];
  fallbackUserId: number | null;
}

/** The users file's e-mail header, per the map (the rule that targets `user.email`). */
function emailHeader(map: Pick<MapDocument, 'objects'>): string | undefined {
  const users = map.objects.find((o) => o.source === 'users');
  return users?.rules.find((rule) => rule.to === 'user.email')?.from[0];
}

/** Reads the providers of the snapshot, matches them to Pipedrive users and stores the result. */
export async function resolveOwners(
  pool: Pool,
  client: PipedriveClient,
  project: string,
  snapshotId: number,
  map: Pick<MapDocument, 'objects'>,
): Promise<OwnerResolution> {
  const header = emailHeader(map);
  const usersFile = (await stagedFiles(pool, snapshotId)).find((f) => f.entity === 'users');
  const rows = usersFile === undefined ? [] : await stagedRows(pool, usersFile);
  const pipedriveUsers = await client.users.list();
  const byEmail = new Map(pipedriveUsers.map((u) => [String(u.email).toLowerCase(), u]));
  const manual = await manualOwners(pool, project);
  for (const row of rows) {
    if (manual.has(row.key)) continue;
    const email = header === undefined ? null : row.cells.get(header)?.trim().toLowerCase() || null;
    const user = email === null ? undefined : byEmail.get(email);
    await pool.query(
      `INSERT INTO provider_owners (project_id, provider_code, email, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id, provider_code) DO UPDATE SET email = $3, user_id = $4
       WHERE provider_owners.set_by IS NULL`,
      [project, row.key, email, user?.id ?? null],
    );
  }
  return readOwners(pool, project, new Set(pipedriveUsers.filter((u) => u.active_flag === false).map((u) => u.id)));
}

async function manualOwners(db: Queryable, project: string): Promise<Set<string>> {
  const { rows } = await db.query<{ provider_code: string }>(
    'SELECT provider_code FROM provider_owners WHERE project_id = $1 AND set_by IS NOT NULL',
    [project],
  );
  return new Set(rows.map((r) => r.provider_code));
}

export async function readOwners(
  db: Queryable,
  project: string,
  inactiveIds: ReadonlySet<number> = new Set(),
): Promise<OwnerResolution> {
  const { rows } = await db.query<{
    provider_code: string;
    email: string | null;
    user_id: number | null;
    set_by: string | null;
  }>('SELECT provider_code, email, user_id, set_by FROM provider_owners WHERE project_id = $1 ORDER BY provider_code', [
    project,
  ]);
  const settings = await db.query<{ fallback_owner_id: number | null }>(
    'SELECT fallback_owner_id FROM project_settings WHERE project_id = $1',
    [project],
  );
  const providers = rows.map((r) => ({
    code: r.provider_code,
    email: r.email,
    userId: r.user_id,
    inactive: r.user_id !== null && inactiveIds.has(r.user_id),
    setByHand: r.set_by !== null,
  }));
  return {
    providers,
    unmatched: providers.filter((p) => p.userId === null),
    fallbackUserId: settings.rows[0]?.fallback_owner_id ?? null,
  };
}

/** `ferry owners --set CODE=EMAIL`: pins a provider to the Pipedrive user with that e-mail. */
export async function setOwner(
  db: Queryable,
  project: string,
  code: string,
  email: string,
  userId: number,
  actor: string,
) {
  await db.query(
    `INSERT INTO provider_owners (project_id, provider_code, email, user_id, set_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (project_id, provider_code) DO UPDATE SET email = $3, user_id = $4, set_by = $5`,
    [project, code, email.toLowerCase(), userId, actor],
  );
}

export async function setFallbackOwner(db: Queryable, project: string, email: string, userId: number) {
  await db.query(
    `INSERT INTO project_settings (project_id, fallback_owner_email, fallback_owner_id) VALUES ($1, $2, $3)
     ON CONFLICT (project_id) DO UPDATE SET fallback_owner_email = $2, fallback_owner_id = $3`,
    [project, email.toLowerCase(), userId],
  );
}

/** Provider code → Pipedrive user id, falling back to the project's fallback owner. */
export function ownerLookup(resolution: OwnerResolution): (code: string) => number | undefined {
  const byCode = new Map(resolution.providers.map((p) => [p.code, p.userId]));
  return (code) => byCode.get(code) ?? resolution.fallbackUserId ?? undefined;
}
