/** Slack redelivers events it believes were missed; each `event_id` is handled once, across bot processes. */
import type { Queryable } from '../../store/db.js';

/** True the first time an event id is seen, false for a redelivery. */
export async function claimEvent(db: Queryable, eventId: string): Promise<boolean> {
  const { rowCount } = await db.query('INSERT INTO slack_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [
    eventId,
  ]);
  return rowCount === 1;
}

/** Slack stops retrying within the hour; a day of ids is plenty. Returns how many were removed. */
export async function forgetOldEvents(db: Queryable, olderThanHours = 24): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM slack_events WHERE received_at < now() - make_interval(hours => $1)`,
    [olderThanHours],
  );
  return rowCount ?? 0;
}
