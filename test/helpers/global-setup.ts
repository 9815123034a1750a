/**
 * Finds a real Postgres for the suite — DATABASE_URL when set, else 127.0.0.1:5432 when it answers,
 * else an embedded server in a temp folder — and builds a template database with Ferry's schema,
 * from which every test file clones its own database (so files run in parallel).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { canConnect, createPool } from '../../src/store/db.js';
import { loadEmbeddedPostgres } from '../../src/store/embedded.js';
import { migrate } from '../../src/store/migrate.js';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL whose database may run CREATE DATABASE. */
    adminUrl: string;
    templateDatabase: string;
  }
}

async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-test-pg-'));
  // Below Linux's ephemeral range (32768–60999), where client connections and port-0 servers could take it.
  const port = 23_000 + Math.floor(Math.random() * 2000);
  // Through Ferry's loader: a plain import of the package makes vitest exit 0 whatever failed (see there).
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:test@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Tests that start `ferry` processes (workers) run the built CLI: build it once, before any file runs.
 * tsc still emits when it finds type errors; those fail `npm test` in its own type-check step.
 */
function buildCli(): void {
  spawnSync(process.execPath, ['bin/build.mjs'], { stdio: 'inherit' });
  if (!existsSync('dist/cli/main.js')) throw new Error('building dist/ failed');
}

export default async function setup(project: TestProject) {
  buildCli();
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (adminUrl === undefined || adminUrl === '') {
    // FERRY_TEST_PG=embedded forces the embedded server, to prove the suite runs with no Postgres installed.
    if (process.env.FERRY_TEST_PG !== 'embedded' && (await canConnect(LOCAL_URL))) {
      adminUrl = LOCAL_URL;
    } else {
      const embedded = await startEmbedded();
      adminUrl = embedded.url;
      stop = embedded.stop;
    }
  }
  const templateDatabase = `ferry_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  const pool = createPool(templateUrl, 2);
  await migrate(pool);
  await pool.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`).catch(() => {});
    await admin.end();
    await stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
