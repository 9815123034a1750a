/**
 * Applies the numbered SQL files in sql/ (001_x.sql, 002_y.sql, …) in order, one transaction each,
 * under an advisory lock so concurrent starts are safe. Refuses a database that is newer than the code.
 * pg-boss keeps its own schema; these files never touch it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/errors.js';
import { type Pool, withTransaction } from './db.js';

// Works from src/store (tests) and dist/store (built): both are two levels below the project root.
export const SQL_DIR = fileURLToPath(new URL('../../sql', import.meta.url));
const LOCK_KEY = 7_462_019; // arbitrary constant: "ferry migrations"

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrationFiles(dir = SQL_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Returns the names of the files it applied (empty when the schema was current). */
export async function migrate(pool: Pool, files = readMigrationFiles()): Promise<string[]> {
  return withTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ferry_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM ferry_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...files.map((file) => file.version));
    const unknown = rows.filter((row) => row.version > newest);
    if (unknown.length > 0) {
      throw new AppError(
        'db_newer_than_code',
        `The database has schema version ${Math.max(...unknown.map((r) => r.version))}, newer than this Ferry (${newest}). Upgrade Ferry.`,
      );
    }
    const done: string[] = [];
    for (const file of files.filter((f) => !applied.has(f.version))) {
      // All pending files run in one transaction: a failing file leaves the schema exactly as it was.
      await tx.query(file.sql);
      await tx.query('INSERT INTO ferry_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      done.push(file.name);
    }
    return done;
  });
}
