/** Gives a test file its own database cloned from the migrated template; dropped after the file unless it failed. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Pool } from '../../src/store/db.js';
import { ensureProject } from '../../src/store/projects.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  url: string;
  name: string;
  pool: Pool;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `ferry_t_${randomBytes(6).toString('hex')}`;
  // Two files cloning the same template at the same instant can collide; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const url = withDatabase(inject('adminUrl'), name);
  const pool = createPool(url, 5);
  return {
    url,
    name,
    pool,
    drop: async () => {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A project `p1` with one full run, for tests of engine steps that need a run to write under; its id. */
export async function projectWithRun(db: TestDatabase): Promise<number> {
  await ensureProject(db.pool, 'p1');
  const { rows } = await db.pool.query<{ id: number }>(
    "INSERT INTO runs (project_id, kind, actor) VALUES ('p1', 'full', 'test') RETURNING id",
  );
  return rows[0]!.id;
}
