/** The bot's own messages it edits later: a run's progress message and a map version's review buttons. */
import type { Queryable } from '../../store/db.js';

export interface MessageRef {
  channel: string;
  ts: string;
}

export async function findRunMessage(db: Queryable, runId: number): Promise<MessageRef | null> {
  const { rows } = await db.query<{ channel_id: string; ts: string }>(
    'SELECT channel_id, ts FROM slack_run_messages WHERE run_id = $1',
    [runId],
  );
  return rows[0] === undefined ? null : { channel: rows[0].channel_id, ts: rows[0].ts };
}

export async function saveRunMessage(db: Queryable, runId: number, ref: MessageRef): Promise<void> {
  await db.query(
    `INSERT INTO slack_run_messages (run_id, channel_id, ts) VALUES ($1, $2, $3)
     ON CONFLICT (run_id) DO UPDATE SET channel_id = EXCLUDED.channel_id, ts = EXCLUDED.ts`,
    [runId, ref.channel, ref.ts],
  );
}

export interface MapReviewRef extends MessageRef {
  version: number;
  hash: string;
}

export async function saveMapReview(db: Queryable, project: string, review: MapReviewRef): Promise<void> {
  await db.query(
    `INSERT INTO slack_map_reviews (project_id, version, hash, channel_id, ts) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (project_id, version) DO UPDATE SET hash = EXCLUDED.hash, channel_id = EXCLUDED.channel_id,
       ts = EXCLUDED.ts, posted_at = now()`,
    [project, review.version, review.hash, review.channel, review.ts],
  );
}

/**
 * Forgets the review messages of versions other than `keepVersion` and returns them, newest first: their buttons
 * are stale and get retired once (a version approved or superseded never needs its buttons again).
 */
export async function takeStaleMapReviews(
  db: Queryable,
  project: string,
  keepVersion: number,
): Promise<MapReviewRef[]> {
  const { rows } = await db.query<{ version: number; hash: string; channel_id: string; ts: string }>(
    `DELETE FROM slack_map_reviews WHERE project_id = $1 AND version <> $2
     RETURNING version, hash, channel_id, ts`,
    [project, keepVersion],
  );
  return rows
    .map((r) => ({ version: r.version, hash: r.hash, channel: r.channel_id, ts: r.ts }))
    .sort((a, b) => b.version - a.version);
}

/** Forgets one version's review message (its buttons were just retired). */
export async function forgetMapReview(db: Queryable, project: string, version: number): Promise<void> {
  await db.query('DELETE FROM slack_map_reviews WHERE project_id = $1 AND version = $2', [project, version]);
}
