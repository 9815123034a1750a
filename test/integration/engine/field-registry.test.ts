/**
 * Custom fields are created exactly once and known as Ferry's even when Pipedrive's answer is lost: against the
 * sandbox dropping every write after committing it, and after a worker that died between create and register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { ensureFields, type NeededField } from '../../../src/migration/field-registry.js';
import { createPipedriveClient } from '../../../src/pipedrive/client.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { createTestDatabase, projectWithRun, type TestDatabase } from '../../helpers/db.js';

const TOKEN = 'field-registry-token-001';

describe('ensureFields', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let runId: number;
  const client = () => createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, log: silentLogger });
  const registered = async () =>
    (
      await db.pool.query<{ label: string; created_by_ferry: boolean }>(
        "SELECT label, created_by_ferry FROM field_registry WHERE project_id = 'p1' ORDER BY label",
      )
    ).rows;
  const personFields = (label: string) => sandbox.snapshot().fields.filter((f) => f.field_name === label);

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSandbox({ token: TOKEN, plan: 'premium' });
    runId = await projectWithRun(db);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await db?.drop();
  });

  const need = (label: string): NeededField => ({ object: 'person', label, type: 'varchar', options: [] });

  it('finds a field whose create answer was lost instead of failing or creating it twice', async () => {
    sandbox.setFaults({ dropRate: 1 });
    await ensureFields(db.pool, client(), 'p1', runId, [need('Taal'), need('Geslacht')]);
    sandbox.setFaults({ dropRate: 0 });
    expect(personFields('Taal')).toHaveLength(1);
    expect(personFields('Geslacht')).toHaveLength(1);
    expect(await registered()).toEqual([
      { label: 'Geslacht', created_by_ferry: true },
      { label: 'Taal', created_by_ferry: true },
    ]);
  });

  it("registers a field found after a lost attempt as Ferry's, and the practice's own field as theirs", async () => {
    // A worker sent the create for "Remark" and died before registering it; "Allergies" is the practice's.
    await db.pool.query(
      "INSERT INTO field_intents (project_id, object, label, run_id) VALUES ('p1', 'person', 'Remark', $1)",
      [runId],
    );
    for (const label of ['Remark', 'Allergies']) {
      await client().personFields.create({ field_name: label, field_type: 'varchar' });
    }
    await ensureFields(db.pool, client(), 'p1', runId, [need('Remark'), need('Allergies')]);
    expect(await registered()).toEqual(
      expect.arrayContaining([
        { label: 'Remark', created_by_ferry: true },
        { label: 'Allergies', created_by_ferry: false },
      ]),
    );
    expect(personFields('Remark')).toHaveLength(1);
  });
});
