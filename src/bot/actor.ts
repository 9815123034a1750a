/**
 * Who did something in Slack: a user id and their home workspace. A Slack Connect channel joins the practice's
 * workspace and the engineers', so the team id is part of every decision the audit trail records.
 */
export interface SlackActor {
  user: string;
  /** The user's home workspace; null when the payload did not carry it. */
  team: string | null;
}

/** The audit trail's actor string: `slack:<user>@<team>`. */
export function actorId(who: SlackActor): string {
  return `slack:${who.user}@${who.team ?? 'unknown'}`;
}

/** The `slack` part of an audit detail, so a reader can filter decisions by user and workspace. */
export function slackDetail(who: SlackActor): { slack: { user: string; team: string | null } } {
  return { slack: { user: who.user, team: who.team } };
}
