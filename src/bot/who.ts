/**
 * Who sent a message event. Thread replies carry the sender's workspace (`user_team`); file shares often do not,
 * and in a Slack Connect channel the envelope's team is the bot's, not the sender's, so users.info tells.
 */
import type { Logger } from '../log.js';
import type { SlackActor } from './actor.js';
import { slackErrorCode } from './failures.js';
import type { WebClient } from './thread.js';

export async function messageActor(
  client: WebClient,
  event: { user: string; user_team?: string; team?: string },
  log: Logger,
): Promise<SlackActor> {
  const team = event.user_team ?? event.team;
  if (team !== undefined) return { user: event.user, team };
  try {
    const info = await client.users.info({ user: event.user });
    return { user: event.user, team: info.user?.team_id ?? null };
  } catch (error) {
    log.warn({ err: slackErrorCode(error) }, 'users.info failed; actor recorded without a team');
    return { user: event.user, team: null };
  }
}
