/**
 * The field map as the bot uses it: the newest version, edits typed in the thread, approvals from the button.
 * Built on src/store/maps.ts; each decision is audited in the map's own transaction with the Slack user and team.
 */
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { MapDocument } from '../mapping/document.js';
import { validateMap } from '../mapping/validate.js';
import { CatalogueCache, loadMapContext, type MapContext } from '../migration/map-context.js';
import type { SecretBox } from '../security/secret-box.js';
import { appendAuditTx } from '../store/audit.js';
import type { Pool } from '../store/db.js';
import { type AuditSink, approveMap, editMap, latestMap } from '../store/maps.js';
import { actorId, type SlackActor, slackDetail } from './actor.js';

export type MapEditReply =
  | { ok: true; before: MapDocument; after: MapDocument; summary: string; changed: boolean; problems: string[] }
  | { ok: false; message: string };

export type MapApproveReply = { ok: true; document: MapDocument; already: boolean } | { ok: false; message: string };

export interface MapService {
  latest(project: string): Promise<MapDocument | null>;
  /** Applies one command typed in the thread (already known to start with an edit keyword). */
  edit(project: string, text: string, who: SlackActor): Promise<MapEditReply>;
  /** Approves `version` if it is still the newest with this hash and has no validation errors. */
  approve(project: string, version: number, hash: string, who: SlackActor): Promise<MapApproveReply>;
  /** After (re)connecting Pipedrive: its custom fields may differ. */
  forgetCatalogue(project: string): void;
}

const MAX_PROBLEMS = 5;

/** Audit events from the map store, with the Slack user and team added to their detail. */
function slackAudit(who: SlackActor): AuditSink {
  return (tx, event) => appendAuditTx(tx, { ...event, detail: { ...event.detail, ...slackDetail(who) } });
}

function errorsOf(document: MapDocument, context: MapContext): string[] {
  return validateMap(document, context)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.message);
}

/** Only the store's own refusals are shown to people; anything else is a bug to log. */
function refusal(error: unknown): { ok: false; message: string } {
  if (error instanceof AppError && ['mapping_invalid', 'not_found', 'conflict'].includes(error.code)) {
    return { ok: false, message: error.message };
  }
  throw error;
}

export function createMapService(deps: { pool: Pool; secretBox: SecretBox; log: Logger }): MapService {
  const cache = new CatalogueCache();
  const context = (project: string) => loadMapContext(deps.pool, deps.secretBox, project, { log: deps.log, cache });
  return {
    async latest(project) {
      return (await latestMap(deps.pool, project))?.document ?? null;
    },

    async edit(project, text, who) {
      const before = await latestMap(deps.pool, project);
      if (!before) return { ok: false, message: 'There is no map yet: click *Review map* on the project card first.' };
      const ctx = await context(project);
      try {
        const result = await editMap(deps.pool, {
          project,
          text,
          actor: actorId(who),
          context: { files: ctx.files, catalogue: ctx.catalogue },
          audit: slackAudit(who),
        });
        const after = result.map.document;
        const changed = after.version !== before.document.version;
        const problems = changed ? errorsOf(after, ctx).slice(0, MAX_PROBLEMS) : [];
        return { ok: true, before: before.document, after, summary: result.summary, changed, problems };
      } catch (error) {
        return refusal(error);
      }
    },

    async approve(project, version, hash, who) {
      const latest = await latestMap(deps.pool, project);
      if (!latest) return { ok: false, message: 'There is no map to approve yet.' };
      if (latest.document.version === version && latest.document.hash === hash) {
        const problems = errorsOf(latest.document, await context(project));
        if (problems.length > 0) {
          const list = problems
            .slice(0, MAX_PROBLEMS)
            .map((p) => `• ${p}`)
            .join('\n');
          return {
            ok: false,
            message: `Map v${version} cannot be approved yet:\n${list}\nReply in the thread to fix it.`,
          };
        }
      }
      try {
        const already = latest.document.status === 'approved';
        const stored = await approveMap(deps.pool, {
          project,
          version,
          hash,
          approver: actorId(who),
          audit: slackAudit(who),
        });
        return { ok: true, document: stored.document, already };
      } catch (error) {
        return refusal(error);
      }
    },

    forgetCatalogue(project) {
      cache.invalidate(project);
    },
  };
}
