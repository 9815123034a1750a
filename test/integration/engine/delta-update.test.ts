/**
 * A delta run's PATCH of a record Ferry already wrote, and the rollback of that one delta run, against a scripted
 * Pipedrive (the gateway port) and the real id map and before-images in Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { BuiltRecord, LoadObject } from '../../../src/migration/build-record.js';
import { updateChanged } from '../../../src/migration/delta-update.js';
import type { Engine, EngineDeps } from '../../../src/migration/engine-context.js';
import type { Gateway, RemoteRecord } from '../../../src/migration/gateway.js';
import { executeRollback } from '../../../src/migration/rollback.js';
import { getRun } from '../../../src/migration/runs.js';
import { createSecretBox } from '../../../src/security/secret-box.js';
import { completeRecord, getRecords, type RecordRow } from '../../../src/store/records.js';
import { createTestDatabase, projectWithRun, type TestDatabase } from '../../helpers/db.js';

/**
 * A Pipedrive holding persons. Every write moves the record's update time on; `loseAnswers(n)` makes the next n
 * PATCHes land but their answers get lost (what a socket hang-up after the request reached Pipedrive looks like);
 * `dropRequests(n)` makes the next n PATCHes fail the same way without reaching Pipedrive.
 */
function scriptedPipedrive() {
  const persons = new Map<number, RemoteRecord>();
  let clock = 0;
  let lost = 0;
  let dropped = 0;
  const tick = () => new Date(Date.UTC(2025, 0, 1, 9, 0, clock++)).toISOString();
  const calls = { getMany: 0, update: [] as { object: LoadObject; id: number; patch: Record<string, unknown> }[] };
  const gateway: Partial<Gateway> = {
    async getMany(object, ids) {
      calls.getMany++;
      if (object !== 'person') return [];
      return ids.flatMap((id) => {
        const person = persons.get(id);
        return person === undefined ? [] : [structuredClone(person)];
      });
    },
    async update(object, id, patch) {
      calls.update.push({ object, id, patch: structuredClone(patch) });
      const current = persons.get(id);
      if (object !== 'person' || current === undefined) {
        return {
          ok: false,
          kind: 'rejected',
          error: new AppError('pipedrive_record_rejected', 'not found', { details: { status: 404 } }),
        };
      }
      if (dropped > 0) {
        dropped--;
        return { ok: false, kind: 'uncertain', error: new AppError('pipedrive_uncertain', 'socket hang up') };
      }
      const next = { ...current, ...structuredClone(patch), update_time: tick() };
      persons.set(id, next);
      if (lost > 0) {
        lost--;
        return { ok: false, kind: 'uncertain', error: new AppError('pipedrive_uncertain', 'socket hang up') };
      }
      return { ok: true, data: structuredClone(next) };
    },
  };
  return {
    gateway: gateway as Gateway,
    calls,
    /** A person as Pipedrive has it now. */
    person: (id: number) => persons.get(id),
    /** A person Ferry wrote earlier; its update time, which Ferry kept. */
    seed(id: number, fields: Record<string, unknown>): string {
      const updateTime = tick();
      persons.set(id, { id, ...fields, update_time: updateTime });
      return updateTime;
    },
    /** Someone at the practice edits the person in Pipedrive. */
    editAsUser(id: number, fields: Record<string, unknown>) {
      persons.set(id, { ...persons.get(id)!, ...fields, update_time: tick() });
    },
    remove: (id: number) => persons.delete(id),
    loseAnswers(n: number) {
      lost = n;
    },
    dropRequests(n: number) {
      dropped = n;
    },
  };
}

/** Pipedrive's contact list, keys in the order Ferry's payload builder writes them (src/migration/payload.ts). */
const emails = (address: string) => [{ value: address, label: 'home', primary: true }];

