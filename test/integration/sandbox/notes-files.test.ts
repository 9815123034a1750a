import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor } from './helpers.js';

describe('v1 notes', () => {
  it('creates a back-dated note attached to a person, with the v1 shape', async () => {
    const clock = manualClock('2026-03-02T10:00:00Z');
    const sandbox = await sandboxFor({
      now: clock.now,
      users: [
        { name: 'Owner', email: 'o@x.be' },
        { name: 'Dr Claes', email: 'c@x.be' },
      ],
    });
    const client = api(sandbox);
    const person = sandbox.createAsUser('person', { name: 'Jan' });
    const created = await client.post('/v1/notes', {
      content: '<p>Allergie: penicilline</p><script>alert(1)</script>',
      person_id: person.id,
      user_id: 13_000_002,
      add_time: '2019-05-01 08:30:00',
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({
      id: 1,
      content: '<p>Allergie: penicilline</p>',
      person_id: person.id,
      deal_id: null,
      org_id: null,
      user_id: 13_000_002,
      add_time: '2019-05-01 08:30:00',
      update_time: '2026-03-02 10:00:00',
      active_flag: true,
      person: { name: 'Jan' },
      user: { email: 'c@x.be', name: 'Dr Claes', is_you: false },
    });
    clock.advance(1_000);
    const updated = await client.put('/v1/notes/1', { content: 'Updated' });
    expect(updated.body.data).toMatchObject({
      content: 'Updated',
      person_id: person.id,
      update_time: '2026-03-02 10:00:01',
    });
    expect((await client.get('/v1/notes/1')).body.data.content).toBe('Updated');
    expect((await client.del('/v1/notes/1')).body).toEqual({ success: true, data: true });
    expect((await client.get('/v1/notes/1')).status).toBe(404);
  });

  it('requires content and a parent, and a valid add_time', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const person = sandbox.createAsUser('person', { name: 'Jan' });
    expect((await client.post('/v1/notes', { person_id: person.id })).status).toBe(400);
    expect((await client.post('/v1/notes', { content: 'x' })).status).toBe(400);
    expect((await client.post('/v1/notes', { content: 'x', person_id: 99 })).status).toBe(400);
    expect(
      (await client.post('/v1/notes', { content: 'x', person_id: person.id, add_time: '2019-05-01T08:30:00Z' })).status,
    ).toBe(400);
    expect((await client.post('/v1/notes', { content: 'x', person_id: String(person.id) })).status).toBe(200);
  });

  it('lists with offset pagination and filters by person, deal and updated_since', async () => {
    const clock = manualClock('2026-03-02T10:00:00Z');
    const sandbox = await sandboxFor({ now: clock.now });
    const client = api(sandbox);
    const jan = sandbox.createAsUser('person', { name: 'Jan' });
    const an = sandbox.createAsUser('person', { name: 'An' });
    const deal = sandbox.createAsUser('deal', { title: 'D', person_id: an.id });
    for (let i = 0; i < 3; i += 1) await client.post('/v1/notes', { content: `jan ${i}`, person_id: jan.id });
    clock.advance(3_600_000);
    await client.post('/v1/notes', { content: 'deal', deal_id: deal.id });
    const page = await client.get(`/v1/notes?person_id=${jan.id}&start=0&limit=2`);
    expect(page.body.data.map((n: { content: string }) => n.content)).toEqual(['jan 0', 'jan 1']);
    expect(page.body.additional_data).toEqual({
      pagination: { start: 0, limit: 2, more_items_in_collection: true, next_start: 2 },
    });
    expect((await client.get(`/v1/notes?deal_id=${deal.id}`)).body.data).toHaveLength(1);
    const since = await client.get('/v1/notes?updated_since=2026-03-02T10:30:00Z');
    expect(since.body.data.map((n: { content: string }) => n.content)).toEqual(['deal']);
    const sorted = await client.get('/v1/notes?sort=id%20DESC&limit=1');
    expect(sorted.body.data[0].content).toBe('deal');
    await client.post('/v1/notes', { content: 'old', person_id: jan.id, add_time: '2019-05-01 08:30:00' });
    const dated = await client.get(`/v1/notes?person_id=${jan.id}&end_date=2019-12-31`);
    expect(dated.body.data.map((n: { content: string }) => n.content)).toEqual(['old']);
    expect((await client.get(`/v1/notes?person_id=${jan.id}&start_date=2020-01-01`)).body.data).toHaveLength(3);
  });
});

describe('v1 files', () => {
  function form(fields: Record<string, string>, content: Buffer, name = 'scan.pdf'): FormData {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  }

  it('uploads, lists, downloads and deletes a file attached to a person', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const person = sandbox.createAsUser('person', { name: 'Jan' });
    const content = Buffer.from('%PDF-1.4 rontgenfoto');
    const uploaded = await client.call(
      'POST',
      '/v1/files',
      form({ person_id: String(person.id) }, content, 'rx 2019.pdf'),
    );
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.data).toMatchObject({
      id: 1,
      person_id: person.id,
      deal_id: null,
      name: 'rx 2019.pdf',
      file_size: content.length,
      file_type: 'pdf',
      active_flag: true,
      person_name: 'Jan',
      url: `${sandbox.url}/v1/files/1/download`,
    });
    expect(uploaded.body.data.file_name).toMatch(/^rx 2019_[0-9a-f]{40}\.pdf$/);
    const download = await fetch(`${sandbox.url}/v1/files/1/download`, { headers: { 'x-api-token': sandbox.token } });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    expect((await client.get(`/v1/persons/${person.id}/files`)).body.data).toHaveLength(1);
    expect((await client.get('/v1/files?limit=100')).body.data).toHaveLength(1);
    expect((await client.get('/v1/files?limit=101')).status).toBe(400);
    expect((await client.del('/v1/files/1')).body).toEqual({ success: true, data: { id: 1 } });
    expect((await client.get('/v1/files/1')).status).toBe(404);
    expect(sandbox.state.count('file')).toBe(0);
  });

  it('parses a hand-written multipart body with a mixed-case boundary (as browsers send)', async () => {
    const sandbox = await sandboxFor();
    const deal = sandbox.createAsUser('deal', { title: 'Implant' });
    const boundary = '----WebKitFormBoundaryAbCdEfGh';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="deal_id"',
      '',
      String(deal.id),
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="plan.txt"',
      'Content-Type: text/plain',
      '',
      'treatment plan',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await fetch(`${sandbox.url}/v1/files`, {
      method: 'POST',
      headers: { 'x-api-token': sandbox.token, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { deal_id: number; deal_name: string } }).data).toMatchObject({
      deal_id: deal.id,
      deal_name: 'Implant',
    });
  });

  it('answers 413 above the size limit and 400 without a parent', async () => {
    const sandbox = await sandboxFor({ maxFileBytes: 1_024 });
    const client = api(sandbox);
    const person = sandbox.createAsUser('person', { name: 'Jan' });
    const tooBig = await client.call(
      'POST',
      '/v1/files',
      form({ person_id: String(person.id) }, Buffer.alloc(1_025, 1)),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ success: false, error: expect.stringContaining('1024') });
    const wayTooBig = await client.call(
      'POST',
      '/v1/files',
      form({ person_id: String(person.id) }, Buffer.alloc(3 * 1024 * 1024, 1)),
    );
    expect(wayTooBig.status).toBe(413);
    expect((await client.call('POST', '/v1/files', form({}, Buffer.from('x')))).status).toBe(400);
    expect(
      (await client.call('POST', '/v1/files', form({ person_id: String(person.id) }, Buffer.alloc(1_024, 1)))).status,
    ).toBe(200);
    expect(sandbox.state.count('file')).toBe(1);
  });
});

