import { describe, expect, it } from 'vitest';
import { api, sandboxFor } from './helpers.js';

describe('v2 cursor pagination', () => {
  it('pages through more than 500 records with limit 500, next_cursor null at the end', async () => {
    const sandbox = await sandboxFor();
    for (let i = 1; i <= 1_234; i += 1) sandbox.createAsUser('person', { name: `Patient ${i}` });
    const client = api(sandbox);
    const seen: number[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=500&cursor=${encodeURIComponent(cursor)}` : 'limit=500';
      const response = await client.get(`/api/v2/persons?${query}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.data.map((person: { id: number }) => person.id));
      pageSizes.push(response.body.data.length);
      cursor = response.body.additional_data.next_cursor;
    } while (cursor);
    expect(pageSizes).toEqual([500, 500, 234]);
    expect(seen).toEqual(Array.from({ length: 1_234 }, (_, index) => index + 1));
    expect(sandbox.state.operations['GET /api/v2/persons']).toEqual({ count: 3, tokens: 30 });
  });

  it('defaults to 100 per page and refuses a limit above 500', async () => {
    const sandbox = await sandboxFor();
    for (let i = 1; i <= 150; i += 1) sandbox.createAsUser('organization', { name: `Org ${i}` });
    const client = api(sandbox);
    const first = await client.get('/api/v2/organizations');
    expect(first.body.data).toHaveLength(100);
    expect(typeof first.body.additional_data.next_cursor).toBe('string');
    const second = await client.get(`/api/v2/organizations?cursor=${first.body.additional_data.next_cursor}`);
    expect(second.body.data).toHaveLength(50);
    expect(second.body.additional_data.next_cursor).toBeNull();
    expect((await client.get('/api/v2/organizations?limit=501')).status).toBe(400);
    expect((await client.get('/api/v2/organizations?cursor=garbage')).status).toBe(400);
  });

  it('keeps a descending walk stable while new records are created', async () => {
    const sandbox = await sandboxFor();
    for (let i = 1; i <= 5; i += 1) sandbox.createAsUser('person', { name: `P${i}` });
    const client = api(sandbox);
    const first = await client.get('/api/v2/persons?limit=2&sort_direction=desc');
    expect(first.body.data.map((p: { id: number }) => p.id)).toEqual([5, 4]);
    sandbox.createAsUser('person', { name: 'P6' });
    const rest = await client.get(`/api/v2/persons?limit=10&cursor=${first.body.additional_data.next_cursor}`);
    expect(rest.body.data.map((p: { id: number }) => p.id)).toEqual([3, 2, 1]);
  });
});
