import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrationFiles } from '../../../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

describe('migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records every file it applied and applies nothing twice', async () => {
    const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM ferry_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(readMigrationFiles().map((f) => f.name));
    expect(await migrate(db.pool)).toEqual([]);
  });

  it('applies a new numbered file in order, and refuses a database newer than the code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-sql-'));
    for (const file of readMigrationFiles()) writeFileSync(join(dir, file.name), file.sql);
    writeFileSync(join(dir, '900_extra.sql'), 'CREATE TABLE extra_table (id int);');
    expect(await migrate(db.pool, readMigrationFiles(dir))).toEqual(['900_extra.sql']);
    await expect(migrate(db.pool)).rejects.toMatchObject({ code: 'db_newer_than_code' });
  });

  it('rolls back every statement of a failing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-sql-'));
    writeFileSync(join(dir, '950_bad.sql'), 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
    const files = [...readMigrationFiles(), ...readMigrationFiles(dir)];
    await expect(migrate(db.pool, files)).rejects.toThrow(/no_such_table/);
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t");
    expect(rows[0].t).toBeNull();
  });
});
