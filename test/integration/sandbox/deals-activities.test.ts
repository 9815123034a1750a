import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor } from './helpers.js';

describe('v2 organizations', () => {
  it('requires name (the spec says title, a spec bug) and keeps a full address object', async () => {
    const client = api(await sandboxFor());
    expect((await client.post('/api/v2/organizations', { title: 'CM' })).status).toBe(400);
    const created = await client.post('/api/v2/organizations', {
      name: 'CM',
      address: { value: 'Rue X 1, 1000 Bruxelles', locality: 'Bruxelles' },
    });
    expect(created.body.data).toMatchObject({
      id: 1,
      name: 'CM',
      is_deleted: false,
      address: { value: 'Rue X 1, 1000 Bruxelles', locality: 'Bruxelles', postal_code: null, country: null },
    });
    const patched = await client.patch('/api/v2/organizations/1', { address: { value: 'Elders' } });
    expect(patched.body.data.address).toMatchObject({ value: 'Elders', locality: null });
  });
});

describe('v2 deals', () => {
  it('requires a title, checks linked records and sets status times', async () => {
    const clock = manualClock();
    const sandbox = await sandboxFor({ now: clock.now });
    const client = api(sandbox);
    const person = sandbox.createAsUser('person', { name: 'Jan' });
    expect((await client.post('/api/v2/deals', { value: 10 })).status).toBe(400);
    expect((await client.post('/api/v2/deals', { title: 'T', person_id: 99 })).status).toBe(400);
    expect((await client.post('/api/v2/deals', { title: 'T', org_id: 99 })).status).toBe(400);
    const created = await client.post('/api/v2/deals', {
      title: 'Orthodontie',
      person_id: person.id,
      value: 2300,
      currency: 'EUR',
    });
    expect(created.body).toMatchObject({
      success: true,
      data: {
        id: 1,
        title: 'Orthodontie',
        person_id: person.id,
        org_id: null,
        value: 2300,
        currency: 'EUR',
        status: 'open',
        pipeline_id: 1,
        stage_id: 1,
        won_time: null,
        is_deleted: false,
        is_archived: false,
        custom_fields: {},
      },
    });
    clock.advance(1_000);
    const won = await client.patch('/api/v2/deals/1', { status: 'won' });
    expect(won.body.data).toMatchObject({
      status: 'won',
      won_time: '2026-03-02T10:00:01Z',
      close_time: '2026-03-02T10:00:01Z',
    });
    expect((await client.patch('/api/v2/deals/1', { lost_reason: 'price' })).status).toBe(400);
    expect((await client.post('/api/v2/deals', { title: 'T', stage_id: 77 })).status).toBe(400);
  });

  it('lists deleted deals only with status=deleted, and filters by person', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const jan = sandbox.createAsUser('person', { name: 'Jan' });
    sandbox.createAsUser('deal', { title: 'A', person_id: jan.id });
    sandbox.createAsUser('deal', { title: 'B' });
    await client.del('/api/v2/deals/1');
    const titles = async (query: string) =>
      (await client.get(`/api/v2/deals?${query}`)).body.data.map((d: { title: string }) => d.title);
    expect(await titles('')).toEqual(['B']);
    expect(await titles('status=deleted')).toEqual(['A']);
    expect(await titles('status=open,deleted')).toEqual(['A', 'B']);
    expect(await titles(`person_id=${jan.id}`)).toEqual([]);
    expect((await client.get('/api/v2/deals?status=nope')).status).toBe(400);
  });
});

describe('v2 activities', () => {
  it('derives person_id from the primary participant and normalises times', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const a = sandbox.createAsUser('person', { name: 'A' });
    const b = sandbox.createAsUser('person', { name: 'B' });
    const created = await client.post('/api/v2/activities', {
      subject: 'Controle',
      type: 'meeting',
      person_id: a.id,
      participants: [{ person_id: a.id }, { person_id: b.id, primary: true }],
      due_date: '2025-03-14',
      due_time: '08:30',
      duration: '00:45',
      done: true,
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({
      subject: 'Controle',
      type: 'meeting',
      person_id: b.id,
      participants: [
        { person_id: a.id, primary: false },
        { person_id: b.id, primary: true },
      ],
      due_date: '2025-03-14',
      due_time: '08:30:00',
      duration: '00:45:00',
      done: true,
      is_deleted: false,
    });
    expect(created.body.data.marked_as_done_time).toMatch(/Z$/);
    const listed = await client.get(`/api/v2/activities?person_id=${b.id}`);
    expect(listed.body.data).toHaveLength(1);
    expect((await client.get(`/api/v2/activities?person_id=${a.id}`)).body.data).toHaveLength(0);
  });

  it('refuses unknown activity types and accepts new ones created via v1', async () => {
    const client = api(await sandboxFor());
    const unknown = await client.post('/api/v2/activities', { subject: 'X', type: 'consultation' });
    expect(unknown.status).toBe(400);
    const type = await client.post('/v1/activityTypes', { name: 'Consultation (RIZIV)', icon_key: 'document' });
    expect(type.body.data).toMatchObject({ key_string: 'consultation_riziv', is_custom_flag: true, active_flag: true });
    expect((await client.post('/api/v2/activities', { subject: 'X', type: 'consultation_riziv' })).status).toBe(200);
    const types = await client.get('/v1/activityTypes');
    expect(types.body.data.map((t: { key_string: string }) => t.key_string)).toEqual([
      'call',
      'meeting',
      'task',
      'deadline',
      'email',
      'lunch',
      'consultation_riziv',
    ]);
  });

  it('sorts by due_date and filters done', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    sandbox.createAsUser('activity', { subject: 'late', due_date: '2025-05-01', done: true });
    sandbox.createAsUser('activity', { subject: 'early', due_date: '2025-01-01' });
    const subjects = async (query: string) =>
      (await client.get(`/api/v2/activities?${query}`)).body.data.map((a: { subject: string }) => a.subject);
    expect(await subjects('sort_by=due_date')).toEqual(['early', 'late']);
    expect(await subjects('done=true')).toEqual(['late']);
  });
});
