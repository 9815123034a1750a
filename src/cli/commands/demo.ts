/**
 * `ferry demo` (`npm run demo`): the whole migration on a fresh machine with nothing configured —
 * embedded Postgres, an in-process Pipedrive sandbox with the practice's providers as users, a generated
 * export; then ingest, offline map, approval, preflight, sample with diff, full run, a delta from a later
 * export, reconcile and rollback, ending with one line per step.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { loadConfig } from '../../config.js';
import { generateExport } from '../../dentadmin/generate/index.js';
import { startSandbox } from '../../sandbox/index.js';
import { maskToken } from '../../security/secret-box.js';
import { openDatabase } from '../../store/open.js';
import type { CliIo, Command } from '../command.js';
import { main } from '../main.js';
import { parseFlags, parseIntFlag, runCommand } from '../support.js';

const USAGE =
  'Usage: ferry demo [--patients N] [--seed S]\nRuns the whole migration against a local sandbox: nothing leaves this machine.';

function readUsers(dir: string): { name: string; email: string }[] {
  const [header, ...rows] = iconv
    .decode(readFileSync(join(dir, 'gebruikers.csv')), 'win1252')
    .split('\r\n')
    .filter(Boolean);
  const cols = header!.split(';');
  return rows
    .map((r) => r.split(';'))
    .map((c) => ({
      name: `${c[cols.indexOf('Voornaam')]} ${c[cols.indexOf('Naam')]}`,
      email: c[cols.indexOf('E-mail')] ?? '',
    }));
}

/** A later export of the same practice: a few patients changed their e-mail address. */
function reviseExport(dir: string, changes: number): void {
  const path = join(dir, 'patienten.csv');
  const lines = iconv.decode(readFileSync(path), 'win1252').split('\r\n');
  const email = lines[0]!.split(';').indexOf('E-mail');
  let changed = 0;
  const revised = lines.map((line, i) => {
    const cells = line.split(';');
    if (i === 0 || changed >= changes || cells.length !== lines[0]!.split(';').length || !cells[email]?.includes('@'))
      return line;
    changed++;
    cells[email] = `nieuw.adres.${i}@example.be`;
    return cells.join(';');
  });
  writeFileSync(path, iconv.encode(revised.join('\r\n'), 'win1252'));
}

interface Step {
  name: string;
  code: number;
  line: string;
}

async function step(
  io: CliIo,
  steps: Step[],
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  summarise: (json: Record<string, unknown>) => string,
): Promise<boolean> {
  // Shown as a person would type it, but a token only by its last four characters, even the demo's own.
  const shown = argv.map((arg, i) => (argv[i - 1] === '--token' ? maskToken(arg) : arg));
  io.err.write(`\n== ${name}: ferry ${shown.join(' ')}\n`);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await main([...argv, '--json'], { ...io, env, out: sink });
  const out = Buffer.concat(chunks).toString('utf8');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(out) as Record<string, unknown>;
  } catch {
    // Commands without --json output (map approve) print text; their summary needs no document.
  }
  let line: string;
  try {
    line = code === 0 ? summarise(json) : 'failed (see above)';
  } catch {
    line = code === 0 ? 'ok' : 'failed (see above)';
  }
  steps.push({ name, code, line });
  return code === 0;
}

const counts = (j: Record<string, unknown>) =>
  Object.entries((j.counts as Record<string, Record<string, number>>) ?? {})
    .map(([o, c]) => `${o} ${c.created ?? 0}+${c.linked ?? 0}${c.updated ? ` ~${c.updated}` : ''}`)
    .join(', ');

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the whole migration on a local sandbox, with nothing to configure',
  usage: USAGE,
  run: (argv, io) =>
    runCommand(io, USAGE, async () => {
      const { values } = parseFlags(argv, { patients: { type: 'string' }, seed: { type: 'string' } });
      const patients = parseIntFlag(values.patients, '--patients', 200);
      const seed = parseIntFlag(values.seed, '--seed', 1);
      const config = loadConfig(io.env);
      const root = resolve(io.cwd, config.dataDir, 'demo', String(Date.now()));
      mkdirSync(root, { recursive: true });
      io.err.write(
        `Ferry demo: a generated practice of ${patients} patients, a local Pipedrive sandbox, files under ${root}\n`,
      );
      const db = await openDatabase(config);
      const exportDir = join(root, 'export');
      await generateExport({ outDir: exportDir, patients, seed, lang: 'nl', encoding: 'cp1252' });
      const token = randomBytes(12).toString('hex');
      const sandbox = await startSandbox({
        token,
        plan: 'ultimate',
        users: readUsers(exportDir),
        companyName: 'Tandartspraktijk Demo',
      });
      // A secret for this demo's stored token when none is configured (it protects only the demo's own data).
      const env = {
        ...io.env,
        DATABASE_URL: db.url,
        FERRY_SECRET_KEY: config.secretKey ?? randomBytes(24).toString('hex'),
      };
      const project = `demo-${Date.now().toString(36)}`;
      const p = ['--project', project];
      const steps: Step[] = [];
      try {
        const ok =
          (await step(
            io,
            steps,
            'ingest',
            ['ingest', ...p, exportDir],
            env,
            (j) => `${(j.files as unknown[]).length} files, ${(j.defects as unknown[]).length} defects`,
          )) &&
          (await step(
            io,
            steps,
            'map',
            ['map', 'propose', ...p, '--offline'],
            env,
            (j) => `version ${j.version}, ${(j.objects as unknown[]).length} objects (rules only, no LLM)`,
          )) &&
          (await step(
            io,
            steps,
            'approve',
            ['map', 'approve', ...p, '--as', 'demo@ferry.local'],
            env,
            () => 'approved automatically for the demo (a person approves in real use)',
          )) &&
          (await step(
            io,
            steps,
            'connect',
            ['connect', ...p, '--token', token, '--url', sandbox.url, '--plan', 'ultimate'],
            env,
            () => `sandbox ${sandbox.url}`,
          )) &&
          (await step(
            io,
            steps,
            'preflight',
            ['preflight', ...p],
            env,
            (j) =>
              `${(j.result as { passed: boolean }).passed ? 'passed' : 'blocked'}, ~${(j.tokens as { estimated: number }).estimated} tokens`,
          )) &&
          (await step(io, steps, 'sample', ['sample', ...p], env, (j) => `diff ${JSON.stringify(j.diff)}`)) &&
          (await step(
            io,
            steps,
            'run',
            ['run', ...p],
            env,
            (j) => `${counts(j)}; ${(j.tokens as { spent: number }).spent} tokens`,
          ));
        if (ok) {
          reviseExport(exportDir, 3);
          (await step(io, steps, 'delta', ['delta', ...p, exportDir], env, (j) => counts(j) || 'nothing changed')) &&
            (await step(io, steps, 'reconcile', ['reconcile', ...p], env, (j) =>
              (j.result as { ok: boolean }).ok ? 'every record present and equal' : 'differences found',
            )) &&
            (await step(
              io,
              steps,
              'rollback',
              ['rollback', ...p, '--force'],
              env,
              (j) =>
                `${(j.result as { deleted: number }).deleted} deleted, ${(j.result as { restored: number }).restored} restored; Pipedrive as before`,
            ));
        }
      } finally {
        await sandbox.stop();
        await db.close();
      }
      io.err.write('\nSummary\n');
      for (const s of steps) io.err.write(`  ${s.code === 0 ? 'ok ' : 'ERR'}  ${s.name.padEnd(10)} ${s.line}\n`);
      return steps.every((s) => s.code === 0) && steps.length === 10 ? 0 : 1;
    }),
};
