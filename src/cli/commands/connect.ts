/**
 * `ferry connect --project P --token T [--url URL] [--plan P] [--seats N] [--top-up N] [--reserve PCT]`: checks the
 * token with Pipedrive (/users/me) and stores the connection, the token sealed with FERRY_SECRET_KEY.
 * `ferry owners --project P [--set CODE=EMAIL] [--fallback EMAIL]`: resolves providers to Pipedrive users.
 */

import { createLogger } from '../../log.js';
import { connectProject } from '../../migration/engine-context.js';
import { readOwners, resolveOwners, setFallbackOwner, setOwner } from '../../migration/owners.js';
import type { PipedriveClient } from '../../pipedrive/client.js';
import { resolveConnection } from '../../pipedrive/connection.js';
import { PLANS } from '../../pipedrive/plans.js';
import { createSecretBox, maskToken } from '../../security/secret-box.js';
import { appendAudit } from '../../store/audit.js';
import { type Plan, saveConnection } from '../../store/connections.js';
import type { Pool } from '../../store/db.js';
import { approvedMap, latestMap } from '../../store/maps.js';
import { ensureProject } from '../../store/projects.js';
import type { Command } from '../command.js';
import { latestSnapshot } from '../engine-session.js';
import { configFrom, parseFlags, parseIntFlag, requireFlag, runCommand, UsageError, withDatabase } from '../support.js';
import { cliActor } from './runs.js';

const CONNECT_USAGE = `Usage: ferry connect --project P --token T [--url URL] [--plan lite|growth|premium|ultimate] [--seats N] [--top-up TOKENS] [--reserve PCT] [--json]
Checks the Pipedrive API token and stores it encrypted (FERRY_SECRET_KEY). --url overrides the API base (e.g. the sandbox).`;

export const connectCommand: Command = {
  name: 'connect',
  summary: 'connect a project to Pipedrive (token checked, stored encrypted)',
  usage: CONNECT_USAGE,
  run: (argv, io) =>
    runCommand(io, CONNECT_USAGE, async () => {
      const { values } = parseFlags(argv, {
        project: { type: 'string' },
        token: { type: 'string' },
        url: { type: 'string' },
        plan: { type: 'string' },
        seats: { type: 'string' },
        'top-up': { type: 'string' },
        reserve: { type: 'string' },
        json: { type: 'boolean' },
      });
      const project = requireFlag(values.project, '--project');
      const token = requireFlag(values.token, '--token');
      const plan = (values.plan ?? 'growth') as Plan;
      if (!(plan in PLANS)) throw new UsageError(`--plan must be one of ${Object.keys(PLANS).join(', ')}`);
      const config = configFrom(io);
      const box = createSecretBox(config.secretKey);
      const resolved = await resolveConnection({
        token,
        baseUrlOverride: values.url ?? config.pipedriveBaseUrl,
        log: createLogger('silent'),
      });
      await withDatabase(config, async (db) => {
        await ensureProject(db.pool, project);
        await saveConnection(db.pool, box, {
          project,
          baseUrl: resolved.baseUrl,
          companyId: resolved.user.company_id ?? null,
          companyName: resolved.user.company_name ?? null,
          companyDomain: resolved.user.company_domain ?? null,
          userId: resolved.user.id,
          token,
          plan,
          seats: parseIntFlag(values.seats, '--seats', 1) || 1,
          topUpTokens: parseIntFlag(values['top-up'], '--top-up', 0),
          reservePct: parseIntFlag(values.reserve, '--reserve', 20),
        });
        await appendAudit(db.pool, {
          project,
          actor: cliActor(),
          kind: 'pipedrive.connected',
          detail: {
            company: resolved.user.company_name ?? null,
            baseUrl: resolved.baseUrl,
            token: maskToken(token),
            plan,
          },
        });
      });
      const company = resolved.user.company_name ?? resolved.baseUrl;
      if (values.json) io.out.write(`${JSON.stringify({ project, company, token: maskToken(token), plan })}\n`);
      else io.err.write(`Connected ${project} to ${company} (token ${maskToken(token)}, plan ${plan}).\n`);
      return 0;
    }),
};

/** Matches the latest export's providers to Pipedrive users (what preflight does) so the list is current. */
async function resolveFromLatest(pool: Pool, client: PipedriveClient, project: string): Promise<void> {
  const map = (await approvedMap(pool, project)) ?? (await latestMap(pool, project));
  if (map === null) throw new UsageError(`project ${project} has no field map yet: run "ferry map propose" first`);
  await resolveOwners(pool, client, project, await latestSnapshot(pool, project), map.document);
}

const OWNERS_USAGE = `Usage: ferry owners --project P [--set CODE=EMAIL]... [--fallback EMAIL] [--json]
Lists providers and the Pipedrive user each maps to; --set pins one by e-mail, --fallback owns the rest.`;

export const ownersCommand: Command = {
  name: 'owners',
  summary: 'map providers (DentAdmin user codes) to Pipedrive users',
  usage: OWNERS_USAGE,
  run: (argv, io) =>
    runCommand(io, OWNERS_USAGE, async () => {
      const { values } = parseFlags(argv, {
        project: { type: 'string' },
        set: { type: 'string', multiple: true },
        fallback: { type: 'string' },
        json: { type: 'boolean' },
      });
      const project = requireFlag(values.project, '--project');
      const config = configFrom(io);
      return withDatabase(config, async (db) => {
        const deps = { pool: db.pool, log: createLogger('silent'), secretBox: createSecretBox(config.secretKey) };
        const { client } = await connectProject(deps, project);
        await resolveFromLatest(db.pool, client, project);
        if (values.set !== undefined || values.fallback !== undefined) {
          const users = await client.users.list();
          const userFor = (email: string) => {
            const user = users.find((u) => String(u.email).toLowerCase() === email.toLowerCase());
            if (user === undefined) throw new UsageError(`no Pipedrive user has the e-mail ${email}`);
            return user.id;
          };
          for (const pair of values.set ?? []) {
            const [code, email] = pair.split('=');
            if (!code || !email) throw new UsageError(`--set takes CODE=EMAIL, got "${pair}"`);
            await setOwner(db.pool, project, code, email, userFor(email), cliActor());
          }
          if (values.fallback !== undefined)
            await setFallbackOwner(db.pool, project, values.fallback, userFor(values.fallback));
          const detail = { set: values.set ?? [], fallback: values.fallback ?? null };
          await appendAudit(db.pool, { project, actor: cliActor(), kind: 'owners.set', detail });
        }
        const owners = await readOwners(db.pool, project);
        if (values.json) io.out.write(`${JSON.stringify(owners)}\n`);
        else {
          for (const p of owners.providers)
            io.out.write(
              `${p.code}\t${p.email ?? '-'}\t${p.userId ?? 'unmatched'}${p.setByHand ? '\t(set by hand)' : ''}\n`,
            );
          io.out.write(`fallback owner: ${owners.fallbackUserId ?? 'none'}\n`);
        }
        return 0;
      });
    }),
};
