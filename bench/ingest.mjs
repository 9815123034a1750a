#!/usr/bin/env node
// `npm run bench:ingest`: a benchmark, not a test. Generates a 1,000,000-patient export (patients file only is
// ingested), stages it with `ingestUpload` into a scratch database `ferry_bench`, and compares with loading the
// same file with `psql \copy` into an equivalent table.
//
// The equivalent table: one text column per CSV column, plus what staged_rows has besides the cells: a primary
// key on the row's position (an identity column) and an index on the record key (PatNr), byte-ordered as
// staged_rows' is (sql/013). Both indexes exist before the \copy and are kept row by row during it, as Ferry
// keeps the indexes of the fresh partition it COPYs a file into (sql/001_ingest.sql); Ferry's foreign-key
// checks when it attaches the partition and its defects, its validation, profile and checks across rows are
// all inside its time. psql cannot load a ragged row, so its copy of the file leaves those out (byte-identical
// otherwise; the count is printed).
//
// Each measured step runs in its own process so peak RSS is the ingest's alone. Flags:
//   --patients N   (default 1000000)   --runs R (default 1; medians printed)   --regenerate
// Database: DATABASE_URL's server when set, else postgres://postgres@127.0.0.1:5432; needs CREATE DATABASE.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
const SCRATCH_DB = 'ferry_bench';
const TARGET = { seconds: 60, rssMb: 300, ratio: 2 };

