/** One pre-existing Pipedrive person is linked to one patient, even when two claim it at the same moment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRemote } from '../../../src/migration/link-existing.js';
import { completeRecord } from '../../../src/store/records.js';
import { createTestDatabase, projectWithRun, type TestDatabase } from '../../helpers/db.js';

describe('claimRemote', () => {
  let db: TestDatabase;
  let runId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    runId = await projectWithRun(db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('gives a person to exactly one of several patients claiming it at once, and again to the same one', async () => {
    const claims = await Promise.all(
      ['patients:1', 'patients:2', 'patients:3', 'patients:4'].map((key) =>
        claimRemote(db.pool, 'p1', 'person', 41, key),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `patients:${claims.indexOf(true) + 1}`;
    expect(await claimRemote(db.pool, 'p1', 'person', 41, winner)).toBe(true); // a retried chunk
  });

  it("passes a claim on once its patient's link is rolled back, not before", async () => {
    expect(await claimRemote(db.pool, 'p1', 'person', 42, 'patients:10')).toBe(true);
    const link = { project: 'p1', object: 'person', sourceKey: 'patients:10' };
    await completeRecord(db.pool, link, { state: 'linked', runId, pipedriveId: 42 });
    expect(await claimRemote(db.pool, 'p1', 'person', 42, 'patients:11')).toBe(false);
    await completeRecord(db.pool, link, { state: 'deleted', runId });
    expect(await claimRemote(db.pool, 'p1', 'person', 42, 'patients:11')).toBe(true);
  });
});
