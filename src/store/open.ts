/** Opens Ferry's database: DATABASE_URL when set, else the embedded Postgres; then brings the schema up to date. */
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';
import { canConnect, createPool, type Pool } from './db.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

export interface Database {
  pool: Pool;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
): Promise<Database> {
  let url = config.databaseUrl;
  let stopServer = async () => {};
  if (url === undefined) {
    const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    url = embedded.url;
    stopServer = embedded.stop;
  } else if (!(await canConnect(url, 5000))) {
    throw new AppError('db_unavailable', 'Cannot connect to the Postgres in DATABASE_URL. Is it running?');
  }
  const pool = createPool(url);
  await migrate(pool);
  return {
    pool,
    url,
    embedded: config.databaseUrl === undefined,
    close: async () => {
      await pool.end();
      await stopServer();
    },
  };
}
