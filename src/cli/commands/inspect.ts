/** `ferry status|fields|audit --project P`: what a project looks like now; nothing is changed. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { latestRuns } from '../../migration/runs.js';
import { readAudit, verifyChain } from '../../store/audit.js';
import { findConnection } from '../../store/connections.js';
import { latestMap } from '../../store/maps.js';
import type { Command } from '../command.js';
import { runSummary } from '../run-summary.js';
import { configFrom, parseFlags, requireFlag, runCommand, withDatabase } from '../support.js';

function simpleCommand(
  name: string,
  summary: string,
  usage: string,
  flags: Record<string, { type: 'boolean' | 'string' }>,
  body: (
    pool: import('../../store/db.js').Pool,
    project: string,
    values: Record<string, unknown>,
    io: import('../command.js').CliIo,
  ) => Promise<number>,
): Command {
  return {
    name,
    summary,
    usage,
    run: (argv, io) =>
      runCommand(io, usage, async () => {
        const { values } = parseFlags(argv, { project: { type: 'string' }, json: { type: 'boolean' }, ...flags });
        const project = requireFlag(values.project as string | undefined, '--project');
        return withDatabase(configFrom(io), (db) => body(db.pool, project, values as Record<string, unknown>, io));
      }),
  };
}

export const statusCommand = simpleCommand(
  'status',
  'the project at a glance: connection, map, latest runs',
  'Usage: ferry status --project P [--json]',
  {},
  async (pool, project, values, io) => {
    const connection = await findConnection(pool, project);
    const map = await latestMap(pool, project);
    const runs = (await latestRuns(pool, project, 10)).map(runSummary);
    const status = {
      project,
      connection:
        connection === null
          ? null
          : { company: connection.companyName, token: `…${connection.tokenLast4}`, plan: connection.plan },
      map:
        map === null
          ? null
          : {
              version: map.document.version,
              status: map.document.status,
              hash: map.document.hash,
              approved_by: map.document.approved_by,
            },
      runs,
    };
    if (values.json) {
      io.out.write(`${JSON.stringify(status)}\n`);
      return 0;
    }
    io.out.write(`project ${project}\n`);
    io.out.write(
      `pipedrive: ${status.connection ? `${status.connection.company} (token ${status.connection.token}, ${status.connection.plan})` : 'not connected'}\n`,
    );
    io.out.write(`map: ${status.map ? `version ${status.map.version}, ${status.map.status}` : 'none'}\n`);
    for (const run of runs) io.out.write(`run ${run.run}: ${run.kind} ${run.status}, ${run.tokens.spent} tokens\n`);
    return 0;
  },
);

export const fieldsCommand = simpleCommand(
  'fields',
  'the custom fields Ferry uses: label → Pipedrive key (for automations)',
  'Usage: ferry fields --project P [--json]',
  {},
  async (pool, project, values, io) => {
    const { rows } = await pool.query(
      `SELECT object, label, field_code, field_type, created_by_ferry, deleted_at IS NOT NULL AS deleted
       FROM field_registry WHERE project_id = $1 ORDER BY object, label`,
      [project],
    );
    if (values.json) io.out.write(`${JSON.stringify(rows)}\n`);
    else
      for (const r of rows)
        io.out.write(
          `${r.object}\t${r.label}\t${r.field_code}\t${r.field_type}${r.created_by_ferry ? '\tcreated by Ferry' : ''}${r.deleted ? '\tdeleted' : ''}\n`,
        );
    return 0;
  },
);

export const auditCommand = simpleCommand(
  'audit',
  'the audit trail: every decision and every write; --verify checks the hash chain',
  'Usage: ferry audit --project P [--verify] [--export FILE] [--json]',
  { verify: { type: 'boolean' }, export: { type: 'string' } },
  async (pool, project, values, io) => {
    const rows = await readAudit(pool, project);
    const verification = verifyChain(rows);
    if (typeof values.export === 'string') {
      const lines = rows.map((r) => [r.id, r.at, r.actor, r.kind, JSON.stringify(r.detail), r.prevHash, r.hash]);
      writeFileSync(values.export, stringify([['id', 'at', 'actor', 'kind', 'detail', 'prev_hash', 'hash'], ...lines]));
    }
    const kinds: Record<string, number> = {};
    for (const r of rows) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    if (values.json) io.out.write(`${JSON.stringify({ project, rows: rows.length, verified: verification, kinds })}\n`);
    else {
      io.out.write(
        `${rows.length} audit rows; ${Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}\n`,
      );
      if (values.verify)
        io.out.write(verification.ok ? 'hash chain verified\n' : `hash chain BROKEN at row ${verification.brokenAt}\n`);
    }
    return values.verify && !verification.ok ? 1 : 0;
  },
);
