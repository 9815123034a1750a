// One worker process of the Pipedrive bench and of the multi-process governor test: creates persons
// through Ferry's client, paced by the Postgres rate governor it shares with the other workers.
// Runs on the built dist (npm run build). Input: one JSON argument; output: one JSON line on stdout.
//
//   node bench/pipedrive.worker.mjs '{"baseUrl":"…","token":"…","databaseUrl":"…","companyKey":"…",
//     "plan":"growth","count":100,"lanes":4,"prefix":"w1"}'

import { createPipedriveClient } from '../dist/pipedrive/client.js';
import { createGovernor } from '../dist/pipedrive/governor.js';
import { createPool } from '../dist/store/db.js';

const job = JSON.parse(process.argv[2] ?? '{}');
const lanes = job.lanes ?? 4;
const pool = createPool(job.databaseUrl, lanes + 2);
const governor = createGovernor({ pool, companyKey: job.companyKey, plan: job.plan, seats: job.seats ?? 1 });
const client = createPipedriveClient({ baseUrl: job.baseUrl, token: job.token, governor });

const counts = { ok: 0, rejected: 0, uncertain: 0, thrown: 0 };
let next = 0;
const started = Date.now();

async function lane() {
  while (next < job.count) {
    const index = next++;
    try {
      const outcome = await client.persons.create({ name: `${job.prefix} ${index}` });
      counts[outcome.ok ? 'ok' : outcome.kind] += 1;
    } catch {
      counts.thrown += 1;
    }
  }
}

await Promise.all(Array.from({ length: lanes }, lane));
await pool.end();
process.stdout.write(`${JSON.stringify({ ...counts, ms: Date.now() - started })}\n`);
