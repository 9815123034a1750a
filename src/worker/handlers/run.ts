/** 'ferry-run': executes one run (see src/migration/execute-run.ts). */
import { executeRun } from '../../migration/execute-run.js';
import type { JobHandler } from '../deps.js';

export const handleRun: JobHandler<'ferry-run'> = async (deps, data) => {
  await executeRun({ ...deps, maxDocumentBytes: deps.config.maxDocumentBytes }, data.runId);
};
