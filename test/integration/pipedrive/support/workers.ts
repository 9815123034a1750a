/**
 * Runs worker processes (bench/pipedrive.worker.mjs, on the built dist) and collects their reports.
 * The build is incremental: bin/build.mjs compiles only when a source is newer than dist.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('../../../../bench/pipedrive.worker.mjs', import.meta.url));

export interface WorkerJob {
  baseUrl: string;
  token: string;
  databaseUrl: string;
  companyKey: string;
  plan: string;
  count: number;
  lanes: number;
  prefix: string;
}

export interface WorkerReport {
  ok: number;
  rejected: number;
  uncertain: number;
  thrown: number;
  ms: number;
}

/**
 * Compiles src to dist when a source is newer (bin/build.mjs). Type errors are the type-check gate's
 * business (npm test runs tsc --noEmit first) and tsc still emits JavaScript, so only a missing output fails.
 */
export function buildDist(): void {
  const result = spawnSync(process.execPath, ['bin/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  const needed = ['dist/pipedrive/client.js', 'dist/pipedrive/governor.js', 'dist/store/db.js'];
  const missing = needed.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0)
    throw new Error(`build failed (${missing.join(', ')} missing):\n${result.stdout}${result.stderr}`);
}

export function runWorker(job: WorkerJob): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim()) as WorkerReport);
    });
  });
}
