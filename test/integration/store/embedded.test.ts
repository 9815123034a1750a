import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canConnect } from '../../../src/store/db.js';
import { startEmbeddedPostgres } from '../../../src/store/embedded.js';
import { openDatabase } from '../../../src/store/open.js';

describe('embedded Postgres (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ferry-embedded-'));
  // As root, the server runs as the `postgres` OS user, which must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  // Below Linux's ephemeral range (32768–60999): a port there can be taken by any test's client connection or
  // port-0 server, and the server then fails to start (seen once under the full suite, port 57428).
  const port = 21_000 + Math.floor(Math.random() * 2000);
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('leaves a process its exit code once the package is loaded (it would end every process with exit 0)', () => {
    const module = pathToFileURL(resolve('dist/store/embedded.js')).href;
    const script = `const { loadEmbeddedPostgres } = await import('${module}'); await loadEmbeddedPostgres(); process.exitCode = 3;`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });

  it('initialises, starts and migrates a database under the data folder', async () => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir, embeddedPgPort: port });
    cleanups.push(() => db.close());
    expect(db.embedded).toBe(true);
    const { rows } = await db.pool.query("SELECT to_regclass('staged_rows') AS t");
    expect(rows[0].t).toBe('staged_rows');
  });

  it('reuses a server that is already running on its port (left by a killed process)', async () => {
    const again = await startEmbeddedPostgres(dataDir, port);
    await again.stop(); // not ours: must not stop the running server
    expect(await canConnect(again.url)).toBe(true);
  });

  it('starts after a crash left a stale postmaster.pid behind', async () => {
    const first = cleanups.pop()!;
    await first();
    expect(await canConnect(`postgres://postgres:ferry-local@127.0.0.1:${port}/ferry`)).toBe(false);
    writeFileSync(join(dataDir, 'pg', 'postmaster.pid'), '999999\n/tmp\n');
    const db = await openDatabase({ databaseUrl: undefined, dataDir, embeddedPgPort: port });
    cleanups.push(() => db.close());
    expect((await db.pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
