/**
 * `npm run demo`, the README's quick start, through the CLI on real Postgres: every step of the migration
 * succeeds on a small generated practice, Pipedrive ends as it began, and no token appears in the output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferry } from '../../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

describe('ferry demo', { timeout: 120_000 }, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('runs the whole migration and ends with Pipedrive as before, showing tokens only by their last four', async () => {
    const env = {
      DATABASE_URL: db.url,
      FERRY_DATA_DIR: mkdtempSync(join(tmpdir(), 'ferry-demo-')),
      LOG_LEVEL: 'silent',
    };
    const result = await ferry(['demo', '--patients', '40', '--seed', '3'], env);
    expect(result.code, result.err).toBe(0);
    const summary = result.err.slice(result.err.lastIndexOf('Summary'));
    expect(summary.match(/^ {2}ok {3}/gm)).toHaveLength(10);
    expect(summary).toMatch(/rollback\s+\d+ deleted, \d+ restored; Pipedrive as before/);
    expect(result.err).toMatch(/--token …[0-9a-f]{4} /);
    expect(result.err).not.toMatch(/--token [0-9a-f]{8,}/);
  });
});
