/**
 * Creating one record in Pipedrive exactly once. Pipedrive has no idempotency keys, so:
 * an 'intent' row is committed before the create and completed after it; when the answer is lost
 * (timeout, reset, 5xx — "uncertain"), or a worker died between the two, the next attempt first looks
 * for the record it may have made (by its Ferry source id, or by its values under the same parent)
 * and only creates again when it is provably not there.
 */
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { tokenCostOf } from '../pipedrive/token-costs.js';
import { appendApiWriteTx } from '../store/audit.js';
import { type Pool, withTransaction } from '../store/db.js';
import { beginAttempt, completeRecord, getRecords, type RecordRow, type RecordState } from '../store/records.js';
import type { LoadObject } from './build-record.js';
import type { Gateway, RemoteRecord } from './gateway.js';
import { type Attempt, isOwnRecord } from './match-remote.js';

const MAX_UNCERTAIN_ROUNDS = 3;

export interface WriteContext {
  pool: Pool;
  gateway: Gateway;
  project: string;
  runId: number;
  snapshotId: number | null;
  log: Logger;
  sourceIdKey(object: LoadObject): string | undefined;
}

export interface WriteRequest {
  object: LoadObject;
  sourceKey: string;
  contentHash: string;
  body: Record<string, unknown>;
}

export type WriteResult = { state: 'created' | 'already'; pipedriveId: number } | { state: 'failed'; reason: string };

const API_PATH: Record<LoadObject, { path: string; api: string }> = {
  person: { path: '/api/v2/persons', api: 'v2' },
  organization: { path: '/api/v2/organizations', api: 'v2' },
  deal: { path: '/api/v2/deals', api: 'v2' },
  activity: { path: '/api/v2/activities', api: 'v2' },
  note: { path: '/v1/notes', api: 'v1' },
  file: { path: '/v1/files', api: 'v1' },
};

function parentOf(request: WriteRequest): { person_id?: number; deal_id?: number } {
  const participants = request.body.participants as { person_id: number }[] | undefined;
  const person = (request.body.person_id as number | undefined) ?? participants?.[0]?.person_id;
  const deal = request.body.deal_id as number | undefined;
  return { ...(person !== undefined ? { person_id: person } : {}), ...(deal !== undefined ? { deal_id: deal } : {}) };
}

/**
 * Looks for the record an earlier attempt (started at `since`) may have created. Records already claimed by
 * another source record are not candidates: two identical notes of one patient are two records, and the
 * second one's lost create must not be mistaken for the first.
 */
async function findOwn(ctx: WriteContext, request: WriteRequest, since: Date): Promise<RemoteRecord | undefined> {
  const attempt: Attempt = { ...request, sourceIdKey: ctx.sourceIdKey(request.object) };
  const candidates = (await ctx.gateway.changedSince(request.object, since, parentOf(request))).filter((remote) =>
    isOwnRecord(attempt, remote),
  );
  if (candidates.length === 0) return undefined;
  const { rows } = await ctx.pool.query<{ pipedrive_id: number }>(
    `SELECT pipedrive_id FROM records WHERE project_id = $1 AND object = $2 AND pipedrive_id = ANY($3) AND source_key <> $4`,
    [ctx.project, request.object, candidates.map((c) => c.id), request.sourceKey],
  );
  const claimed = new Set(rows.map((r) => r.pipedrive_id));
  return candidates.find((remote) => !claimed.has(remote.id));
}

async function finish(
  ctx: WriteContext,
  request: WriteRequest,
  state: RecordState,
  detail: { pipedriveId?: number; updateTime?: string | null; reason?: string; status: string },
): Promise<void> {
  const { path } = API_PATH[request.object];
  await withTransaction(ctx.pool, async (tx) => {
    await completeRecord(
      tx,
      { project: ctx.project, object: request.object, sourceKey: request.sourceKey },
      {
        state,
        runId: ctx.runId,
        pipedriveId: detail.pipedriveId ?? null,
        pdUpdateTime: detail.updateTime ?? null,
        reason: detail.reason ?? null,
      },
    );
    await appendApiWriteTx(tx, ctx.project, {
      run: ctx.runId,
      method: 'POST',
      path,
      object: request.object,
      source: request.sourceKey,
      pipedriveId: detail.pipedriveId ?? null,
      status: detail.status,
      tokens: detail.status === 'recovered' ? 0 : tokenCostOf('POST', path),
    });
  });
}

/**
 * Creates the record unless it already exists. `existing` is the record's row before this attempt
 * (read in bulk by the chunk); a row still in 'intent' means an earlier attempt's outcome is unknown.
 */
export async function writeRecord(
  ctx: WriteContext,
  request: WriteRequest,
  existing: RecordRow | undefined,
): Promise<WriteResult> {
  if (existing?.pipedriveId != null && ['created', 'linked', 'conflict'].includes(existing.state)) {
    return { state: 'already', pipedriveId: existing.pipedriveId };
  }
  if (existing?.state === 'intent' && existing.attemptStartedAt !== null) {
    const found = await findOwn(ctx, request, existing.attemptStartedAt);
    if (found !== undefined) {
      await finish(ctx, request, 'created', {
        pipedriveId: found.id,
        updateTime: found.update_time ?? null,
        status: 'recovered',
      });
      return { state: 'created', pipedriveId: found.id };
    }
  }
  for (let round = 0; round < MAX_UNCERTAIN_ROUNDS; round++) {
    const key = { project: ctx.project, object: request.object, sourceKey: request.sourceKey };
    const started = new Date();
    const mine = await beginAttempt(
      ctx.pool,
      key,
      { runId: ctx.runId, snapshotId: ctx.snapshotId, contentHash: request.contentHash },
      request.body,
    );
    if (!mine) {
      // Another worker finished this record meanwhile (a chunk taken over after a missed heartbeat).
      const done = (await getRecords(ctx.pool, ctx.project, request.object, [request.sourceKey])).get(
        request.sourceKey,
      );
      return { state: 'already', pipedriveId: done?.pipedriveId ?? -1 };
    }
    const outcome = await ctx.gateway.create(request.object, request.body);
    if (outcome.ok) {
      await finish(ctx, request, 'created', {
        pipedriveId: outcome.data.id,
        updateTime: outcome.data.update_time ?? null,
        status: 'created',
      });
      return { state: 'created', pipedriveId: outcome.data.id };
    }
    if (outcome.kind === 'rejected') {
      await finish(ctx, request, 'failed', { reason: outcome.error.message, status: 'rejected' });
      return { state: 'failed', reason: outcome.error.message };
    }
    const found = await findOwn(ctx, request, started);
    if (found !== undefined) {
      await finish(ctx, request, 'created', {
        pipedriveId: found.id,
        updateTime: found.update_time ?? null,
        status: 'recovered',
      });
      return { state: 'created', pipedriveId: found.id };
    }
    ctx.log.warn(
      { run: ctx.runId, object: request.object, round },
      'create outcome uncertain and not found; trying again',
    );
  }
  throw new AppError(
    'pipedrive_uncertain',
    'Pipedrive did not confirm a create several times; the step will be retried.',
  );
}