describe('updateChanged and rolling back one delta run', () => {
  let db: TestDatabase;
  let deps: EngineDeps;
  let fullRun: number;
  let nextId = 500;

  beforeAll(async () => {
    db = await createTestDatabase();
    fullRun = await projectWithRun(db);
    deps = { pool: db.pool, log: silentLogger, secretBox: createSecretBox('test-secret-key-of-enough-length') };
  });
  afterAll(async () => {
    await db.drop();
  });

  async function newRun(kind: 'delta' | 'rollback', options: Record<string, unknown> = {}, target?: number) {
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO runs (project_id, kind, actor, options, target_run_id) VALUES ('p1', $1, 'test', $2, $3)
       RETURNING id`,
      [kind, JSON.stringify(options), target ?? null],
    );
    return getRun(db.pool, rows[0]!.id);
  }

  async function recordRow(sourceKey: string): Promise<RecordRow> {
    const row = (await getRecords(db.pool, 'p1', 'person', [sourceKey])).get(sourceKey);
    expect(row).toBeDefined();
    return row!;
  }

  async function beforeImages(runId: number, sourceKey: string) {
    const { rows } = await db.pool.query<{
      before_image: Record<string, unknown>;
      pd_update_time: string | null;
      undone_at: Date | null;
    }>(
      `SELECT before_image, pd_update_time, undone_at FROM record_updates
       WHERE run_id = $1 AND project_id = 'p1' AND object = 'person' AND source_key = $2`,
      [runId, sourceKey],
    );
    return rows;
  }

  /**
   * A patient the full run created in Pipedrive (row `created`, with what Ferry sent and Pipedrive's update time),
   * and the record the new export builds for it.
   */
  async function writtenPatient(pipedrive: ReturnType<typeof scriptedPipedrive>, patient: string) {
    const id = nextId++;
    const sourceKey = `patients:${patient}`;
    const payload = { name: `Patient ${patient}`, emails: emails(`${patient}@old.example.be`) };
    const pdUpdateTime = pipedrive.seed(id, payload);
    await completeRecord(
      db.pool,
      { project: 'p1', object: 'person', sourceKey },
      { state: 'created', runId: fullRun, pipedriveId: id, payload, pdUpdateTime, contentHash: 'v1' },
    );
    const record: BuiltRecord = {
      sourceKey,
      entity: 'patients',
      key: patient,
      object: 'person',
      line: 2,
      contentHash: 'v2',
      fields: {},
      defects: [],
    };
    const changed = { ...payload, emails: emails(`${patient}@new.example.be`) };
    return { id, sourceKey, payload, pdUpdateTime, record, changed, existing: await recordRow(sourceKey) };
  }

  /**
   * A delta run (with `options`) over one patient the full run wrote; `update` sends the new export's record for
   * it (by default its changed e-mail address, against the row as the full run left it).
   */
  async function deltaScene(patientName: string, options: Record<string, unknown> = {}) {
    const pipedrive = scriptedPipedrive();
    const engine = { gateway: pipedrive.gateway } as Partial<Engine> as Engine;
    const run = await newRun('delta', options);
    const patient = await writtenPatient(pipedrive, patientName);
    const update = (existing: RecordRow = patient.existing, body: Record<string, unknown> = patient.changed) =>
      updateChanged(deps, engine, run, patient.record, body, existing);
    return { pipedrive, engine, run, patient, update };
  }

  it('finishes a retried PATCH whose first answer was lost as an update, keeping the before-image from before it', async () => {
    const { pipedrive, run, patient, update } = await deltaScene('R1');

    pipedrive.loseAnswers(1);
    await expect(update()).rejects.toMatchObject({ code: 'pipedrive_uncertain' });
    // The PATCH landed: Pipedrive has the new address and a newer update time than Ferry kept.
    expect(pipedrive.person(patient.id)?.emails).toEqual(patient.changed.emails);
    expect(pipedrive.person(patient.id)?.update_time).not.toBe(patient.pdUpdateTime);

    // The chunk is retried: the row is still as the full run left it.
    const retry = await recordRow(patient.sourceKey);
    expect(retry).toMatchObject({ state: 'created', payload: patient.payload, pdUpdateTime: patient.pdUpdateTime });
    const outcome = await update(retry);

    expect(outcome).toBe('updated');
    expect(pipedrive.calls.update).toHaveLength(2);
    const newTime = pipedrive.person(patient.id)?.update_time;
    expect(await recordRow(patient.sourceKey)).toMatchObject({
      state: 'created',
      payload: patient.changed,
      pdUpdateTime: newTime,
      contentHash: 'v2',
      reason: null,
    });
    expect(await beforeImages(run.id, patient.sourceKey)).toEqual([
      { before_image: { emails: patient.payload.emails }, pd_update_time: newTime, undone_at: null },
    ]);
  });

  it('keeps a record a person edited before a retry as a conflict when the first PATCH never reached Pipedrive', async () => {
    const { pipedrive, patient, update } = await deltaScene('R2');

    pipedrive.dropRequests(1);
    await expect(update()).rejects.toMatchObject({ code: 'pipedrive_uncertain' });
    pipedrive.editAsUser(patient.id, { name: 'Edited In Pipedrive' });
    const outcome = await update();

    expect(outcome).toBe('conflict');
    expect(pipedrive.calls.update).toHaveLength(1);
    expect(pipedrive.person(patient.id)).toMatchObject({ name: 'Edited In Pipedrive', emails: patient.payload.emails });
    expect((await recordRow(patient.sourceKey)).state).toBe('conflict');
  });

  it('keeps a record as a conflict when a person changed a field of the landed PATCH before its retry', async () => {
    const { pipedrive, patient, update } = await deltaScene('R3');

    pipedrive.loseAnswers(1);
    await expect(update()).rejects.toMatchObject({ code: 'pipedrive_uncertain' });
    const typedByHand = emails('r3@typed-by-hand.example.be');
    pipedrive.editAsUser(patient.id, { emails: typedByHand });
    const outcome = await update();

    expect(outcome).toBe('conflict');
    expect(pipedrive.calls.update).toHaveLength(1);
    expect(pipedrive.person(patient.id)?.emails).toEqual(typedByHand);
  });

  it('keeps a record a person edited in Pipedrive as a conflict and does not PATCH it', async () => {
    const { pipedrive, run, patient, update } = await deltaScene('C1');
    pipedrive.editAsUser(patient.id, { name: 'Edited In Pipedrive' });

    const outcome = await update();

    expect(outcome).toBe('conflict');
    expect(pipedrive.calls.update).toEqual([]);
    const row = await recordRow(patient.sourceKey);
    expect(row).toMatchObject({ state: 'conflict', runId: run.id, payload: patient.payload });
    expect(row.reason).toMatch(/changed in Pipedrive/);
    expect(pipedrive.person(patient.id)).toMatchObject({ name: 'Edited In Pipedrive', emails: patient.payload.emails });
    expect(await beforeImages(run.id, patient.sourceKey)).toEqual([]);
  });

  it('overwrites a record a person edited in Pipedrive when the run says overwrite', async () => {
    const { pipedrive, patient, update } = await deltaScene('O1', { overwrite: true });
    pipedrive.editAsUser(patient.id, { name: 'Edited In Pipedrive' });

    const outcome = await update();

    expect(outcome).toBe('updated');
    expect(pipedrive.calls.update).toEqual([
      { object: 'person', id: patient.id, patch: { emails: patient.changed.emails } },
    ]);
    expect(pipedrive.person(patient.id)).toMatchObject({ name: 'Edited In Pipedrive', emails: patient.changed.emails });
    expect(await recordRow(patient.sourceKey)).toMatchObject({
      state: 'created',
      payload: patient.changed,
      pdUpdateTime: pipedrive.person(patient.id)?.update_time,
    });
  });

  it('reports a record deleted in Pipedrive as a conflict and does not bring it back', async () => {
    const { pipedrive, patient, update } = await deltaScene('D1');
    pipedrive.remove(patient.id);

    const outcome = await update();

    expect(outcome).toBe('conflict');
    expect(pipedrive.calls.update).toEqual([]);
    const row = await recordRow(patient.sourceKey);
    expect(row.state).toBe('conflict');
    expect(row.reason).toMatch(/deleted in Pipedrive/);
    expect(pipedrive.person(patient.id)).toBeUndefined();
  });

  it('leaves a record whose new export brings nothing new alone, without asking Pipedrive', async () => {
    const { pipedrive, run, patient, update } = await deltaScene('U1');

    const outcome = await update(patient.existing, structuredClone(patient.payload));

    expect(outcome).toBe('unchanged');
    expect(pipedrive.calls).toEqual({ getMany: 0, update: [] });
    expect(await recordRow(patient.sourceKey)).toMatchObject({
      state: 'created',
      payload: patient.payload,
      pdUpdateTime: patient.pdUpdateTime,
    });
    expect(await beforeImages(run.id, patient.sourceKey)).toEqual([]);
  });

  it('rolls back one delta run without reverting a record a person edited after it, unless forced', async () => {
    const { pipedrive, engine, run: delta, patient, update } = await deltaScene('B1');
    expect(await update()).toBe('updated');
    // After the delta, someone at the practice edits the patient in Pipedrive.
    pipedrive.editAsUser(patient.id, { name: 'Edited In Pipedrive' });
    const patchesBefore = pipedrive.calls.update.length;

    const kept = await executeRollback(deps, engine, await newRun('rollback', {}, delta.id));

    expect(kept).toMatchObject({ restored: 0, deleted: 0, alreadyGone: 0 });
    expect(kept.conflicts).toEqual([{ object: 'person', source: patient.sourceKey, pipedriveId: patient.id }]);
    expect(pipedrive.calls.update).toHaveLength(patchesBefore);
    expect(pipedrive.person(patient.id)).toMatchObject({ name: 'Edited In Pipedrive', emails: patient.changed.emails });
    expect(await beforeImages(delta.id, patient.sourceKey)).toMatchObject([{ undone_at: null }]);

    const forced = await executeRollback(deps, engine, await newRun('rollback', { force: true }, delta.id));

    expect(forced).toMatchObject({ restored: 1, conflicts: [] });
    expect(pipedrive.calls.update.slice(patchesBefore)).toEqual([
      { object: 'person', id: patient.id, patch: { emails: patient.payload.emails } },
    ]);
    expect(pipedrive.person(patient.id)).toMatchObject({ name: 'Edited In Pipedrive', emails: patient.payload.emails });
    expect(await recordRow(patient.sourceKey)).toMatchObject({
      state: 'created',
      payload: patient.payload,
      contentHash: 'v1',
      pdUpdateTime: pipedrive.person(patient.id)?.update_time,
    });
    expect((await beforeImages(delta.id, patient.sourceKey))[0]?.undone_at).toBeInstanceOf(Date);
  });
});
