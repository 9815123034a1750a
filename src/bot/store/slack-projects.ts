/** Which channel and thread a project lives in. One project per channel; the project card starts the thread. */
import type { Queryable } from '../../store/db.js';

export interface SlackProject {
  project: string;
  name: string;
  channel: string;
  /** The project card's ts (the thread's parent); null until the card is posted. */
  threadTs: string | null;
  createdByUser: string;
  createdByTeam: string | null;
}

interface Row {
  project_id: string;
  name: string;
  channel_id: string;
  thread_ts: string | null;
  created_by_user: string;
  created_by_team: string | null;
}

const SELECT = `SELECT s.project_id, p.name, s.channel_id, s.thread_ts, s.created_by_user, s.created_by_team
  FROM slack_projects s JOIN projects p ON p.id = s.project_id`;

function toProject(row: Row): SlackProject {
  return {
    project: row.project_id,
    name: row.name,
    channel: row.channel_id,
    threadTs: row.thread_ts,
    createdByUser: row.created_by_user,
    createdByTeam: row.created_by_team,
  };
}

export async function findProjectByChannel(db: Queryable, channel: string): Promise<SlackProject | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE s.channel_id = $1`, [channel]);
  return rows[0] === undefined ? null : toProject(rows[0]);
}

export async function findSlackProject(db: Queryable, project: string): Promise<SlackProject | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE s.project_id = $1`, [project]);
  return rows[0] === undefined ? null : toProject(rows[0]);
}

export interface OpenProjectRequest {
  id: string;
  name: string;
  channel: string;
  user: string;
  team: string | null;
}

export type OpenProjectOutcome =
  | { ok: true; project: SlackProject }
  | { ok: false; reason: 'channel_has_project' | 'project_in_other_channel'; existing: SlackProject };

/**
 * Binds a project to a channel, creating the project when it does not exist (a project first ingested from the
 * CLI may be bound later). Run inside a transaction: the caller grants the creator's role in the same one.
 */
export async function openProject(tx: Queryable, request: OpenProjectRequest): Promise<OpenProjectOutcome> {
  const inChannel = await findProjectByChannel(tx, request.channel);
  if (inChannel) return { ok: false, reason: 'channel_has_project', existing: inChannel };
  const elsewhere = await findSlackProject(tx, request.id);
  if (elsewhere) return { ok: false, reason: 'project_in_other_channel', existing: elsewhere };
  await tx.query('INSERT INTO projects (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
    request.id,
    request.name,
  ]);
  await tx.query(
    `INSERT INTO slack_projects (project_id, channel_id, created_by_user, created_by_team) VALUES ($1, $2, $3, $4)`,
    [request.id, request.channel, request.user, request.team],
  );
  const project = await findSlackProject(tx, request.id);
  return { ok: true, project: project! };
}

/** Records the card's ts once it is posted: from then on it is the project thread. */
export async function setProjectThread(db: Queryable, project: string, threadTs: string): Promise<void> {
  await db.query('UPDATE slack_projects SET thread_ts = $2 WHERE project_id = $1', [project, threadTs]);
}
