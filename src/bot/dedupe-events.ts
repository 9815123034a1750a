/**
 * Global middleware: an Events API delivery whose `event_id` was seen before (Slack retries after a slow or lost
 * answer) stops here. Bolt has already acknowledged it, so Slack stops retrying either way.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { Pool } from '../store/db.js';
import { claimEvent } from './store/slack-events.js';

export function dedupeEvents(pool: Pool, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await claimEvent(pool, eventId))) {
      log.info({ eventId }, 'Slack redelivered an event already handled; skipped');
      return;
    }
    await next();
  };
}
