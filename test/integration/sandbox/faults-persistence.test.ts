import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { api, sandboxFor, TOKEN } from './helpers.js';

describe('faults', () => {
  it('commits a dropped write: the client sees a socket error, the record exists and was charged', async () => {
    const sandbox = await sandboxFor({ dropRate: 1 });
    const request = fetch(`${sandbox.url}/api/v2/persons`, {
      method: 'POST',
      headers: { 'x-api-token': TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Jan' }),
    });
    await expect(request).rejects.toThrow(/fetch failed/);
    expect(sandbox.state.count('person')).toBe(1);
    expect(sandbox.state.droppedWrites).toBe(1);
    expect(sandbox.state.tokensSpentToday).toBe(5);
    expect(sandbox.state.requests.at(-1)).toMatchObject({ outcome: 'dropped', status: 200 });
    // Reads are never dropped; a naive retry of the POST would duplicate the person.
    sandbox.setFaults({ dropRate: 0 });
    expect((await api(sandbox).get('/api/v2/persons')).body.data).toHaveLength(1);
  });

  it('fails requests before doing anything, with 429/500/503 and no charge', async () => {
    const sandbox = await sandboxFor({ failRate: 1, seed: 3 });
    const client = api(sandbox);
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i += 1) {
      const response = await client.post('/api/v2/persons', { name: `P${i}` });
      statuses.add(response.status);
      expect(response.headers.get('x-sandbox-fault')).toBe('injected');
    }
    expect(statuses).toEqual(new Set([429, 500, 503]));
    expect(sandbox.state.count('person')).toBe(0);
    expect(sandbox.state.tokensSpentToday).toBe(0);
    expect(sandbox.state.faultsInjected).toBe(30);
    sandbox.setFaults({ failRate: 0 });
    expect((await client.post('/api/v2/persons', { name: 'ok' })).status).toBe(200);
  });

  it('adds latency', async () => {
    const sandbox = await sandboxFor({ latencyMs: 120 });
    const started = performance.now();
    await api(sandbox).get('/v1/users/me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('persistence', () => {
  it('saves the state atomically and loads it on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-sandbox-'));
    const statePath = join(dir, 'state.json');
    const first = await startSandbox({ token: TOKEN, plan: 'growth', statePath });
    const client = api(first);
    const field = (await client.post('/api/v2/personFields', { field_name: 'Legacy id', field_type: 'varchar' })).body
      .data;
    await client.post('/api/v2/persons', { name: 'Jan', custom_fields: { [field.field_code]: 'P-1' } });
    const form = new FormData();
    form.append('file', new Blob(['scan']), 'scan.txt');
    form.append('person_id', '1');
    await client.call('POST', '/v1/files', form);
    const before = first.snapshot();
    const spent = first.state.tokensSpentToday;
    await first.stop();
    expect(existsSync(statePath)).toBe(true);
    expect(readdirSync(dir)).toEqual(['state.json']);

    const second = await startSandbox({ token: TOKEN, plan: 'growth', statePath });
    try {
      expect(second.snapshot()).toEqual(before);
      expect(second.state.tokensSpentToday).toBe(spent);
      const again = api(second);
      expect((await again.post('/api/v2/persons', { name: 'An' })).body.data.id).toBe(2);
      const download = await fetch(`${second.url}/v1/files/1/download`, { headers: { 'x-api-token': TOKEN } });
      expect(await download.text()).toBe('scan');
    } finally {
      await second.stop();
    }
  });

  it('refuses a file that is not a sandbox state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-sandbox-'));
    const statePath = join(dir, 'other.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(statePath, '{"hello":1}');
    await expect(startSandbox({ token: TOKEN, plan: 'lite', statePath })).rejects.toThrow(/not a Ferry sandbox state/);
  });
});
