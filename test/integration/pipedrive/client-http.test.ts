import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { createLogger } from '../../../src/log.js';
import { createPipedriveClient, type PipedriveClientOptions } from '../../../src/pipedrive/client.js';
import type { AttemptOutcome, Permit, RateGovernor } from '../../../src/pipedrive/governor-port.js';
import { type FakePipedrive, fail, ok, startFakePipedrive } from './support/fake-pipedrive.js';

const TOKEN = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const FAST_RETRY = { retries: 3, baseDelayMs: 5, maxDelayMs: 1_000, maxRetryTimeMs: 5_000 };

let server: FakePipedrive;
let logLines: string[];

function client(overrides: Partial<PipedriveClientOptions> = {}) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  return createPipedriveClient({
    baseUrl: server.url,
    token: TOKEN,
    retry: FAST_RETRY,
    timeoutMs: 2_000,
    log: createLogger('trace', sink),
    ...overrides,
  });
}

/** Every trace of the token: in requests' URLs, logs, and the errors we hand out. */
function expectNoTokenLeak(...errors: unknown[]) {
  for (const request of server.requests) expect(request.url).not.toContain(TOKEN);
  expect(logLines.join('\n')).not.toContain(TOKEN);
  for (const error of errors) {
    const seen = new Set<unknown>();
    let current: unknown = error;
    while (current instanceof Error && !seen.has(current)) {
      seen.add(current);
      expect(
        JSON.stringify({ message: current.message, details: (current as AppError).details, stack: current.stack }),
      ).not.toContain(TOKEN);
      current = current.cause;
    }
  }
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  server = await startFakePipedrive();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  logLines = [];
});