describe('v1 users', () => {
  it('lists the seeded users and tells who the token belongs to', async () => {
    const client = api(
      await sandboxFor({
        companyName: 'Tandartspraktijk Peeters',
        companyDomain: 'peeters-dental',
        users: [
          { name: 'Dr Peeters', email: 'peeters@praktijk.be' },
          { name: 'Assistent', email: 'assist@praktijk.be', active: false },
        ],
      }),
    );
    const me = await client.get('/v1/users/me');
    expect(me.body.data).toMatchObject({
      id: 13_000_001,
      name: 'Dr Peeters',
      email: 'peeters@praktijk.be',
      is_you: true,
      company_name: 'Tandartspraktijk Peeters',
      company_domain: 'peeters-dental',
      access: [{ app: 'global', admin: true }],
    });
    expect(typeof me.body.data.company_id).toBe('number');
    const users = await client.get('/v1/users');
    expect(users.body.data.map((u: { email: string; active_flag: boolean }) => [u.email, u.active_flag])).toEqual([
      ['peeters@praktijk.be', true],
      ['assist@praktijk.be', false],
    ]);
    expect((await client.get('/v1/users/13000002')).body.data.name).toBe('Assistent');
    expect((await client.get('/v1/users/1')).status).toBe(404);
  });
});
