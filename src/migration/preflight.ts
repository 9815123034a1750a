/**
 * Preflight: everything checked before the first write. Providers matched to Pipedrive users, custom fields
 * against the plan's cap, records that will be skipped and why, counts per object, tokens and days for the
 * run and its rollback, attachments. It passes when nothing blocks the run.
 */
import { estimateMigration } from '../pipedrive/estimator.js';
import { PLANS } from '../pipedrive/plans.js';
import { type LoadObject, OBJECT_PLURALS } from './build-record.js';
import type { Engine, EngineDeps } from './engine-context.js';
import { FIELD_OBJECTS, loadRegistry, neededFields } from './field-registry.js';
import { resolveOwners } from './owners.js';
import type { Run } from './runs.js';

export interface PreflightResult {
  passed: boolean;
  blockers: string[];
  warnings: string[];
  providers: { matched: number; unmatched: string[]; inactive: string[] };
  customFields: { toCreate: number; existingCustom: number; cap: number };
  skipped: { entity: string; code: string; records: number }[];
  counts: Record<string, number>;
  tokens: { migrate: number; rollback: number; dailyUsable: number; days: number; rollbackDays: number };
  attachments: { count: number; totalBytes: number; overLimit: number };
}

async function stagedCounts(deps: EngineDeps, engine: Engine): Promise<Record<string, number>> {
  const counts: Record<string, number> = { organizations: 0, persons: 0, deals: 0, activities: 0, notes: 0, files: 0 };
  for (const objectMap of engine.map.objects) {
    const file = engine.files.find((f) => f.entity === objectMap.source);
    const key = objectMap.target === null ? undefined : OBJECT_PLURALS[objectMap.target as LoadObject];
    if (file === undefined || key === undefined) continue;
    const { rows } = await deps.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM staged_rows WHERE file_id = $1',
      [file.fileId],
    );
    counts[key] = (counts[key] ?? 0) + (rows[0]?.n ?? 0);
  }
  return counts;
}

async function skippedByDefect(deps: EngineDeps, run: Run) {
  const { rows } = await deps.pool.query<{ entity: string; code: string; records: number }>(
    `SELECT entity, code, count(DISTINCT record_key)::int AS records FROM defects
     WHERE snapshot_id = $1 AND severity = 'error' GROUP BY entity, code ORDER BY records DESC`,
    [run.snapshotId],
  );
  return rows;
}

async function attachments(deps: EngineDeps, engine: Engine, maxBytes: number) {
  const file = engine.files.find((f) => f.entity === 'documents');
  if (file === undefined) return { count: 0, totalBytes: 0, overLimit: 0 };
  const sizeAt = file.headers.findIndex((h) => /grootte|taille|size/i.test(h));
  const { rows } = await deps.pool.query<{ count: number; total: number; over: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(size), 0)::float8 AS total,
            count(*) FILTER (WHERE size > $3)::int AS over
     FROM (SELECT nullif(regexp_replace(cells::json->>$2::int, '\\D', '', 'g'), '')::bigint AS size
           FROM staged_rows WHERE file_id = $1) AS documents`,
    [file.fileId, Math.max(sizeAt, 0), maxBytes],
  );
  return {
    count: rows[0]?.count ?? 0,
    totalBytes: sizeAt < 0 ? 0 : (rows[0]?.total ?? 0),
    overLimit: sizeAt < 0 ? 0 : (rows[0]?.over ?? 0),
  };
}

export async function runPreflight(
  deps: EngineDeps,
  engine: Engine,
  run: Run,
  maxDocumentBytes: number,
): Promise<PreflightResult> {
  const owners = await resolveOwners(deps.pool, engine.client, run.project, run.snapshotId ?? 0, engine.map);
  const needed = neededFields(engine.map);
  const registry = await loadRegistry(deps.pool, run.project);
  let existingCustom = 0;
  let toCreate = 0;
  for (const object of FIELD_OBJECTS) {
    const resource =
      object === 'person' ? 'personFields' : object === 'organization' ? 'organizationFields' : 'dealFields';
    const fields = (await engine.client[resource].list()).filter((f) => f.is_custom_field);
    existingCustom += fields.length;
    toCreate += needed.filter(
      (n) =>
        n.object === object &&
        !registry.has(`${object}:${n.label}`) &&
        !fields.some((f) => f.field_name === n.label && f.field_type === n.type),
    ).length;
  }
  const cap = PLANS[engine.connection.plan].customFieldCap;
  const counts = await stagedCounts(deps, engine);
  const estimate = estimateMigration({
    counts: {
      organizations: counts.organizations ?? 0,
      persons: counts.persons ?? 0,
      deals: counts.deals ?? 0,
      activities: counts.activities ?? 0,
      notes: counts.notes ?? 0,
      files: counts.files ?? 0,
      customFields: toCreate,
    },
    plan: engine.connection.plan,
    seats: engine.connection.seats,
    topUpTokens: engine.connection.topUpTokens,
    reservePct: engine.connection.reservePct,
  });
  const unmatched = owners.fallbackUserId === null ? owners.unmatched.map((p) => p.code) : [];
  const blockers: string[] = [];
  if (unmatched.length > 0) {
    blockers.push(
      `Providers without a Pipedrive user: ${unmatched.join(', ')}. Set one with "ferry owners --set CODE=EMAIL" or choose a fallback owner.`,
    );
  }
  if (existingCustom + toCreate > cap) {
    blockers.push(
      `The map needs ${toCreate} new custom fields; with ${existingCustom} existing that exceeds the ${engine.connection.plan} plan's cap of ${cap}.`,
    );
  }
  const warnings = owners.providers
    .filter((p) => p.inactive)
    .map((p) => `Provider ${p.code} matches a deactivated Pipedrive user.`);
  const files = await attachments(deps, engine, maxDocumentBytes);
  if (files.overLimit > 0)
    warnings.push(`${files.overLimit} documents are over the size limit: not uploaded, their names kept.`);
  return {
    passed: blockers.length === 0,
    blockers,
    warnings,
    providers: {
      matched: owners.providers.length - owners.unmatched.length,
      unmatched: owners.unmatched.map((p) => p.code),
      inactive: owners.providers.filter((p) => p.inactive).map((p) => p.code),
    },
    customFields: { toCreate, existingCustom, cap },
    skipped: await skippedByDefect(deps, run),
    counts,
    tokens: {
      migrate: estimate.tokens.migrate,
      rollback: estimate.tokens.rollback,
      dailyUsable: estimate.dailyUsable,
      days: estimate.days.migrate,
      rollbackDays: estimate.days.rollback,
    },
    attachments: files,
  };
}