function serverUrl(database) {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

function psql(database, ...args) {
  return execFileSync('psql', [serverUrl(database), '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  });
}

/** Runs this script again as a child for one step; returns its JSON result. */
function child(step, ...args) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--step=${step}`, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`bench step ${step} failed (exit ${result.status})`);
  return JSON.parse(result.stdout);
}

async function stepGenerate(outDir, patients) {
  const { generateExport } = await import(dist('dentadmin/generate/index.js'));
  const started = performance.now();
  const summary = await generateExport({
    outDir,
    patients,
    seed: 'bench',
    lang: 'nl',
    encoding: 'cp1252',
    documents: false,
  });
  return { file: summary.files.patients, rows: summary.rows.patients, seconds: (performance.now() - started) / 1000 };
}

/**
 * CPU seconds used so far by the server processes of the scratch database's connections (the pool's), read
 * from /proc; null when the server is not on this machine or /proc cannot be read.
 */
async function backendCpuSeconds(pool) {
  try {
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    const { rows } = await pool.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'",
    );
    let ticks = 0;
    for (const { pid } of rows) {
      // Fields 14 and 15 (utime, stime) of /proc/PID/stat, counted after the command name in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / ticksPerSecond;
  } catch {
    return null;
  }
}

async function stepIngest(file) {
  const { createPool } = await import(dist('store/db.js'));
  const { ingestUpload } = await import(dist('dentadmin/ingest/ingest-upload.js'));
  const pool = createPool(serverUrl(SCRATCH_DB), 2);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const report = await ingestUpload(pool, {
    project: 'bench',
    paths: [file],
    maxDocumentBytes: 25 * 1024 * 1024,
    exportDate: '2025-11-01',
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const backendSeconds = await backendCpuSeconds(pool);
  await pool.end();
  const rows = report.entities.patients?.rows ?? 0;
  return {
    status: report.status,
    rows,
    defects: report.defects.length,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: { node: (cpu.user + cpu.system) / 1e6, postgres: backendSeconds },
  };
}

async function resetScratchDatabase() {
  psql('postgres', '-c', `DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`, '-c', `CREATE DATABASE ${SCRATCH_DB}`);
  const { createPool } = await import(dist('store/db.js'));
  const { migrate } = await import(dist('store/migrate.js'));
  const pool = createPool(serverUrl(SCRATCH_DB), 1);
  await migrate(pool);
  await pool.end();
}

/** Copies the CSV without its ragged records (psql refuses them), keeping every other byte as it is. */
async function withoutRaggedRows(source, target) {
  const out = createWriteStream(target);
  let header = null;
  let record = '';
  let quotes = 0;
  let dropped = 0;
  const countFields = (text) => {
    let fields = 1;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === ';' && !quoted) fields++;
    }
    return fields;
  };
  let pending = '';
  const flushLine = (line) => {
    record += line;
    for (let i = 0; i < line.length; i++) if (line[i] === '"') quotes++;
    if (quotes % 2 === 1) return; // a quoted field goes on on the next line
    const fields = countFields(record);
    header ??= fields;
    if (fields === header) out.write(Buffer.from(record, 'latin1'));
    else dropped++;
    record = '';
    quotes = 0;
  };
  for await (const chunk of createReadStream(source, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    pending += chunk;
    let at = pending.indexOf('\n');
    let from = 0;
    while (at !== -1) {
      flushLine(pending.slice(from, at + 1));
      from = at + 1;
      at = pending.indexOf('\n', from);
    }
    pending = pending.slice(from);
  }
  if (pending !== '') flushLine(pending);
  await new Promise((resolve) => out.end(resolve));
  return { dropped, columns: header };
}

/** The CSV's first header (the record key, which the baseline indexes). */
function firstColumnName(file) {
  const head = Buffer.alloc(256);
  const fd = openSync(file, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  return head.toString('latin1', 0, got).split(/[;\r\n]/)[0];
}

function stepPsqlCopy(file, columns) {
  const cols = Array.from({ length: columns }, (_, i) => `c${i + 1}`);
  psql(
    SCRATCH_DB,
    '-c',
    'DROP TABLE IF EXISTS bench_copy',
    '-c',
    `CREATE TABLE bench_copy (line bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${cols.map((c) => `${c} text`).join(', ')})`,
    '-c',
    'CREATE INDEX bench_copy_record ON bench_copy (c1 COLLATE "C")',
  );
  const started = performance.now();
  psql(
    SCRATCH_DB,
    '-c',
    `\\copy bench_copy (${cols.join(', ')}) FROM '${file}' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'WIN1252')`,
  );
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * Writes out what the previous step left dirty, so each measured step starts from a quiet server rather than
 * paying for the other's checkpoint (a million staged rows write ~600 MB of WAL; max_wal_size is 1 GB).
 */
function checkpoint() {
  psql(SCRATCH_DB, '-c', 'CHECKPOINT');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The ingest's CPU time: its own process (every thread) and its Postgres backend. On C cores the wall time
 * cannot go below their sum / C, whatever runs in parallel: that is the floor this line shows.
 */
function cpuLine(nodeSeconds, backendSeconds, wallSeconds) {
  const cores = availableParallelism();
  if (backendSeconds === null) return `ingest CPU:  node ${nodeSeconds.toFixed(1)} s (Postgres backend not readable)`;
  const total = nodeSeconds + backendSeconds;
  return (
    `ingest CPU:  node ${nodeSeconds.toFixed(1)} s + Postgres backend ${backendSeconds.toFixed(1)} s = ` +
    `${total.toFixed(1)} s in ${wallSeconds.toFixed(1)} s (${(total / wallSeconds).toFixed(2)} of ${cores} cores busy; ` +
    `floor on ${cores} cores: ${(total / cores).toFixed(1)} s)`
  );
}

async function orchestrate(values) {
  const { buildIfStale } = await import(pathToFileURL(join(root, 'bin', 'build.mjs')).href);
  buildIfStale({ quiet: true });
  const patients = Number(values.patients ?? 1_000_000);
  const outDir = join(root, 'bench', 'out', `export-${patients}`);
  const marker = join(outDir, 'done.json');
  if (values.regenerate || !existsSync(marker)) {
    mkdirSync(outDir, { recursive: true });
    process.stderr.write(`bench: generating ${patients} patients into ${outDir}…\n`);
    writeFileSync(marker, JSON.stringify(child('generate', outDir, String(patients))));
  }
  const generated = JSON.parse(readFileSync(marker, 'utf8'));
  const clean = join(outDir, 'patienten-for-psql.csv');
  const { dropped, columns } = await withoutRaggedRows(generated.file, clean);
  const header = firstColumnName(clean);
  const runs = [];
  for (let run = 1; run <= Number(values.runs ?? 1); run++) {
    await resetScratchDatabase();
    checkpoint();
    const ingest = child('ingest', generated.file);
    checkpoint();
    const copy = stepPsqlCopy(clean, columns);
    runs.push({ ingest, copy, ratio: ingest.seconds / copy.seconds });
    process.stderr.write(
      `bench: run ${run}: ingest ${ingest.seconds.toFixed(1)} s, psql \\copy ${copy.seconds.toFixed(1)} s\n`,
    );
  }
  psql('postgres', '-c', `DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`);
  const seconds = median(runs.map((r) => r.ingest.seconds));
  const rows = runs[0].ingest.rows;
  const rss = median(runs.map((r) => r.ingest.maxRssMb));
  const copySeconds = median(runs.map((r) => r.copy.seconds));
  const ratio = median(runs.map((r) => r.ratio));
  const nodeCpu = median(runs.map((r) => r.ingest.cpuSeconds.node));
  const backendCpu = runs.some((r) => r.ingest.cpuSeconds.postgres === null)
    ? null
    : median(runs.map((r) => r.ingest.cpuSeconds.postgres));
  const mark = (ok) => (ok ? 'ok' : 'OVER TARGET');
  const lines = [
    `patients file: ${rows} rows (${generated.file}), ${runs[0].ingest.defects} defects; ${runs.length} run(s), medians:`,
    `ingest:      ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s   [target <= ${TARGET.seconds} s: ${mark(seconds <= TARGET.seconds)}]`,
    `peak RSS:    ${Math.round(rss)} MB   [target <= ${TARGET.rssMb} MB: ${mark(rss <= TARGET.rssMb)}]`,
    cpuLine(nodeCpu, backendCpu, seconds),
    `psql \\copy: ${copySeconds.toFixed(1)} s into ${columns} text columns + identity primary key + index on ${header}, both kept during the load (${dropped} ragged rows left out, which psql cannot load)`,
    `ratio:       ${ratio.toFixed(2)}   [target <= ${TARGET.ratio}: ${mark(ratio <= TARGET.ratio)}]`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const { values, positionals } = parseArgs({
  options: {
    step: { type: 'string' },
    patients: { type: 'string' },
    runs: { type: 'string' },
    regenerate: { type: 'boolean' },
  },
  allowPositionals: true,
});
if (values.step === 'generate')
  process.stdout.write(JSON.stringify(await stepGenerate(positionals[0], Number(positionals[1]))));
else if (values.step === 'ingest') process.stdout.write(JSON.stringify(await stepIngest(positionals[0])));
else await orchestrate(values);
