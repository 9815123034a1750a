/** Exactly-once creation against a scripted Pipedrive (the gateway port) and the real id map in Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { Gateway, RemoteRecord } from '../../../src/migration/gateway.js';
import { writeRecord } from '../../../src/migration/write-record.js';
import { beginAttempt, getRecords } from '../../../src/store/records.js';
import { createTestDatabase, projectWithRun, type TestDatabase } from '../../helpers/db.js';

/** A Pipedrive holding notes; `answers` says, per create call, whether the answer arrives or is lost. */
function scriptedGateway(answers: ('ok' | 'lost')[], firstId: number) {
  const notes: RemoteRecord[] = [];
  let calls = 0;
  const gateway: Partial<Gateway> = {
    async create(_object, body) {
      const note = { id: firstId + notes.length, ...body, update_time: '2025-01-01T00:00:00Z' } as RemoteRecord;
      notes.push(note);
      const answer = answers[calls++] ?? 'ok';
      return answer === 'ok'
        ? { ok: true, data: note }
        : { ok: false, kind: 'uncertain', error: new AppError('pipedrive_uncertain', 'socket hang up') };
    },
    async changedSince() {
      return notes;
    },
  };
  return { gateway: gateway as Gateway, notes, calls: () => calls };
}

describe('writeRecord', () => {
  let db: TestDatabase;
  let runId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    runId = await projectWithRun(db);
  });
  afterAll(async () => {
    await db.drop();
  });

  const ctx = (gateway: Gateway) => ({
    pool: db.pool,
    gateway,
    project: 'p1',
    runId,
    snapshotId: null,
    log: silentLogger,
    sourceIdKey: () => undefined,
  });
  const body = { content: 'Controle ok', person_id: 7 };

  it('does not mistake an identical note of another record for its own lost create', async () => {
    const pipedrive = scriptedGateway(['ok', 'lost'], 1);
    const first = await writeRecord(
      ctx(pipedrive.gateway),
      { object: 'note', sourceKey: 'notes:N1', contentHash: 'a', body },
      undefined,
    );
    const second = await writeRecord(
      ctx(pipedrive.gateway),
      { object: 'note', sourceKey: 'notes:N2', contentHash: 'b', body },
      undefined,
    );
    expect(first).toEqual({ state: 'created', pipedriveId: 1 });
    expect(second).toEqual({ state: 'created', pipedriveId: 2 });
    expect(pipedrive.notes).toHaveLength(2);
  });

  it('recovers a create whose worker died before recording it, without creating again', async () => {
    const pipedrive = scriptedGateway(['ok'], 101);
    const request = {
      object: 'note' as const,
      sourceKey: 'notes:N3',
      contentHash: 'c',
      body: { ...body, content: 'other' },
    };
    // The crash: the intent is committed and Pipedrive creates the note, but the worker dies before recording it.
    await beginAttempt(
      db.pool,
      { project: 'p1', object: 'note', sourceKey: 'notes:N3' },
      { runId, snapshotId: null, contentHash: 'c' },
      request.body,
    );
    await pipedrive.gateway.create('note', request.body);
    const intent = (await getRecords(db.pool, 'p1', 'note', ['notes:N3'])).get('notes:N3');
    expect(intent?.state).toBe('intent');
    const result = await writeRecord(ctx(pipedrive.gateway), request, intent);
    expect(result).toEqual({ state: 'created', pipedriveId: 101 });
    expect(pipedrive.calls()).toBe(1);
  });
});
