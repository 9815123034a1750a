#!/usr/bin/env node
/**
 * npm run bench:migrate [-- --patients N]   (default 10,000)
 *
 * A generated practice with all its related records loaded into the Pipedrive sandbox at the Ultimate plan
 * (120 requests / 2 s) by `ferry run` with its in-process worker. Prints wall time, records/s, the achieved
 * request rate as a ratio of the burst limit (target ≥ 0.9), tokens per record against the minimum (the create
 * cost alone; target ≤ 1.05) and Ferry's CPU time per record. Uses DATABASE_URL's server (or 127.0.0.1:5432)
 * with a scratch database it drops afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import pg from 'pg';
import { main } from '../dist/cli/main.js';
import { generateExport } from '../dist/dentadmin/generate/index.js';
import { startSandbox } from '../dist/sandbox/index.js';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '10000' }, seed: { type: 'string', default: '7' } },
});
const patients = Number(values.patients);
const BURST = 120;
// The daily token budget, not the burst limit, binds a large practice on one seat (Ultimate: 210,000 tokens, 80%
// of it Ferry's; 10,000 patients need some 470,000): the run would pause until the next day. Enough seats for
// the run to fit in one day, so the burst limit is what is measured.
const SEATS = Math.max(1, Math.ceil(patients / 2500));
const TOKEN = 'bench-migrate-token-0001';

function users(dir) {
  const [header, ...rows] = iconv
    .decode(readFileSync(join(dir, 'gebruikers.csv')), 'win1252')
    .split('\r\n')
    .filter(Boolean);
  const cols = header.split(';');
  return rows
    .map((r) => r.split(';'))
    .map((c) => ({
      name: `${c[cols.indexOf('Voornaam')]} ${c[cols.indexOf('Naam')]}`,
      email: c[cols.indexOf('E-mail')],
    }));
}

async function ferry(argv, env) {
  const out = new PassThrough();
  const chunks = [];
  out.on('data', (c) => chunks.push(c));
  const code = await main([...argv, '--json'], { out, err: new PassThrough(), env, cwd: process.cwd() });
  const text = Buffer.concat(chunks).toString('utf8');
  if (code !== 0) throw new Error(`ferry ${argv.join(' ')} failed (${code}): ${text}`);
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `ferry_bench_migrate_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-migrate-'));
let sandbox;
try {
  console.log(`generating ${patients} patients…`);
  await generateExport({ outDir: dir, patients, seed: Number(values.seed), lang: 'nl', encoding: 'cp1252' });
  sandbox = await startSandbox({ token: TOKEN, plan: 'ultimate', seats: SEATS, users: users(dir) });
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    FERRY_SECRET_KEY: 'bench-secret-key-of-enough-length',
    LOG_LEVEL: 'silent',
  };
  const p = ['--project', 'bench'];
  await ferry(['ingest', ...p, dir], env);
  await ferry(['map', 'propose', ...p, '--offline'], env);
  await ferry(['map', 'approve', ...p, '--as', 'bench@ferry.local'], env);
  await ferry(
    ['connect', ...p, '--token', TOKEN, '--url', sandbox.url, '--plan', 'ultimate', '--seats', String(SEATS)],
    env,
  );
  await ferry(['preflight', ...p], env);

  const totalRequests = () => Object.values(sandbox.state.operations).reduce((n, o) => n + o.count, 0);
  const requestsBefore = totalRequests();
  const tokensBefore = sandbox.state.tokensSpentToday;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await ferry(['run', ...p], env);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  const counts = Object.values(summary.counts ?? {});
  const records = counts.reduce((n, c) => n + c.created + c.linked, 0);
  const ops = sandbox.state.operations;
  const creates = (key) => ops[key]?.count ?? 0;
  const minimumTokens =
    5 *
      (creates('POST /api/v2/persons') +
        creates('POST /api/v2/organizations') +
        creates('POST /api/v2/deals') +
        creates('POST /api/v2/activities')) +
    10 * (creates('POST /v1/notes') + creates('POST /v1/files'));
  const requests = totalRequests() - requestsBefore;
  const tokens = sandbox.state.tokensSpentToday - tokensBefore;
  console.log(`status            ${summary.status} (Ultimate, ${SEATS} seat${SEATS === 1 ? '' : 's'})`);
  console.log(`records           ${records} (${counts.length} object types)`);
  console.log(`wall time         ${seconds.toFixed(1)} s`);
  console.log(`records/s         ${(records / seconds).toFixed(1)}`);
  console.log(`requests          ${requests}`);
  console.log(
    `request rate      ${((requests / seconds) * 2).toFixed(1)} per 2 s = ${(((requests / seconds) * 2) / BURST).toFixed(3)} of the Ultimate burst (target ≥ 0.9)`,
  );
  console.log(
    `tokens            ${tokens} spent, ${minimumTokens} minimum = ${(tokens / minimumTokens).toFixed(3)}× (target ≤ 1.05)`,
  );
  console.log(
    `CPU per record    ${((cpu.user + cpu.system) / 1000 / records).toFixed(2)} ms (this process: CLI, worker, sandbox)`,
  );
  console.log(`429s              ${sandbox.state.tooManyRequests.total}`);
} finally {
  await sandbox?.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
