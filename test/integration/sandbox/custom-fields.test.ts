import { describe, expect, it } from 'vitest';
import { CUSTOM_FIELD_LIMIT_CODE } from '../../../src/sandbox/index.js';
import { api, manualClock, sandboxFor } from './helpers.js';

describe('custom fields', () => {
  it('creates fields with a random 40-hex field_code and lists them after the standard fields', async () => {
    const client = api(await sandboxFor());
    const created = await client.post('/api/v2/personFields', {
      field_name: 'Mutualiteit',
      field_type: 'enum',
      options: [{ label: 'CM' }, { label: 'Solidaris' }],
    });
    expect(created.status).toBe(200);
    const field = created.body.data;
    expect(field.field_code).toMatch(/^[0-9a-f]{40}$/);
    expect(field).toMatchObject({
      field_name: 'Mutualiteit',
      field_type: 'enum',
      is_custom_field: true,
      options: [expect.objectContaining({ label: 'CM' }), expect.objectContaining({ label: 'Solidaris' })],
    });
    const list = await client.get('/api/v2/personFields?limit=500');
    const codes = list.body.data.map((f: { field_code: string }) => f.field_code);
    expect(codes.slice(0, 3)).toEqual(['id', 'name', 'first_name']);
    expect(codes.at(-1)).toBe(field.field_code);
    expect(list.body.data[1]).toMatchObject({ is_custom_field: false, field_type: 'varchar' });
    expect(list.body.data[1].ui_visibility).toBeUndefined();
    const withUi = await client.get('/api/v2/personFields?include_fields=ui_visibility');
    expect(withUi.body.data[1].ui_visibility).toEqual({ add_visible_flag: true, details_visible_flag: true });
    const one = await client.get(`/api/v2/personFields/${field.field_code}`);
    expect(one.body.data.field_name).toBe('Mutualiteit');
    const v1 = await client.get('/v1/personFields');
    expect(v1.body.data.at(-1)).toMatchObject({ key: field.field_code, name: 'Mutualiteit', edit_flag: true });
    expect(v1.body.additional_data.pagination).toMatchObject({ start: 0, more_items_in_collection: false });
    expect((await client.get('/api/v2/activityFields')).body.data[0]).toMatchObject({ field_code: 'subject' });
    // activityFields are read-only: the spec has no POST, so the path is unknown.
    expect((await client.post('/api/v2/activityFields', { field_name: 'X', field_type: 'varchar' })).status).toBe(404);
  });

  it('stores values by key, silently ignores unknown keys and type-checks known ones', async () => {
    const client = api(await sandboxFor());
    const legacy = (await client.post('/api/v2/personFields', { field_name: 'Legacy id', field_type: 'varchar' })).body
      .data;
    const unknownKey = 'f'.repeat(40);
    const created = await client.post('/api/v2/persons', {
      name: 'Jan',
      custom_fields: { [legacy.field_code]: 'P-0001', [unknownKey]: 'dropped' },
    });
    expect(created.status).toBe(200);
    expect(created.body.data.custom_fields).toEqual({ [legacy.field_code]: 'P-0001' });
    expect(
      (await client.post('/api/v2/persons', { name: 'X', custom_fields: { [legacy.field_code]: 12 } })).status,
    ).toBe(400);
    const cleared = await client.patch('/api/v2/persons/1', { custom_fields: { [legacy.field_code]: null } });
    expect(cleared.body.data.custom_fields).toEqual({ [legacy.field_code]: null });
  });

  it('rejects unknown keys in strict mode', async () => {
    const client = api(await sandboxFor({ strictCustomFields: true }));
    const response = await client.post('/api/v2/persons', { name: 'Jan', custom_fields: { ['a'.repeat(40)]: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('ERR_SCHEMA_VALIDATION_FAILED');
  });

  it('deleting a field removes its values from records; later writes to it are ignored', async () => {
    const sandbox = await sandboxFor();
    const client = api(sandbox);
    const field = (await client.post('/api/v2/dealFields', { field_name: 'Plan code', field_type: 'varchar' })).body
      .data;
    await client.post('/api/v2/deals', { title: 'T', custom_fields: { [field.field_code]: 'ABC' } });
    const deleted = await client.del(`/api/v2/dealFields/${field.field_code}`);
    expect(deleted.body).toMatchObject({
      success: true,
      data: { field_code: field.field_code, is_custom_field: true },
    });
    expect(sandbox.state.record('deal', 1)?.custom_fields).toEqual({});
    expect((await client.get('/api/v2/deals/1')).body.data.custom_fields).toEqual({});
    expect((await client.get(`/api/v2/dealFields/${field.field_code}`)).status).toBe(404);
    expect(
      (await client.patch('/api/v2/deals/1', { custom_fields: { [field.field_code]: 'X' } })).body.data.custom_fields,
    ).toEqual({});
    expect((await client.del('/api/v2/dealFields/title')).status).toBe(400);
  });

  it('refuses a field over the plan cap (Lite: 30, all entities together) with 403 and a code', async () => {
    const clock = manualClock();
    const client = api(await sandboxFor({ plan: 'lite', now: clock.now }));
    for (let i = 0; i < 30; i += 1) {
      clock.advance(100); // stay under Lite's 20 requests per 2 s
      const path = ['/api/v2/personFields', '/api/v2/organizationFields', '/api/v2/dealFields'][i % 3] ?? '';
      expect((await client.post(path, { field_name: `F${i}`, field_type: 'text' })).status).toBe(200);
    }
    clock.advance(100);
    const over = await client.post('/api/v2/personFields', { field_name: 'One too many', field_type: 'varchar' });
    expect(over.status).toBe(403);
    expect(over.body).toEqual({
      success: false,
      error: expect.stringContaining('limit'),
      code: CUSTOM_FIELD_LIMIT_CODE,
      error_info: expect.any(String),
      data: null,
      additional_data: null,
    });
  });

  it('validates the field definition', async () => {
    const client = api(await sandboxFor());
    expect((await client.post('/api/v2/personFields', { field_name: 'X', field_type: 'int' })).status).toBe(400);
    expect((await client.post('/api/v2/personFields', { field_name: 'X', field_type: 'set' })).status).toBe(400);
    expect((await client.post('/api/v2/personFields', { field_type: 'varchar' })).status).toBe(400);
  });
});
