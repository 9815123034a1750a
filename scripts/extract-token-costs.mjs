#!/usr/bin/env node
// Extracts the `x-token-cost` of every operation in Pipedrive's OpenAPI files into the generated
// table of src/pipedrive/token-costs.ts (between its BEGIN/END GENERATED markers).
//
// The runtime never parses YAML; only this script does, with the `yaml` package fetched for the run:
//   sh scripts/node22 npm exec --yes --package=yaml@2 -- node scripts/extract-token-costs.mjs [SPEC_DIR]
// SPEC_DIR holds openapi-v1.yml and openapi-v2.yml (default: ../shared/pipedrive next to the repo).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'pipedrive'));
const target = join(root, 'src', 'pipedrive', 'token-costs.ts');
const BEGIN = '// BEGIN GENERATED TOKEN COSTS (scripts/extract-token-costs.mjs)';
const END = '// END GENERATED TOKEN COSTS';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `npm exec --package=yaml` puts the package's .bin on PATH but not on the module path: look there. */
function loadYaml() {
  const candidates = [join(root, 'noop.js')];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.endsWith(`node_modules${sep}.bin`)) candidates.push(join(dir, '..', 'noop.js'));
  }
  for (const from of candidates) {
    try {
      return createRequire(from)('yaml');
    } catch {
      // not installed there
    }
  }
  throw new Error('the yaml package is missing: run this script through `npm exec --package=yaml@2`');
}

function extract(YAML, version, file) {
  const text = readFileSync(join(specDir, file), 'utf8');
  const spec = YAML.parse(text);
  const rows = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const cost = operation['x-token-cost'];
      if (!Number.isInteger(cost) || cost < 0) {
        throw new Error(`${file}: ${method.toUpperCase()} ${path} has no integer x-token-cost (${cost})`);
      }
      rows.push([version, method.toUpperCase(), path, cost]);
    }
  }
  const sha = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return {
    rows,
    provenance: `${file} (info.version ${spec.info?.version}, sha256 ${sha}…): ${rows.length} operations`,
  };
}

const YAML = loadYaml();
const v1 = extract(YAML, 'v1', 'openapi-v1.yml');
const v2 = extract(YAML, 'v2', 'openapi-v2.yml');
const order = (m) => METHODS.indexOf(m.toLowerCase());
const rows = [...v1.rows, ...v2.rows].sort(
  (a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]) || order(a[1]) - order(b[1]),
);

const generated = [
  BEGIN,
  `// From ${v1.provenance}`,
  `// and ${v2.provenance}.`,
  'const GENERATED_COSTS: readonly (readonly [ApiVersion, HttpMethod, string, number])[] = [',
  ...rows.map(([version, method, path, cost]) => `  ['${version}', '${method}', '${path}', ${cost}],`),
  '];',
  END,
].join('\n');

const source = readFileSync(target, 'utf8');
const start = source.indexOf(BEGIN);
const end = source.indexOf(END);
if (start < 0 || end < start) throw new Error(`${target}: generated-table markers not found`);
writeFileSync(target, source.slice(0, start) + generated + source.slice(end + END.length));
process.stderr.write(`token costs: ${rows.length} operations written to ${target}\n`);
