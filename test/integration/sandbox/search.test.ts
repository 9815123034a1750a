import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor } from './helpers.js';

async function setup() {
  const clock = manualClock();
  const sandbox = await sandboxFor({ now: clock.now });
  const client = api(sandbox);
  const legacy = (await client.post('/api/v2/personFields', { field_name: 'Legacy id', field_type: 'varchar' })).body
    .data.field_code as string;
  const org = sandbox.createAsUser('organization', {
    name: 'Solidaris',
    address: { value: 'Rue Saint-Jean 32, Bruxelles' },
  });
  sandbox.createAsUser('person', {
    name: 'Jan Peeters',
    org_id: org.id,
    emails: [{ value: 'Jan@Example.be' }],
    phones: [{ value: '+32470123456' }],
    custom_fields: { [legacy]: 'P-0042' },
  });
  sandbox.createAsUser('person', {
    name: 'Janneke Claes',
    emails: [{ value: 'janneke@example.be' }],
    custom_fields: { [legacy]: 'P-0420' },
  });
  return { sandbox, client, clock, legacy, org };
}

describe('search', () => {
  it('finds a person by exact email, case-insensitively, in the v2 search shape', async () => {
    const { client, org } = await setup();
    const response = await client.get('/api/v2/persons/search?term=jan%40example.be&fields=email&exact_match=true');
    expect(response.body).toEqual({
      success: true,
      data: {
        items: [
          {
            result_score: 1,
            item: {
              id: 1,
              type: 'person',
              name: 'Jan Peeters',
              phones: ['+32470123456'],
              emails: ['Jan@Example.be'],
              visible_to: 3,
              owner: { id: 13_000_001 },
              organization: { id: org.id, name: 'Solidaris', address: 'Rue Saint-Jean 32, Bruxelles' },
              custom_fields: [],
              notes: [],
            },
          },
        ],
      },
      additional_data: { next_cursor: null },
    });
  });

  it('matches substrings without exact_match, and custom fields when asked', async () => {
    const { client, clock } = await setup();
    const names = (body: { data: { items: { item: { name: string } }[] } }) =>
      body.data.items.map((hit) => hit.item.name);
    expect(names((await client.get('/api/v2/persons/search?term=jan&fields=name')).body)).toEqual([
      'Jan Peeters',
      'Janneke Claes',
    ]);
    const custom = await client.get('/api/v2/persons/search?term=P-0042&fields=custom_fields&exact_match=true');
    expect(names(custom.body)).toEqual(['Jan Peeters']);
    expect(custom.body.data.items[0].item.custom_fields).toEqual(['P-0042']);
    expect((await client.get('/api/v2/persons/search?term=j')).status).toBe(400);
    expect((await client.get('/api/v2/persons/search?term=j&exact_match=true')).status).toBe(200);
    clock.advance(2_000);
    const orgs = await client.get('/api/v2/organizations/search?term=saint-jean&fields=address');
    expect(orgs.body.data.items[0].item).toMatchObject({ type: 'organization', name: 'Solidaris' });
  });

  it('searches one field with itemSearch/field, case-sensitively', async () => {
    const { client, legacy } = await setup();
    const exact = await client.get(
      `/api/v2/itemSearch/field?entity_type=person&field=${legacy}&term=P-0042&match=exact`,
    );
    expect(exact.body).toEqual({
      success: true,
      data: [{ id: 1, name: 'Jan Peeters' }],
      additional_data: { next_cursor: null },
    });
    const lower = await client.get(`/api/v2/itemSearch/field?entity_type=person&field=${legacy}&term=p-0042`);
    expect(lower.body.data).toEqual([]);
    const beginning = await client.get(
      `/api/v2/itemSearch/field?entity_type=person&field=${legacy}&term=P-04&match=beginning`,
    );
    expect(beginning.body.data.map((hit: { id: number }) => hit.id)).toEqual([2]);
    expect((await client.get('/api/v2/itemSearch/field?entity_type=person&field=nope&term=x')).status).toBe(400);
  });

  it('limits search to 10 requests per 2 seconds, with its own headers', async () => {
    const { sandbox, client, clock } = await setup();
    for (let i = 0; i < 10; i += 1) {
      const response = await client.get('/api/v2/persons/search?term=jan');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('10');
    }
    const refused = await client.get('/api/v2/persons/search?term=jan');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await client.get('/api/v2/persons')).status).toBe(200);
    expect(sandbox.state.tooManyRequests).toMatchObject({ search: 1, total: 1 });
    clock.advance(2_000);
    expect((await client.get('/api/v2/persons/search?term=jan')).status).toBe(200);
  });
});
