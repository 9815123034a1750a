#!/usr/bin/env node
// Compiles src/ to dist/ when dist is missing or older than any source file (or always with --force).
// Runs on any Node that npm runs on, so `npm install` (prepare) and the ferry launcher can both call it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIfStale({ force = false, quiet = false } = {}) {
  const marker = join(root, 'dist', 'cli', 'main.js');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) return; // installed without devDependencies: ship a prebuilt dist
  const stale = force || !existsSync(marker) || statSync(marker).mtimeMs < newestMtime(join(root, 'src'));
  if (!stale) return;
  if (!quiet) process.stderr.write('ferry: building (tsc)…\n');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale({ force: process.argv.includes('--force') });
}
