/** Everything the project card shows, read in one place (snapshots, connection, map, runs). */

import { latestRuns } from '../../migration/runs.js';
import { findConnection } from '../../store/connections.js';
import type { Queryable } from '../../store/db.js';
import { latestMap } from '../../store/maps.js';
import type { ProjectFacts } from '../blocks/project-card.js';

async function latestSnapshot(db: Queryable, project: string): Promise<ProjectFacts['snapshot']> {
  const { rows } = await db.query<{ id: number; status: 'staged' | 'refused'; files: number; rows: number }>(
    `SELECT s.id, s.status,
            count(f.id) FILTER (WHERE f.error IS NULL AND f.entity IS NOT NULL)::int AS files,
            coalesce(sum(f.rows) FILTER (WHERE f.error IS NULL), 0)::int AS rows
       FROM snapshots s LEFT JOIN snapshot_files f ON f.snapshot_id = s.id
      WHERE s.project_id = $1 GROUP BY s.id ORDER BY s.id DESC LIMIT 1`,
    [project],
  );
  return rows[0] ?? null;
}

export async function loadProjectFacts(db: Queryable, project: string, name: string): Promise<ProjectFacts> {
  // One after the other: `db` may be a single client, which runs one query at a time anyway.
  const snapshot = await latestSnapshot(db, project);
  const connection = await findConnection(db, project);
  const map = await latestMap(db, project);
  const runs = await latestRuns(db, project, 20);
  return {
    project,
    name,
    snapshot,
    connection: connection && { companyName: connection.companyName, tokenLast4: connection.tokenLast4 },
    map: map && { version: map.document.version, status: map.document.status, hash: map.document.hash },
    runs: runs.map((r) => ({ id: r.id, kind: r.kind, status: r.status })),
  };
}
