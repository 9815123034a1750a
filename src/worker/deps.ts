/** What every job handler gets from the worker's composition root. */
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../migration/notifier.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Pool } from '../store/db.js';
import type { JobPayloads, QueueName } from './jobs.js';

export interface WorkerDeps {
  config: Config;
  pool: Pool;
  boss: PgBoss;
  log: Logger;
  notifier: Notifier;
  secretBox: SecretBox;
}

/** One handler per queue; throwing makes pg-boss retry the job per the queue's policy. */
export type JobHandler<Q extends QueueName> = (deps: WorkerDeps, data: JobPayloads[Q], jobId: string) => Promise<void>;
