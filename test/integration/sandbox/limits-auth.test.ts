import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor, TOKEN } from './helpers.js';

describe('authentication and account state', () => {
  it('answers 401 with Pipedrive’s body for a missing or wrong token, without charging', async () => {
    const sandbox = await sandboxFor();
    for (const client of [api(sandbox, 'wrong'), api(sandbox, '')]) {
      const response = await client.get('/api/v2/persons');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        success: false,
        error: 'unauthorized access',
        errorCode: 401,
        error_info: expect.any(String),
        data: null,
        additional_data: null,
      });
      expect(response.headers.get('x-ratelimit-limit')).toBe('120');
    }
    expect(sandbox.state.tokensSpentToday).toBe(0);
  });

  it('accepts the legacy api_token query parameter and keeps it out of the request log', async () => {
    const sandbox = await sandboxFor();
    const response = await fetch(`${sandbox.url}/v1/users/me?api_token=${TOKEN}`);
    expect(response.status).toBe(200);
    expect(sandbox.state.requests.at(-1)?.path).toBe('/v1/users/me');
    expect((await fetch(`${sandbox.url}/api/v1/users/me?api_token=${TOKEN}`)).status).toBe(200);
  });

  it('answers 402 when unpaid and Cloudflare’s HTML 403 when blocked', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    sandbox.setAccountState('unpaid');
    expect((await client.get('/api/v2/deals')).status).toBe(402);
    sandbox.setAccountState('blocked');
    const blocked = await client.get('/api/v2/deals');
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('content-type')).toMatch(/text\/html/);
    expect(blocked.body).toContain('Cloudflare');
    sandbox.setAccountState('ok');
    expect((await client.get('/api/v2/deals')).status).toBe(200);
    expect(sandbox.state.tokensSpentToday).toBe(10);
  });

  it('answers 404 for unknown paths and 501 for spec operations it does not implement', async () => {
    const client = api(await sandboxFor());
    expect((await client.get('/api/v2/unknown')).status).toBe(404);
    const products = await client.get('/api/v2/products');
    expect(products.status).toBe(501);
    expect(products.body.success).toBe(false);
  });
});

describe('rate limits', () => {
  it('serves 429 with headers and Retry-After past the burst limit, and frees slots after 2 s', async () => {
    const clock = manualClock();
    const sandbox = await sandboxFor({ plan: 'lite', now: clock.now });
    const client = api(sandbox);
    const responses = await Promise.all(Array.from({ length: 21 }, () => client.get('/api/v2/persons/1')));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
    const refused = responses.find((response) => response.status === 429);
    expect(refused?.headers.get('x-ratelimit-limit')).toBe('20');
    expect(refused?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused?.headers.get('x-ratelimit-reset')).toBe('2');
    expect(refused?.headers.get('retry-after')).toBe('2');
    expect(refused?.body).toMatchObject({ success: false, data: null });
    expect(sandbox.state.tooManyRequests).toMatchObject({ burst: 1, total: 1 });
    expect(sandbox.state.tokensSpentToday).toBe(20);
    clock.advance(2_000);
    const again = await client.get('/api/v2/persons');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('19');
  });

  it('charges the spec’s token costs and counts them per operation', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    await client.post('/api/v2/persons', { name: 'Jan' });
    await client.get('/api/v2/persons/1');
    await client.get('/api/v2/persons');
    await client.del('/api/v2/persons/1');
    await client.post('/v1/notes', { content: 'x' }); // 400, still charged
    expect(sandbox.state.tokensSpentToday).toBe(5 + 1 + 10 + 3 + 10);
    expect(sandbox.state.operations).toEqual({
      'POST /api/v2/persons': { count: 1, tokens: 5 },
      'GET /api/v2/persons/{id}': { count: 1, tokens: 1 },
      'GET /api/v2/persons': { count: 1, tokens: 10 },
      'DELETE /api/v2/persons/{id}': { count: 1, tokens: 3 },
      'POST /v1/notes': { count: 1, tokens: 10 },
    });
    expect(sandbox.state.requests.map((entry) => entry.status)).toEqual([200, 200, 200, 200, 400]);
  });

  it('serves 429 when the daily budget is spent, until midnight UTC or a reset', async () => {
    const clock = manualClock('2026-03-02T23:00:00Z');
    const sandbox = await sandboxFor({ plan: 'lite', seats: 1, now: clock.now });
    const client = api(sandbox);
    expect(sandbox.state.dailyBudget).toBe(30_000);
    sandbox.spendTokensElsewhere(29_995);
    expect((await client.post('/api/v2/persons', { name: 'Jan' })).status).toBe(200);
    expect(sandbox.state.tokensLeftToday).toBe(0);
    const refused = await client.get('/api/v2/persons/1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(Number(refused.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(sandbox.state.tooManyRequests).toMatchObject({ daily: 1 });
    clock.set('2026-03-03T00:00:00Z');
    expect((await client.get('/api/v2/persons/1')).status).toBe(200);
    expect(sandbox.state.tokensSpentToday).toBe(1);
    sandbox.spendTokensElsewhere(30_000);
    expect((await client.get('/api/v2/persons/1')).status).toBe(429);
    sandbox.resetBudget();
    expect((await client.get('/api/v2/persons/1')).status).toBe(200);
  });

  it('adds seats and top-ups to the budget', async () => {
    const sandbox = await sandboxFor({ plan: 'growth', seats: 3, topUpTokens: 5_000 });
    expect(sandbox.state.dailyBudget).toBe(185_000);
  });
});
