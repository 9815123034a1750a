import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, readAudit, verifyChain } from '../../../src/store/audit.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

describe('audit trail', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('chains rows per project and verifies them', async () => {
    await appendAudit(db.pool, { project: 'p1', actor: 'cli:ana', kind: 'map.approved', detail: { version: 1 } });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appendAudit(db.pool, { project: 'p1', actor: 'worker', kind: 'api.write', detail: { n: i } }),
      ),
    );
    await appendAudit(db.pool, { project: 'p2', actor: 'cli:bob', kind: 'run.started', detail: {} });
    const rows = await readAudit(db.pool, 'p1');
    expect(rows).toHaveLength(11);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: 11 });
    expect(verifyChain(await readAudit(db.pool, 'p2')).ok).toBe(true);
  });

  it('refuses updates and deletes', async () => {
    await expect(db.pool.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects a row edited behind the trigger', async () => {
    const before = await readAudit(db.pool, 'p1');
    const victim = before[4]!;
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.pool.query(`UPDATE audit_log SET detail = '{"n": 999}' WHERE id = $1`, [victim.id]);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    expect(verifyChain(await readAudit(db.pool, 'p1'))).toMatchObject({ ok: false, brokenAt: victim.id });
  });
});
