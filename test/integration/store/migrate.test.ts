import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload } from '../../../src/dentadmin/ingest/ingest-upload.js';
import { migrate, readMigrationFiles } from '../../../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { PATIENTS_NL, writeExport } from '../ingest/fixtures.js';

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

describe('012: defects partitioned by snapshot', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps the defects staged before it, as their snapshots’ partition, and stages new ones beside them', async () => {
    await db.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const files = readMigrationFiles();
    const at = files.findIndex((f) => f.name.startsWith('012_'));
    await migrate(db.pool, files.slice(0, at));
    await db.pool.query(`
      INSERT INTO projects (id, name) VALUES ('p', 'p');
      INSERT INTO snapshots (id, project_id, status) VALUES (1, 'p', 'staged'), (2, 'p', 'staged');
      INSERT INTO snapshot_files (id, snapshot_id, file_name, headers, column_keys) VALUES (1, 1, 'a.csv', '[]', '[]'), (2, 2, 'b.csv', '[]', '[]');
      INSERT INTO defects (snapshot_id, file_id, entity, record_key, line, code, severity, message)
        VALUES (1, 1, 'patients', '1001', 2, 'insz_invalid', 'error', 'one'), (2, 2, 'patients', '1002', 3, 'email_invalid', 'warning', 'two');
      SELECT setval('snapshots_id_seq', 2), setval('snapshot_files_id_seq', 2);`);

    expect(await migrate(db.pool, files)).toEqual(files.slice(at).map((f) => f.name));
    const { rows } = await db.pool.query('SELECT id, snapshot_id, message FROM defects ORDER BY id');
    expect(rows).toEqual([
      { id: 1, snapshot_id: 1, message: 'one' },
      { id: 2, snapshot_id: 2, message: 'two' },
    ]);
    const { rows: partitions } = await db.pool.query(
      "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'defects'::regclass",
    );
    expect(partitions).toEqual([{ relname: 'defects_before_012', bound: "FOR VALUES IN ('1', '2')" }]);

    // A snapshot staged now gets a partition of its own, and its defects ids go on from the old ones.
    const dir = writeExport({ 'patienten.csv': PATIENTS_NL });
    const report = await ingestUpload(db.pool, {
      project: 'p',
      paths: [dir],
      maxDocumentBytes: 1024 * 1024,
      exportDate: '2025-11-01',
    });
    expect(report.status).toBe('staged');
    expect(report.defects.length).toBeGreaterThan(0);
    const { rows: fresh } = await db.pool.query<{ n: number; first: number }>(
      `SELECT count(*)::int AS n, min(id) AS first FROM defects_s${report.snapshot}`,
    );
    expect(fresh[0]).toEqual({ n: report.defects.length, first: 3 });
    // Deleting a snapshot still takes its defects with it, in the old partition as in a new one.
    await db.pool.query('DELETE FROM snapshots WHERE id IN (1, $1)', [report.snapshot]);
    const { rows: left } = await db.pool.query('SELECT snapshot_id FROM defects');
    expect(left).toEqual([{ snapshot_id: 2 }]);
  });
});
