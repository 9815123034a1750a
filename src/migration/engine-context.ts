/**
 * Everything a run's steps need, assembled once per job: the project's Pipedrive connection (token decrypted
 * in memory only), a client paced by the shared rate governor, the approved map and the snapshot's files.
 */
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { MapDocument } from '../mapping/document.js';
import { createPipedriveClient, type PipedriveClient } from '../pipedrive/client.js';
import { createGovernor, type PgRateGovernor } from '../pipedrive/governor.js';
import type { SecretBox } from '../security/secret-box.js';
import { loadConnection, type StoredConnection } from '../store/connections.js';
import type { Pool } from '../store/db.js';
import { getMap } from '../store/maps.js';
import { type StagedFile, stagedFiles } from '../store/staged.js';
import { createGateway, type Gateway } from './gateway.js';
import type { Run } from './runs.js';

export interface EngineDeps {
  pool: Pool;
  log: Logger;
  secretBox: SecretBox;
  /** Documents larger than this are not uploaded (reported instead); default 25 MB. */
  maxDocumentBytes?: number;
}

export interface Engine {
  connection: StoredConnection;
  client: PipedriveClient;
  governor: PgRateGovernor;
  gateway: Gateway;
  map: MapDocument;
  files: StagedFile[];
  /** The folder next to the export that holds its documents, when the upload had one. */
  documentsRoot: string | undefined;
}

export function companyKeyOf(connection: StoredConnection): string {
  return connection.companyId !== null && !connection.baseUrl.startsWith('http://')
    ? `company:${connection.companyId}`
    : `url:${connection.baseUrl}`;
}

export async function connectProject(deps: EngineDeps, project: string) {
  const connection = await loadConnection(deps.pool, deps.secretBox, project);
  if (connection === null) {
    throw new AppError('not_found', `Project ${project} is not connected to Pipedrive yet. Run "ferry connect" first.`);
  }
  const governor = createGovernor({
    pool: deps.pool,
    companyKey: companyKeyOf(connection),
    plan: connection.plan,
    seats: connection.seats,
    topUpTokens: connection.topUpTokens,
    reservePct: connection.reservePct,
    log: deps.log,
  });
  const client = createPipedriveClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    governor,
    log: deps.log,
  });
  const { token: _token, ...safe } = connection;
  return { connection: safe, client, governor };
}

/** The engine for a run: its map version and snapshot must exist (the run recorded both when it started). */
export async function openEngine(deps: EngineDeps, run: Run): Promise<Engine> {
  if (run.mapVersion === null || run.snapshotId === null) {
    throw new AppError('mapping_unapproved', `Run ${run.id} has no approved map or snapshot.`);
  }
  const stored = await getMap(deps.pool, run.project, run.mapVersion);
  if (stored === null) throw new AppError('not_found', `Map version ${run.mapVersion} of ${run.project} is gone.`);
  const { connection, client, governor } = await connectProject(deps, run.project);
  const files = await stagedFiles(deps.pool, run.snapshotId);
  const documentsRoot = files.find((f) => f.entity === 'documents')?.documentsDir ?? undefined;
  return {
    connection,
    client,
    governor,
    gateway: createGateway(client, documentsRoot),
    map: stored.document,
    files,
    documentsRoot,
  };
}
