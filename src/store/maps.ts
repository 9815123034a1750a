/**
 * Field maps in Postgres: every version of a project's map, the approval, and the edits that supersede it.
 * Version numbering, superseding and approval happen in one transaction under a lock on the project row, so
 * two people editing (CLI and Slack) never both make version 4, and an approval always concerns the version
 * whose hash the approver saw. The audit trail gets an event per change, in the same transaction.
 */
import { AppError } from '../domain/errors.js';
import { hashMapContent, type MapContent, type MapDocument, type MapStatus } from '../mapping/document.js';
import { applyEdit, type EditContext } from '../mapping/edit.js';
import { parseEdit } from '../mapping/edit-language.js';
import type { AuditEvent } from './audit.js';
import { type Pool, type PoolClient, type Queryable, withTransaction } from './db.js';

/** Where audit events go: `appendAuditTx` from src/store/audit.ts, called inside the map's transaction. */
export type AuditSink = (tx: PoolClient, event: AuditEvent) => Promise<unknown>;

export type MapCause = 'propose' | 'edit' | 'undo' | 'import';

export interface StoredMap {
  document: MapDocument;
  createdAt: string;
  createdBy: string;
  cause: MapCause;
  command: string | null;
  undoTo: number | null;
  supersededAt: string | null;
}

interface Row {
  project_id: string;
  version: number;
  hash: string;
  status: MapStatus;
  document: MapContent;
  created_at: Date;
  created_by: string;
  cause: MapCause;
  command: string | null;
  undo_to: number | null;
  approved_by: string | null;
  approved_at: Date | null;
  superseded_at: Date | null;
}

const COLUMNS =
  'project_id, version, hash, status, document, created_at, created_by, cause, command, undo_to, approved_by, approved_at, superseded_at';

function fromRow(row: Row): StoredMap {
  return {
    document: {
      project: row.project_id,
      version: row.version,
      hash: row.hash,
      status: row.status,
      approved_by: row.approved_by,
      approved_at: row.approved_at?.toISOString() ?? null,
      objects: row.document.objects,
    },
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    cause: row.cause,
    command: row.command,
    undoTo: row.undo_to,
    supersededAt: row.superseded_at?.toISOString() ?? null,
  };
}

