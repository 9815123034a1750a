/** 'ferry-load': one chunk of one phase of a load; done chunks are skipped, so a retry is harmless. */
import { openEngine } from '../../migration/engine-context.js';
import { loadChunk } from '../../migration/load-chunk.js';
import { chunkKeys, finishChunk } from '../../migration/load-run.js';
import { getRun } from '../../migration/runs.js';
import type { JobHandler } from '../deps.js';

export const handleLoad: JobHandler<'ferry-load'> = async (deps, data) => {
  const keys = await chunkKeys(deps, data.runId, data.phase, data.seq);
  if (keys === null) return;
  const run = await getRun(deps.pool, data.runId);
  const engineDeps = { ...deps, maxDocumentBytes: deps.config.maxDocumentBytes };
  const engine = await openEngine(engineDeps, run);
  const counts = await loadChunk(engineDeps, engine, run, data.phase, keys);
  await finishChunk(deps, data.runId, data.phase, data.seq, counts);
};
