/** `ferry sandbox`: runs the local Pipedrive sandbox until Ctrl+C, for demos and migration rehearsals. */

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PLANS, type Plan, type Sandbox, type SeedUser, startSandbox } from '../../sandbox/index.js';
import { BURST_REQUESTS_PER_WINDOW, SEARCH_REQUESTS_PER_WINDOW } from '../../sandbox/plans.js';
import type { CliIo, Command } from '../command.js';
import { parseFlags, parseIntFlag, parseRateFlag, runCommand, UsageError } from '../support.js';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: ferry sandbox [--port 4010] [--host 127.0.0.1] [--token T] [--plan lite|growth|premium|ultimate]
                     [--seats N] [--users FILE] [--state FILE] [--fail-rate R] [--drop-rate R] [--latency MS]
                     [--seed N]

Runs a local Pipedrive sandbox: Pipedrive's paths (/api/v2, /v1), shapes, token costs and rate limits,
so that a migration can be rehearsed without touching the practice's real Pipedrive. Stops on Ctrl+C.

  --port N         TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H         interface to listen on (default 127.0.0.1)
  --token T        the API token clients must send in x-api-token (default: a random one, printed)
  --plan P         lite, growth, premium or ultimate (default lite): sets the limits
  --seats N        paid seats; multiplies the daily token budget (default 1)
  --users FILE     JSON array of { "name", "email", "active"? }; the first user owns the token
  --state FILE     keep the sandbox's data in FILE (loaded at start, saved after writes and on stop)
  --fail-rate R    share of requests answered 429/500/503 at random, 0..1 (default 0)
  --drop-rate R    share of writes committed, then left unanswered, 0..1 (default 0)
  --latency MS     delay added to every answer (default 0)
  --seed N         seed of the fault injection, to replay a run (default: random, printed)`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  plan: { type: 'string' },
  seats: { type: 'string' },
  users: { type: 'string' },
  state: { type: 'string' },
  'fail-rate': { type: 'string' },
  'drop-rate': { type: 'string' },
  latency: { type: 'string' },
  seed: { type: 'string' },
} as const;

const usersFile = z
  .array(z.object({ name: z.string().min(1), email: z.email(), active: z.boolean().optional() }))
  .min(1, 'must list at least one user');

async function readUsers(path: string): Promise<SeedUser[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--users ${path}: ${(error as Error).message}`);
  }
  const result = usersFile.safeParse(parsed);
  if (!result.success) throw new UsageError(`--users ${path}: ${z.prettifyError(result.error)}`);
  return result.data.map((user) => ({
    name: user.name,
    email: user.email,
    ...(user.active === undefined ? {} : { active: user.active }),
  }));
}

function parsePlan(value: string | undefined): Plan {
  if (value === undefined) return 'lite';
  if ((PLANS as readonly string[]).includes(value)) return value as Plan;
  throw new UsageError(`--plan must be one of ${PLANS.join(', ')}, got "${value}"`);
}

function banner(sandbox: Sandbox, generatedToken: boolean, statePath: string | undefined): string {
  const state = sandbox.state;
  const faults = state.faults;
  const seats = `${state.seats} seat${state.seats === 1 ? '' : 's'}`;
  return [
    `Pipedrive sandbox listening on ${sandbox.url}  (API under /api/v2 and /v1)`,
    `  token   ${sandbox.token}${generatedToken ? '   (generated: pass --token to choose one)' : ''}`,
    `  plan    ${state.plan}, ${seats}: ${state.dailyBudget.toLocaleString('en')} tokens a day, ` +
      `${BURST_REQUESTS_PER_WINDOW[state.plan]} requests per 2 s (search ${SEARCH_REQUESTS_PER_WINDOW})`,
    `  state   ${statePath ?? 'in memory (pass --state FILE to keep it)'}`,
    `  faults  fail ${faults.failRate}, drop ${faults.dropRate}, latency ${faults.latencyMs} ms, seed ${state.seed}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolvePromise) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Runs the sandbox until `waitForStop` resolves (by default: until SIGINT/SIGTERM). Tests pass their
 * own `waitForStop`, which receives the running sandbox.
 */
export function runSandbox(
  argv: string[],
  io: CliIo,
  waitForStop: (sandbox: Sandbox) => Promise<void> = untilSignal,
): Promise<number> {
  return runCommand(io, USAGE, async () => {
    const { values, positionals } = parseFlags(argv, FLAGS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = parseIntFlag(values.port, '--port', DEFAULT_PORT);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535, got "${port}"`);
    const seats = parseIntFlag(values.seats, '--seats', 1);
    if (seats < 1) throw new UsageError('--seats must be at least 1');
    const statePath = values.state === undefined ? undefined : resolve(io.cwd, values.state);
    const token = values.token ?? randomBytes(20).toString('hex');
    const seed = values.seed === undefined ? undefined : parseIntFlag(values.seed, '--seed', 0);
    const sandbox = await startSandbox({
      port,
      host: values.host ?? '127.0.0.1',
      token,
      plan: parsePlan(values.plan),
      seats,
      failRate: parseRateFlag(values['fail-rate'], '--fail-rate', 0),
      dropRate: parseRateFlag(values['drop-rate'], '--drop-rate', 0),
      latencyMs: parseIntFlag(values.latency, '--latency', 0),
      ...(values.users === undefined ? {} : { users: await readUsers(resolve(io.cwd, values.users)) }),
      ...(statePath === undefined ? {} : { statePath }),
      ...(seed === undefined ? {} : { seed }),
    });
    io.err.write(banner(sandbox, values.token === undefined, statePath));
    try {
      await waitForStop(sandbox);
    } finally {
      await sandbox.stop();
    }
    const spent = sandbox.state.tokensSpentToday.toLocaleString('en');
    io.err.write(`Sandbox stopped (${spent} tokens spent today, ${sandbox.state.tooManyRequests.total} × 429).\n`);
    return 0;
  });
}

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'Run a local Pipedrive sandbox (same API, costs and rate limits) to rehearse a migration',
  usage: USAGE,
  run: (argv, io) => runSandbox(argv, io),
};