export async function latestMap(db: Queryable, project: string): Promise<StoredMap | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM field_maps WHERE project_id = $1 ORDER BY version DESC LIMIT 1`,
    [project],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getMap(db: Queryable, project: string, version: number): Promise<StoredMap | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM field_maps WHERE project_id = $1 AND version = $2`, [
    project,
    version,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Every version, newest first. */
export async function listMaps(db: Queryable, project: string): Promise<StoredMap[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM field_maps WHERE project_id = $1 ORDER BY version DESC`,
    [project],
  );
  return rows.map(fromRow);
}

/** The newest approved version, if any (the one the engine may run). */
export async function approvedMap(db: Queryable, project: string): Promise<StoredMap | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM field_maps WHERE project_id = $1 AND status = 'approved' ORDER BY version DESC LIMIT 1`,
    [project],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Locks the project (serialising all map writes for it) and returns its current version, locked too. */
async function lockLatest(tx: PoolClient, project: string): Promise<StoredMap | null> {
  const found = await tx.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [project]);
  if (found.rowCount === 0) throw new AppError('not_found', `There is no project "${project}".`);
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM field_maps WHERE project_id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
    [project],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

const AUDIT_KIND: Record<MapCause, string> = {
  propose: 'map.proposed',
  edit: 'map.edited',
  undo: 'map.undone',
  import: 'map.imported',
};

interface NewVersion {
  project: string;
  content: MapContent;
  createdBy: string;
  cause: MapCause;
  command?: string;
  /** Overrides the default (the version this one replaces). */
  undoTo?: number | null;
  audit?: AuditSink | undefined;
}

/** Inserts the next version and supersedes the current one. Identical content makes no new version. */
async function insertVersion(tx: PoolClient, current: StoredMap | null, input: NewVersion): Promise<StoredMap> {
  const hash = hashMapContent(input.content);
  if (current && current.document.hash === hash && input.cause !== 'undo') return current;
  const version = (current?.document.version ?? 0) + 1;
  if (current && current.document.status !== 'superseded') {
    await tx.query(
      "UPDATE field_maps SET status = 'superseded', superseded_at = now() WHERE project_id = $1 AND version = $2",
      [input.project, current.document.version],
    );
  }
  const undoTo = input.undoTo !== undefined ? input.undoTo : (current?.document.version ?? null);
  const { rows } = await tx.query<Row>(
    `INSERT INTO field_maps (project_id, version, hash, status, document, created_by, cause, command, undo_to)
     VALUES ($1, $2, $3, 'proposed', $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      input.project,
      version,
      hash,
      JSON.stringify({ objects: input.content.objects }),
      input.createdBy,
      input.cause,
      input.command ?? null,
      undoTo,
    ],
  );
  const stored = fromRow(rows[0]!);
  await input.audit?.(tx, {
    project: input.project,
    actor: input.createdBy,
    kind: AUDIT_KIND[input.cause],
    detail: {
      version,
      hash,
      ...(input.command ? { command: input.command } : {}),
      ...(current ? { superseded: current.document.version, supersededStatus: current.document.status } : {}),
    },
  });
  return stored;
}

/** Saves a proposal (from `ferry map propose`) as the next version. */
export function saveProposal(
  pool: Pool,
  input: { project: string; content: MapContent; createdBy: string; audit?: AuditSink },
): Promise<StoredMap> {
  return withTransaction(pool, async (tx) =>
    insertVersion(tx, await lockLatest(tx, input.project), { ...input, cause: 'propose' }),
  );
}

/** Saves an imported document's content as the next version (it needs approval like any other). */
export function saveImport(
  pool: Pool,
  input: { project: string; content: MapContent; createdBy: string; audit?: AuditSink },
): Promise<StoredMap> {
  return withTransaction(pool, async (tx) =>
    insertVersion(tx, await lockLatest(tx, input.project), { ...input, cause: 'import' }),
  );
}

export interface EditResult {
  map: StoredMap;
  /** One line for the person who typed the command: what changed, or `no change`. */
  summary: string;
}

/**
 * Applies one command of the edit language to the current version and saves the result as the next version
 * (`origin: "human"`). Editing an approved version supersedes it: the new version needs its own approval.
 * `undo` brings back the content before the last change, as a new version.
 */
export function editMap(
  pool: Pool,
  input: { project: string; text: string; actor: string; context: Omit<EditContext, 'actor'>; audit?: AuditSink },
): Promise<EditResult> {
  const parsed = parseEdit(input.text);
  if (!parsed.ok) return Promise.reject(new AppError('mapping_invalid', parsed.message));
  const command = parsed.command;
  return withTransaction(pool, async (tx) => {
    const current = await lockLatest(tx, input.project);
    if (!current) {
      throw new AppError(
        'not_found',
        `Project ${input.project} has no map yet. Run: ferry map propose --project ${input.project}`,
      );
    }
    const base = { project: input.project, createdBy: input.actor, command: input.text, audit: input.audit };
    if (command.kind === 'undo') {
      if (current.undoTo === null) throw new AppError('mapping_invalid', 'Nothing to undo.');
      const target = await getMap(tx, input.project, current.undoTo);
      if (!target) throw new AppError('mapping_invalid', 'Nothing to undo.');
      const map = await insertVersion(tx, current, {
        ...base,
        content: target.document,
        cause: 'undo',
        undoTo: target.undoTo,
      });
      return { map, summary: `back to the rules of version ${target.document.version}` };
    }
    const outcome = applyEdit(current.document, command, { ...input.context, actor: input.actor });
    if (!outcome.ok) throw new AppError('mapping_invalid', outcome.message);
    const map = await insertVersion(tx, current, { ...base, content: outcome.content, cause: 'edit' });
    return { map, summary: map === current ? 'no change' : outcome.summary };
  });
}

/**
 * Approves the current version. `hash` is the hash the approver was shown: if the map changed since, the
 * approval is refused (they approved something else). Approving an approved version again changes nothing.
 */
export function approveMap(
  pool: Pool,
  input: { project: string; version: number; hash: string; approver: string; audit?: AuditSink },
): Promise<StoredMap> {
  return withTransaction(pool, async (tx) => {
    const current = await lockLatest(tx, input.project);
    if (!current) throw new AppError('not_found', `Project ${input.project} has no map to approve.`);
    const { version, hash, status } = current.document;
    if (input.version !== version || input.hash !== hash) {
      throw new AppError(
        'conflict',
        `The map changed since it was shown: the current version is ${version} (${hash.slice(0, 19)}…). Review it and approve that one.`,
        { details: { current: version, hash } },
      );
    }
    if (status === 'approved') return current;
    const { rows } = await tx.query<Row>(
      `UPDATE field_maps SET status = 'approved', approved_by = $3, approved_at = now()
       WHERE project_id = $1 AND version = $2 RETURNING ${COLUMNS}`,
      [input.project, version, input.approver],
    );
    await input.audit?.(tx, {
      project: input.project,
      actor: input.approver,
      kind: 'map.approved',
      detail: { version, hash },
    });
    return fromRow(rows[0]!);
  });
}

/**
 * Approved maps of earlier projects of the same source system, newest approval first: the history the
 * first proposer reuses. A map approved and later superseded still counts: it was approved.
 */
export async function rememberedMaps(
  db: Queryable,
  sourceSystem: string,
  options: { excludeProject?: string; limit?: number } = {},
): Promise<MapContent[]> {
  // The latest approval per project, then the newest of those first (DISTINCT ON needs its own ORDER BY).
  const { rows } = await db.query<{ document: MapContent }>(
    `SELECT document FROM (
       SELECT DISTINCT ON (m.project_id) m.document, m.approved_at
         FROM field_maps m JOIN projects p ON p.id = m.project_id
        WHERE p.source_system = $1 AND m.approved_at IS NOT NULL AND m.project_id IS DISTINCT FROM $2
        ORDER BY m.project_id, m.approved_at DESC) latest
      ORDER BY approved_at DESC LIMIT $3`,
    [sourceSystem, options.excludeProject ?? null, options.limit ?? 10],
  );
  return rows.map((r) => ({ objects: r.document.objects }));
}