describe('Pipedrive client over HTTP', () => {
  it('creates a person on API v2 with the token in the x-api-token header only', async () => {
    server.handle(() => ({ status: 201, body: ok({ id: 7, name: 'Jan Peeters' }) }));
    const outcome = await client().persons.create({ name: 'Jan Peeters', custom_fields: { ['a'.repeat(40)]: 'P-1' } });
    expect(outcome).toEqual({ ok: true, data: { id: 7, name: 'Jan Peeters' } });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v2/persons');
    expect(request?.headers['x-api-token']).toBe(TOKEN);
    expect(JSON.parse(String(request?.body))).toEqual({
      name: 'Jan Peeters',
      custom_fields: { ['a'.repeat(40)]: 'P-1' },
    });
    expectNoTokenLeak();
  });

  it('refuses a custom field key that is not a 40-character hash without sending anything', async () => {
    const outcome = await client().persons.create({ name: 'X', custom_fields: { patient_id: 'P-1' } });
    expect(outcome).toMatchObject({ ok: false, kind: 'rejected' });
    expect(server.requests).toHaveLength(0);
  });

  it('retries a create after a 429, honouring Retry-After', async () => {
    server.handle((_r, i) =>
      i === 0
        ? { status: 429, body: fail('Too many requests'), headers: { 'retry-after': '0.2' } }
        : { status: 201, body: ok({ id: 8 }) },
    );
    const started = Date.now();
    expect(await client().persons.create({ name: 'A' })).toEqual({ ok: true, data: { id: 8 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ['a timeout', 'hang' as const],
    ['a connection cut after sending', 'destroy' as const],
    ['a 500', { status: 500, body: fail('Internal error') }],
  ])('returns a create as uncertain after %s, without retrying it', async (_name, answer) => {
    server.handle(() => answer);
    const outcome = await client({ timeoutMs: 300 }).persons.create({ name: 'B' });
    expect(outcome).toMatchObject({ ok: false, kind: 'uncertain' });
    if (outcome.ok) throw new Error('unreachable');
    expect(outcome.error.code).toBe('pipedrive_uncertain');
    expect(server.requests).toHaveLength(1);
    expectNoTokenLeak(outcome.error);
  });

  it('retries a create whose connection was refused, then reports Pipedrive unavailable', async () => {
    const closed = await startFakePipedrive();
    const url = closed.url;
    await closed.close();
    const attempts: number[] = [];
    const error = await caught(
      client({ baseUrl: url, onExchange: (e) => attempts.push(e.attempt) }).persons.create({ name: 'C' }),
    );
    expect(error.code).toBe('pipedrive_unavailable');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expectNoTokenLeak(error);
  });

  it('retries a read through 5xx answers', async () => {
    server.handle((_r, i) =>
      i < 2 ? { status: 503, body: fail('Maintenance') } : { status: 200, body: ok({ id: 3, name: 'P' }) },
    );
    expect(await client().persons.get(3)).toEqual({ id: 3, name: 'P' });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a PATCH after a cut connection (same body, same result)', async () => {
    server.handle((_r, i) => (i === 0 ? 'destroy' : { status: 200, body: ok({ id: 3, name: 'New' }) }));
    expect(await client().persons.update(3, { name: 'New' })).toEqual({ ok: true, data: { id: 3, name: 'New' } });
    expect(server.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('counts a delete as done when its retry finds the record gone', async () => {
    server.handle((_r, i) => (i === 0 ? 'destroy' : { status: 404, body: fail('Person not found') }));
    expect(await client().persons.remove(9)).toEqual({ ok: true, data: { id: 9 } });
  });

  it('returns null for a record Pipedrive does not have', async () => {
    server.handle(() => ({ status: 404, body: fail('Person not found') }));
    expect(await client().persons.get(404)).toBeNull();
  });

  it.each([400, 404, 410, 422])('rejects the record on %i with Pipedrive’s message and goes on', async (status) => {
    server.handle(() => ({ status, body: fail('Deal title is required.') }));
    const outcome = await client().deals.create({ title: '' });
    expect(outcome).toMatchObject({ ok: false, kind: 'rejected' });
    if (outcome.ok) throw new Error('unreachable');
    expect(outcome.error.details).toMatchObject({
      method: 'POST',
      path: '/api/v2/deals',
      status,
      pipedriveError: 'Deal title is required.',
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, fail('unauthorized access', { errorCode: 401 }), 'pipedrive_unauthorized'],
    [402, fail('Payment required'), 'pipedrive_payment_required'],
    [403, '<html><body>Sorry, you have been blocked. Cloudflare Ray ID: 1</body></html>', 'pipedrive_forbidden'],
    [403, fail('Open deals limit reached.', { code: 'feature_capping_deals_limit' }), 'pipedrive_forbidden'],
  ])('stops the run on %i with a clear message and no token anywhere', async (status, body, code) => {
    server.handle(() => ({ status, body }));
    const error = await caught(client().persons.create({ name: 'D' }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/Pipedrive/);
    expect(error.cause).toBeUndefined();
    expectNoTokenLeak(error);
  });

  it('reads many records with ids= in batches of at most 100', async () => {
    server.handle((request) => {
      const ids = new URL(request.url, server.url).searchParams.get('ids')?.split(',') ?? [];
      return { status: 200, body: ok(ids.map((id) => ({ id: Number(id) }))) };
    });
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const found = await client().persons.getMany(ids);
    expect(found).toHaveLength(250);
    const batches = server.requests.map((r) => new URL(r.url, server.url).searchParams.get('ids')?.split(',').length);
    expect(batches).toEqual([100, 100, 50]);
  });

  it('walks a list by cursor with limit=500', async () => {
    server.handle((request) => {
      const cursor = new URL(request.url, server.url).searchParams.get('cursor');
      return cursor === 'c2'
        ? { status: 200, body: ok([{ id: 3 }], { next_cursor: null }) }
        : { status: 200, body: ok([{ id: 1 }, { id: 2 }], { next_cursor: 'c2' }) };
    });
    const pages: number[][] = [];
    for await (const page of client().organizations.list({ updated_since: '2026-01-01T00:00:00Z' })) {
      pages.push(page.map((o) => o.id));
    }
    expect(pages).toEqual([[1, 2], [3]]);
    const query = new URL(server.requests[0]?.url ?? '', server.url).searchParams;
    expect(query.get('limit')).toBe('500');
    expect(query.get('updated_since')).toBe('2026-01-01T00:00:00Z');
  });

  it('uploads a file as multipart form data on v1', async () => {
    server.handle(() => ({ status: 201, body: ok({ id: 11, name: 'scan.pdf' }) }));
    const outcome = await client().files.upload({
      fileName: 'scan.pdf',
      content: new Uint8Array([37, 80, 68, 70]),
      contentType: 'application/pdf',
      person_id: 7,
    });
    expect(outcome).toEqual({ ok: true, data: { id: 11, name: 'scan.pdf' } });
    const request = server.requests[0];
    expect(request?.url).toBe('/v1/files');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const text = String(request?.body);
    expect(text).toContain('filename="scan.pdf"');
    expect(text).toContain('name="person_id"');
  });

  it('sends the whole file again when an upload is retried after a 429', async () => {
    server.handle((_r, i) =>
      i === 0
        ? { status: 429, body: fail('Too many'), headers: { 'retry-after': '0' } }
        : { status: 201, body: ok({ id: 12 }) },
    );
    const outcome = await client().files.upload({
      fileName: 'a.txt',
      content: new TextEncoder().encode('hello teeth'),
      deal_id: 3,
    });
    expect(outcome).toEqual({ ok: true, data: { id: 12 } });
    expect(server.requests.map((r) => String(r.body).includes('hello teeth'))).toEqual([true, true]);
  });

  it('finds a record by a custom field value through itemSearch/field', async () => {
    server.handle(() => ({
      status: 200,
      body: ok([{ result_score: 1, item: { id: 5, name: 'Jan' } }], { next_cursor: null }),
    }));
    const hits = await client().itemSearch.field({ entity_type: 'person', field: 'b'.repeat(40), term: 'P-1' });
    expect(hits).toEqual([{ id: 5, name: 'Jan' }]);
    expect(new URL(server.requests[0]?.url ?? '', server.url).searchParams.get('match')).toBe('exact');
  });

  it('asks the governor before every attempt, with the operation’s token cost, and reports each answer', async () => {
    const calls: string[] = [];
    const governor: RateGovernor = {
      acquire: async (request) => {
        calls.push(`acquire ${request.cost}${request.search ? ' search' : ''}`);
        return {
          cost: request.cost,
          day: '2026-01-01',
          search: request.search,
          probe: false,
          windowCount: 1,
          stamp: 0,
        } satisfies Permit;
      },
      settle: async (_permit, outcome: AttemptOutcome) => {
        calls.push(`settle ${outcome.status} remaining=${outcome.headers.remaining}`);
      },
      charge: async () => {},
      status: async () => {
        throw new Error('unused');
      },
    };
    server.handle((_r, i) =>
      i === 0
        ? { status: 429, body: fail('Too many'), headers: { 'x-ratelimit-remaining': '0', 'retry-after': '0' } }
        : { status: 201, body: ok({ id: 1 }), headers: { 'x-ratelimit-remaining': '38' } },
    );
    await client({ governor }).persons.create({ name: 'E' });
    server.handle(() => ({ status: 200, body: ok({ items: [] }, { next_cursor: null }) }));
    await client({ governor }).persons.search({ term: 'jan@example.be', fields: 'email', exact_match: true });
    expect(calls).toEqual([
      'acquire 5',
      'settle 429 remaining=0',
      'acquire 5',
      'settle 201 remaining=38',
      'acquire 20 search',
      'settle 200 remaining=undefined',
    ]);
  });
});
