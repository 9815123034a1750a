/** The Pipedrive connection of a project: where, which company, which plan, and the token sealed at rest. */
import type { SecretBox } from '../security/secret-box.js';
import type { Queryable } from './db.js';

export type Plan = 'lite' | 'growth' | 'premium' | 'ultimate';

export interface StoredConnection {
  project: string;
  baseUrl: string;
  companyId: number | null;
  companyName: string | null;
  companyDomain: string | null;
  userId: number | null;
  tokenLast4: string;
  plan: Plan;
  seats: number;
  topUpTokens: number;
  reservePct: number;
}

export interface NewConnection extends Omit<StoredConnection, 'tokenLast4'> {
  token: string;
}

export async function saveConnection(db: Queryable, box: SecretBox, connection: NewConnection): Promise<void> {
  await db.query(
    `INSERT INTO connections (project_id, base_url, company_id, company_name, company_domain, user_id,
       token_sealed, token_last4, plan, seats, top_up_tokens, reserve_pct)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (project_id) DO UPDATE SET base_url = EXCLUDED.base_url, company_id = EXCLUDED.company_id,
       company_name = EXCLUDED.company_name, company_domain = EXCLUDED.company_domain, user_id = EXCLUDED.user_id,
       token_sealed = EXCLUDED.token_sealed, token_last4 = EXCLUDED.token_last4, plan = EXCLUDED.plan,
       seats = EXCLUDED.seats, top_up_tokens = EXCLUDED.top_up_tokens, reserve_pct = EXCLUDED.reserve_pct,
       connected_at = now()`,
    [
      connection.project,
      connection.baseUrl,
      connection.companyId,
      connection.companyName,
      connection.companyDomain,
      connection.userId,
      box.seal(connection.token),
      connection.token.slice(-4),
      connection.plan,
      connection.seats,
      connection.topUpTokens,
      connection.reservePct,
    ],
  );
}

interface ConnectionRow {
  project_id: string;
  base_url: string;
  company_id: number | null;
  company_name: string | null;
  company_domain: string | null;
  user_id: number | null;
  token_sealed: string;
  token_last4: string;
  plan: Plan;
  seats: number;
  top_up_tokens: number;
  reserve_pct: number;
}

function toStored(row: ConnectionRow): StoredConnection {
  return {
    project: row.project_id,
    baseUrl: row.base_url,
    companyId: row.company_id,
    companyName: row.company_name,
    companyDomain: row.company_domain,
    userId: row.user_id,
    tokenLast4: row.token_last4,
    plan: row.plan,
    seats: row.seats,
    topUpTokens: row.top_up_tokens,
    reservePct: row.reserve_pct,
  };
}

/** The connection without its token (safe to show), or null when the project has none. */
export async function findConnection(db: Queryable, project: string): Promise<StoredConnection | null> {
  const { rows } = await db.query<ConnectionRow>('SELECT * FROM connections WHERE project_id = $1', [project]);
  return rows[0] === undefined ? null : toStored(rows[0]);
}

/** The connection with its token decrypted, for the code that calls Pipedrive. */
export async function loadConnection(
  db: Queryable,
  box: SecretBox,
  project: string,
): Promise<(StoredConnection & { token: string }) | null> {
  const { rows } = await db.query<ConnectionRow>('SELECT * FROM connections WHERE project_id = $1', [project]);
  const row = rows[0];
  return row === undefined ? null : { ...toStored(row), token: box.open(row.token_sealed) };
}
