/** Posting the project card and keeping it current: after each change, the card is edited in place. */
import type { Logger } from '../log.js';
import type { Queryable } from '../store/db.js';
import { buildProjectCard } from './blocks/project-card.js';
import { slackErrorCode } from './failures.js';
import { loadProjectFacts } from './store/project-facts.js';
import { findSlackProject, type SlackProject } from './store/slack-projects.js';
import type { WebClient } from './thread.js';

/** Posts the card in the channel (not in a thread: it starts the project thread) and returns its ts. */
export async function postProjectCard(client: WebClient, db: Queryable, project: SlackProject): Promise<string> {
  const card = buildProjectCard(await loadProjectFacts(db, project.project, project.name));
  const result = await client.chat.postMessage({ channel: project.channel, text: card.text, blocks: card.blocks });
  if (result.ts === undefined) throw new Error('Slack returned no ts for the project card');
  return result.ts;
}

/** Rebuilds the card from the database. A failure is logged, never thrown: the card is a view, not the state. */
export async function refreshProjectCard(
  client: WebClient,
  db: Queryable,
  project: string,
  log: Logger,
): Promise<void> {
  try {
    const found = await findSlackProject(db, project);
    if (found?.threadTs == null) return;
    const card = buildProjectCard(await loadProjectFacts(db, project, found.name));
    await client.chat.update({ channel: found.channel, ts: found.threadTs, text: card.text, blocks: card.blocks });
  } catch (error) {
    log.warn({ project, err: slackErrorCode(error) }, 'project card not refreshed');
  }
}
