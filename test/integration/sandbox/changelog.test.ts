import { describe, expect, it } from 'vitest';
import { api, manualClock, sandboxFor } from './helpers.js';

describe('changelog', () => {
  it('records API updates as api and web-app edits as app, and bumps update_time', async () => {
    const clock = manualClock('2026-03-02T10:00:00Z');
    const sandbox = await sandboxFor({
      now: clock.now,
      users: [
        { name: 'Migration', email: 'm@x.be' },
        { name: 'Receptionist', email: 'r@x.be' },
      ],
    });
    const client = api(sandbox);
    const field = (await client.post('/api/v2/personFields', { field_name: 'Legacy id', field_type: 'varchar' })).body
      .data;
    await client.post('/api/v2/persons', { name: 'Jan', emails: [{ value: 'jan@x.be' }] });
    clock.advance(60_000);
    await client.call(
      'PATCH',
      '/api/v2/persons/1',
      { custom_fields: { [field.field_code]: 'P-1' } },
      { 'user-agent': 'ferry/0.1' },
    );
    clock.advance(60_000);
    const edited = sandbox.editAsUser('person', 1, { emails: [{ value: 'jan.peeters@x.be' }] });
    expect(edited.update_time).toBe('2026-03-02T10:02:00Z');
    expect((await client.get('/api/v2/persons?updated_since=2026-03-02T10:02:00Z')).body.data).toHaveLength(1);

    const log = await client.get('/v1/persons/1/changelog');
    expect(log.body).toEqual({
      success: true,
      data: [
        {
          field_key: 'email',
          old_value: 'jan@x.be',
          new_value: 'jan.peeters@x.be',
          actor_user_id: 13_000_002,
          time: '2026-03-02 10:02:00',
          change_source: 'app',
          change_source_user_agent: expect.stringContaining('Mozilla'),
          is_bulk_update_flag: false,
        },
        {
          field_key: field.field_code,
          old_value: null,
          new_value: 'P-1',
          actor_user_id: 13_000_001,
          time: '2026-03-02 10:01:00',
          change_source: 'api',
          change_source_user_agent: 'ferry/0.1',
          is_bulk_update_flag: false,
        },
      ],
      additional_data: { next_cursor: null },
    });
    expect(sandbox.state.changelog('person', 1)).toHaveLength(2);
  });

  it('pages the changelog with a cursor, newest first', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const deal = sandbox.createAsUser('deal', { title: 'v0' });
    for (let i = 1; i <= 5; i += 1) sandbox.editAsUser('deal', deal.id, { title: `v${i}` });
    const first = await client.get(`/v1/deals/${deal.id}/changelog?limit=2`);
    expect(first.body.data.map((entry: { new_value: string }) => entry.new_value)).toEqual(['v5', 'v4']);
    const rest = await client.get(
      `/v1/deals/${deal.id}/changelog?limit=10&cursor=${first.body.additional_data.next_cursor}`,
    );
    expect(rest.body.data.map((entry: { new_value: string }) => entry.new_value)).toEqual(['v3', 'v2', 'v1']);
    expect(rest.body.additional_data.next_cursor).toBeNull();
    expect((await client.get('/v1/organizations/9/changelog')).status).toBe(404);
  });

  it('lets the admin route simulate a web-app edit from another process', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    sandbox.createAsUser('organization', { name: 'CM' });
    const response = await client.post('/_sandbox/edit/organizations/1', { name: 'CM Brussel' });
    expect(response.body).toMatchObject({ success: true, data: { name: 'CM Brussel' } });
    expect(sandbox.state.changelog('organization', 1)[0]).toMatchObject({
      change_source: 'app',
      new_value: 'CM Brussel',
    });
    expect(sandbox.state.tokensSpentToday).toBe(0);
  });
});
