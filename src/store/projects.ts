/** Projects: one per practice migration, keyed by a slug chosen by the engineer (`ferry ingest --project`). */
import type { Queryable } from './db.js';

/** The slug rule of `projects.id` (same as the table's CHECK constraint). */
export const PROJECT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isValidProjectId(id: string): boolean {
  return PROJECT_ID_PATTERN.test(id);
}

/** Creates the project when it does not exist yet (its name starts as its id). */
export async function ensureProject(db: Queryable, id: string): Promise<void> {
  await db.query('INSERT INTO projects (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING', [id]);
}
