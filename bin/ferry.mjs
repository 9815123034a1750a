#!/usr/bin/env node
// The `ferry` command. Ferry needs Node >= 22.12: on an older node this launcher re-runs itself
// under the Node 22 that scripts/node22 provides, builds dist/ if it is stale, then starts the CLI.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < 22 || (major === 22 && minor < 12)) {
  const args = ['node', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const result = spawnSync('sh', [join(root, 'scripts', 'node22'), ...args], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const { buildIfStale } = await import('./build.mjs');
buildIfStale({ quiet: !process.stderr.isTTY });
const { main } = await import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href);
process.exitCode = await main(process.argv.slice(2));
