import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor } from './helpers.js';

describe('v2 persons', () => {
  it('creates, reads, updates and soft-deletes with Pipedrive envelopes', async () => {
    const clock = manualClock('2026-03-02T10:00:00Z');
    const sandbox = await sandboxFor({ now: clock.now });
    const client = api(sandbox);

    const created = await client.post('/api/v2/persons', {
      name: 'Jan Peeters',
      emails: [{ value: 'jan@example.be', label: 'home' }],
      phones: [{ value: '+32470123456', primary: true, label: 'mobile' }],
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      success: true,
      data: {
        id: 1,
        name: 'Jan Peeters',
        first_name: 'Jan',
        last_name: 'Peeters',
        owner_id: 13_000_001,
        org_id: null,
        add_time: '2026-03-02T10:00:00Z',
        update_time: '2026-03-02T10:00:00Z',
        emails: [{ value: 'jan@example.be', label: 'home', primary: true }],
        phones: [{ value: '+32470123456', label: 'mobile', primary: true }],
        is_deleted: false,
        visible_to: 3,
        label_ids: [],
        picture_id: null,
        custom_fields: {},
      },
    });

    clock.advance(60_000);
    const patched = await client.patch('/api/v2/persons/1', { phones: [] });
    expect(patched.body.data).toMatchObject({ name: 'Jan Peeters', phones: [], update_time: '2026-03-02T10:01:00Z' });
    expect((await client.get('/api/v2/persons/1')).body).toEqual({ success: true, data: patched.body.data });

    expect((await client.del('/api/v2/persons/1')).body).toEqual({ success: true, data: { id: 1 } });
    const gone = await client.get('/api/v2/persons/1');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ success: false, error: 'Person not found', data: null, additional_data: null });
    expect((await client.get('/api/v2/persons')).body).toEqual({
      success: true,
      data: [],
      additional_data: { next_cursor: null },
    });
    expect((await client.patch('/api/v2/persons/1', { name: 'X' })).status).toBe(404);
    expect((await client.del('/api/v2/persons/1')).status).toBe(404);
    expect(sandbox.state.record('person', 1)?.is_deleted).toBe(true);
    expect(sandbox.state.count('person')).toBe(0);
  });

  it('requires a name, or builds it from first_name and last_name', async () => {
    const client = api(await sandboxFor());
    const missing = await client.post('/api/v2/persons', { emails: [{ value: 'x@y.be' }] });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ success: false, code: 'ERR_SCHEMA_VALIDATION_FAILED' });
    const parts = await client.post('/api/v2/persons', { first_name: 'An', last_name: 'Claes' });
    expect(parts.body.data).toMatchObject({ name: 'An Claes', first_name: 'An', last_name: 'Claes' });
  });

  it('validates types strictly, owners, linked organizations and visible_to for the plan', async () => {
    const client = api(await sandboxFor({ plan: 'growth' }));
    expect((await client.post('/api/v2/persons', { name: 'A', org_id: '1' })).status).toBe(400);
    expect((await client.post('/api/v2/persons', { name: 'A', org_id: 99 })).body.error).toMatch(/org_id/);
    expect((await client.post('/api/v2/persons', { name: 'A', owner_id: 5 })).status).toBe(400);
    expect((await client.post('/api/v2/persons', { name: 'A', visible_to: 7 })).status).toBe(403);
    expect(
      (
        await client.post('/api/v2/persons', {
          name: 'A',
          emails: [
            { value: 'a', primary: true },
            { value: 'b', primary: true },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await client.post('/api/v2/persons', 'not an object')).status).toBe(400);
  });

  it('fetches a batch by ids, skipping missing ones, and refuses more than 100 ids', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    for (const name of ['A', 'B', 'C']) sandbox.createAsUser('person', { name });
    const batch = await client.get('/api/v2/persons?ids=3,1,42');
    expect(batch.body.data.map((person: { id: number }) => person.id)).toEqual([1, 3]);
    const ids = Array.from({ length: 101 }, (_, index) => index + 1).join(',');
    expect((await client.get(`/api/v2/persons?ids=${ids}`)).status).toBe(400);
  });

  it('filters by updated_since/updated_until (whole-second RFC 3339 only), owner and organization', async () => {
    const clock = manualClock('2026-03-02T10:00:00Z');
    const sandbox = await sandboxFor({
      now: clock.now,
      users: [
        { name: 'Owner', email: 'o@x.be' },
        { name: 'Dr B', email: 'b@x.be' },
      ],
    });
    const client = api(sandbox);
    const org = sandbox.createAsUser('organization', { name: 'CM' });
    sandbox.createAsUser('person', { name: 'Early' });
    clock.advance(3_600_000);
    sandbox.createAsUser('person', { name: 'Late', org_id: org.id, owner_id: 13_000_002 });
    const names = async (query: string) =>
      (await client.get(`/api/v2/persons?${query}`)).body.data.map((p: { name: string }) => p.name);
    expect(await names('updated_since=2026-03-02T11:00:00Z')).toEqual(['Late']);
    expect(await names('updated_until=2026-03-02T11:00:00Z')).toEqual(['Early']);
    expect(await names('updated_since=2026-03-02T12:00:00%2B02:00')).toEqual(['Early', 'Late']);
    expect(await names(`org_id=${org.id}`)).toEqual(['Late']);
    expect(await names('owner_id=13000002')).toEqual(['Late']);
    expect(await names('sort_by=update_time&sort_direction=desc')).toEqual(['Late', 'Early']);
    const fractional = await client.get('/api/v2/persons?updated_since=2026-03-02T11:00:00.000Z');
    expect(fractional.status).toBe(400);
    expect(fractional.body.error).toMatch(/not a valid datetime/);
    expect((await client.get('/api/v2/persons?sort_by=name')).status).toBe(400);
  });
});
