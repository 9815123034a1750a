/**
 * What proposing, editing and validating a map need besides the map: the project's source files (latest staged
 * snapshot), the Pipedrive field catalogue (standard fields plus the account's live custom fields) and the plan.
 * Shared by the bot (edits, approvals) and the 'ferry-propose' job.
 */
import type { Logger } from '../log.js';
import type { SourceFile } from '../mapping/sources.js';
import { type LiveFieldLists, TargetCatalogue } from '../mapping/targets.js';
import { createPipedriveClient } from '../pipedrive/client.js';
import type { PlanName } from '../pipedrive/plans.js';
import type { SecretBox } from '../security/secret-box.js';
import { findConnection, loadConnection } from '../store/connections.js';
import type { Queryable } from '../store/db.js';
import { loadProjectSources } from '../store/profiles.js';

export interface MapContext {
  files: SourceFile[];
  sourceSystem: string;
  catalogue: TargetCatalogue;
  plan: PlanName;
}

/** Pipedrive's field lists cost API tokens; a person typing edits should not pay three calls per reply. */
const CATALOGUE_TTL_MS = 5 * 60_000;

export class CatalogueCache {
  private readonly entries = new Map<string, { at: number; catalogue: TargetCatalogue }>();
  constructor(private readonly now: () => number = Date.now) {}

  get(project: string): TargetCatalogue | undefined {
    const entry = this.entries.get(project);
    if (entry === undefined || this.now() - entry.at > CATALOGUE_TTL_MS) return undefined;
    return entry.catalogue;
  }

  set(project: string, catalogue: TargetCatalogue): void {
    this.entries.set(project, { at: this.now(), catalogue });
  }

  /** After (re)connecting: the account may have other custom fields. */
  invalidate(project: string): void {
    this.entries.delete(project);
  }
}

/**
 * The standard fields plus the account's live custom fields, and the plan; the standard fields alone when the
 * project has no connection or Pipedrive cannot be read (`unavailable` then says why, without the token).
 */
export async function liveCatalogue(
  db: Queryable,
  box: SecretBox,
  project: string,
  log?: Logger,
): Promise<{ catalogue: TargetCatalogue; plan: PlanName; unavailable: string | null }> {
  const connection = await loadConnection(db, box, project);
  if (!connection) return { catalogue: new TargetCatalogue(), plan: 'lite', unavailable: null };
  try {
    const client = createPipedriveClient({
      baseUrl: connection.baseUrl,
      token: connection.token,
      ...(log ? { log } : {}),
    });
    const live: LiveFieldLists = {
      person: await client.personFields.list(),
      organization: await client.organizationFields.list(),
      deal: await client.dealFields.list(),
    };
    return { catalogue: new TargetCatalogue(live), plan: connection.plan, unavailable: null };
  } catch (error) {
    // The client's errors carry no token (src/pipedrive/redact.ts).
    const reason = error instanceof Error ? error.message : String(error);
    return { catalogue: new TargetCatalogue(), plan: connection.plan, unavailable: reason };
  }
}

export async function loadMapContext(
  db: Queryable,
  box: SecretBox,
  project: string,
  options: { log: Logger; offline?: boolean; cache?: CatalogueCache },
): Promise<MapContext> {
  const sources = await loadProjectSources(db, project);
  const files = sources?.files ?? [];
  const sourceSystem = sources?.sourceSystem ?? 'dentadmin';
  if (options.offline) return { files, sourceSystem, catalogue: new TargetCatalogue(), plan: 'lite' };
  const cached = options.cache?.get(project);
  if (cached)
    return { files, sourceSystem, catalogue: cached, plan: (await findConnection(db, project))?.plan ?? 'lite' };
  const live = await liveCatalogue(db, box, project, options.log);
  if (live.unavailable !== null) {
    options.log.warn({ project }, 'Pipedrive field list unavailable; using the standard fields only');
  } else {
    options.cache?.set(project, live.catalogue);
  }
  return { files, sourceSystem, catalogue: live.catalogue, plan: live.plan };
}
