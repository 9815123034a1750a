// Benchmark of the Pipedrive client and its rate governor (a measurement, not a timed test):
// 5,000 person creates against the local sandbox at Growth (40 requests / 2 s), first with 1 worker
// process, then with 4, all sharing one governor in Postgres. Prints, per run: achieved requests per
// 2 s as a ratio of the limit (target ≥ 0.95), the busiest rolling 2 s window, 429s received (target 0
// with one worker), tokens per record (target exactly 5: no hidden reads), and whether Ferry's ledger
// equals the sandbox's own count. Runs on the built dist: `npm run bench:pipedrive`.
//
//   BENCH_RECORDS=400 npm run bench:pipedrive     # a quicker run while developing
//   BENCH_WORKERS=4 npm run bench:pipedrive       # only the 4-worker run
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../dist/config.js';
import { createGovernor } from '../dist/pipedrive/governor.js';
import { BURST_WINDOW_MS, PLANS } from '../dist/pipedrive/plans.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { canConnect } from '../dist/store/db.js';
import { openDatabase } from '../dist/store/open.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 5_000);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,4').split(',').map(Number);
const LANES = 4;
const PLAN = 'growth';
const TOKEN = 'bench-token-6d2f8a10';
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const WORKER = fileURLToPath(new URL('./pipedrive.worker.mjs', import.meta.url));
const LIMIT = PLANS[PLAN].burst;

/** DATABASE_URL; else a scratch database of this run on a local server; else Ferry's embedded Postgres. */
async function database() {
  const config = loadConfig(process.env);
  if (config.databaseUrl !== undefined || !(await canConnect(LOCAL_PG))) return openDatabase(config);
  // Named after this process, so that two benches (or a test run) never drop each other's database.
  const name = `ferry_bench_${process.pid}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: LOCAL_PG });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ ...config, databaseUrl: LOCAL_PG.replace(/\/postgres$/, `/${name}`) });
  const close = async () => {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { ...db, close };
}

function runWorker(job) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`))));
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Latency of one governor decision, on a company of its own (nothing else contends). */
async function acquireLatency(db) {
  const governor = createGovernor({
    pool: db.pool,
    companyKey: `bench:latency:${Date.now()}`,
    plan: 'ultimate',
    seats: 1,
    burst: 1e6,
  });
  const times = [];
  for (let i = 0; i < 300; i++) {
    const started = performance.now();
    await governor.tryAcquire({ cost: 0, search: false });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** How long a slot took to be reused: request i and request i − limit, in ms (p50, p95, max). */
function slotCycle(times) {
  const gaps = [];
  for (let i = LIMIT; i < times.length; i++) gaps.push(times[i] - times[i - LIMIT]);
  gaps.sort((a, b) => a - b);
  return { p50: percentile(gaps, 0.5), p95: percentile(gaps, 0.95), max: gaps.at(-1) };
}

function busiestWindow(times) {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= BURST_WINDOW_MS) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function scenario(db, workers) {
  const sandbox = await startSandbox({ token: TOKEN, plan: PLAN, seats: 1, seed: 1 });
  const companyKey = `bench:${Date.now()}:${workers}w`;
  const per = Math.ceil(RECORDS / workers);
  const started = Date.now();
  const reports = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      runWorker({
        baseUrl: sandbox.url,
        token: TOKEN,
        databaseUrl: db.url,
        companyKey,
        plan: PLAN,
        count: Math.min(per, RECORDS - i * per),
        lanes: LANES,
        prefix: `bench w${i + 1}`,
      }),
    ),
  );
  const wallMs = Date.now() - started;
  const state = sandbox.state;
  const times = state.requests
    .filter((r) => r.operation === 'POST /api/v2/persons')
    .map((r) => Date.parse(r.time))
    .sort((a, b) => a - b);
  const spanMs = times.at(-1) - times[0];
  // n requests over k whole windows and a partial one: an ideal governor sends `limit` per window.
  const perWindow = times.length / (spanMs / BURST_WINDOW_MS + 1);
  const { rows } = await db.pool.query(
    'SELECT coalesce(sum(spent), 0)::float8 AS spent, coalesce(sum(refused), 0)::int AS refused FROM pipedrive_token_ledger WHERE company_key = $1',
    [companyKey],
  );
  const created = state.count('person');
  await sandbox.stop();
  const sum = (key) => reports.reduce((total, report) => total + report[key], 0);
  return {
    workers,
    records: RECORDS,
    created,
    outcomes: { ok: sum('ok'), rejected: sum('rejected'), uncertain: sum('uncertain'), thrown: sum('thrown') },
    wallSeconds: wallMs / 1000,
    requestsPer2s: perWindow,
    ratioOfLimit: perWindow / LIMIT,
    busiestWindow: busiestWindow(times),
    slotCycleMs: slotCycle(times),
    received429: state.tooManyRequests.total,
    tokensPerRecord: state.tokensSpentToday / created,
    sandboxTokens: state.tokensSpentToday,
    ledgerTokens: rows[0].spent,
    ledgerRefused: rows[0].refused,
  };
}

const db = await database();
try {
  const latency = await acquireLatency(db);
  console.log(`governor decision latency: p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms`);
  const results = [];
  for (const workers of WORKER_COUNTS) {
    console.log(
      `\n${RECORDS} person creates at ${PLAN} (${LIMIT} requests / 2 s), ${workers} worker(s) × ${LANES} lanes …`,
    );
    const result = await scenario(db, workers);
    results.push(result);
    console.log(
      [
        `  achieved            ${result.requestsPer2s.toFixed(2)} requests / 2 s = ${result.ratioOfLimit.toFixed(3)} of the limit (target ≥ 0.95)`,
        `  busiest 2 s window  ${result.busiestWindow} (limit ${LIMIT})`,
        `  slot reused after   ${JSON.stringify(result.slotCycleMs)} ms (window ${BURST_WINDOW_MS} ms)`,
        `  429s received       ${result.received429}${workers === 1 ? ' (target 0)' : ''}`,
        `  tokens per record   ${result.tokensPerRecord} (target 5)`,
        `  ledger vs sandbox   ${result.ledgerTokens} / ${result.sandboxTokens} tokens`,
        `  outcomes            ${JSON.stringify(result.outcomes)} in ${result.wallSeconds.toFixed(1)} s`,
      ].join('\n'),
    );
  }
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./out/pipedrive.json', import.meta.url), `${JSON.stringify({ latency, results }, null, 2)}\n`);
} finally {
  await db.close();
}
