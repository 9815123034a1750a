/** 'ferry-load': one chunk of one phase of a load; done chunks are skipped, so a retry is harmless. */
import { openEngine } from '../../migration/engine-context.js';
import { loadChunk } from '../../migration/load-chunk.js';
import { chunkKeys, finishChunk } from '../../migration/load-run.js';
import { getRun } from '../../migration/runs.js';
import { stopsTheRun } from '../../pipedrive/failure.js';
import type { JobHandler } from '../deps.js';

export const handleLoad: JobHandler<'ferry-load'> = async (deps, data) => {
  const keys = await chunkKeys(deps, data.runId, data.phase, data.seq);
  if (keys === null) return;
  const run = await getRun(deps.pool, data.runId);
  const engineDeps = { ...deps, maxDocumentBytes: deps.config.maxDocumentBytes };
  const engine = await openEngine(engineDeps, run);
  try {
    const counts = await loadChunk(engineDeps, engine, run, data.phase, keys);
    await finishChunk(deps, data.runId, data.phase, data.seq, counts);
  } catch (error) {
    if (!stopsTheRun(error)) throw error; // retried by pg-boss
    // Pipedrive refuses the token or the account: no retry can help, so the run stops with Pipedrive's reason.
    await deps.pool.query(
      `UPDATE runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('running', 'paused')`,
      [data.runId, (error as Error).message],
    );
  }
};
