import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipedriveClient, type PipedriveClient } from '../../../src/pipedrive/client.js';
import type { Exchange } from '../../../src/pipedrive/http.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { type ContractViolation, exchangeViolations, unexplained } from './support/openapi.js';
import { SANDBOX_GAPS, SPEC_BUGS } from './support/spec-bugs.js';

const TOKEN = 'contract-token-5f1d2c3b4a';

let sandbox: Sandbox;
let client: PipedriveClient;
const exchanges: Exchange[] = [];

function expectOk<T>(outcome: { ok: true; data: T } | { ok: false; error: Error }): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.data;
}

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, plan: 'ultimate', seed: 11 });
  client = createPipedriveClient({ baseUrl: sandbox.url, token: TOKEN, onExchange: (e) => exchanges.push(e) });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('contract: every request Ferry sends and every answer it gets match Pipedrive’s OpenAPI files', () => {
  it('exercises every call of the client on the sandbox', async () => {
    const me = await client.users.me();
    expect(me.company_domain).toBeTruthy();
    await client.users.list();
    const types = await client.activityTypes.list();
    await client.activityFields.list();

    const field = expectOk(await client.personFields.create({ field_name: 'Ferry source id', field_type: 'varchar' }));
    const enumField = expectOk(
      await client.organizationFields.create({
        field_name: 'Kind',
        field_type: 'enum',
        options: [{ label: 'Mutualiteit' }, { label: 'Other' }],
      }),
    );
    const dealField = expectOk(await client.dealFields.create({ field_name: 'Treatment date', field_type: 'date' }));
    await client.personFields.list();
    await client.organizationFields.list();
    await client.dealFields.list();

    const option = enumField.options?.[0]?.id as number;
    const org = expectOk(
      await client.organizations.create({
        name: 'CM Brussel',
        address: { value: 'Rue X 1, 1000 Bruxelles' },
        custom_fields: { [enumField.field_code]: option },
      }),
    );
    const person = expectOk(
      await client.persons.create({
        name: 'Jan Peeters',
        org_id: org.id,
        emails: [{ value: 'jan@example.be', primary: true, label: 'home' }],
        phones: [{ value: '+32470123456', primary: true, label: 'mobile' }],
        visible_to: 3,
        custom_fields: { [field.field_code]: 'DA-0001' },
      }),
    );
    const other = expectOk(await client.persons.create({ name: 'An Janssens' }));
    await client.persons.get(person.id);
    await client.persons.getMany([person.id, other.id, 999_999]);
    for await (const _page of client.persons.list({ sort_by: 'id', sort_direction: 'asc' })) {
      // walk every page
    }
    expectOk(await client.persons.update(person.id, { name: 'Jan Peeters-Claes' }));
    await client.persons.search({ term: 'jan@example.be', fields: 'email', exact_match: true });
    await client.itemSearch.field({ entity_type: 'person', field: field.field_code, term: 'DA-0001' });

    const deal = expectOk(
      await client.deals.create({
        title: 'Implant 36',
        person_id: person.id,
        org_id: org.id,
        value: 1_250,
        currency: 'EUR',
        status: 'open',
        custom_fields: { [dealField.field_code]: '2026-03-14' },
      }),
    );
    expectOk(await client.deals.update(deal.id, { status: 'won' }));
    await client.deals.get(deal.id);

    const activity = expectOk(
      await client.activities.create({
        subject: 'Controle',
        type: types[0]?.key_string ?? 'meeting',
        deal_id: deal.id,
        participants: [{ person_id: person.id, primary: true }],
        due_date: '2026-03-14',
        due_time: '08:30',
        duration: '00:45',
        done: true,
        note: '<p>Detartrage</p>',
      }),
    );
    expectOk(await client.activities.update(activity.id, { done: false }));
    await client.activities.get(activity.id);

    const note = expectOk(
      await client.notes.create({
        content: '<p>Allergic to penicillin</p>',
        person_id: person.id,
        add_time: '2019-05-01 09:00:00',
      }),
    );
    await client.notes.get(note.id);
    expectOk(await client.notes.update(note.id, { content: '<p>Allergic to penicillin (confirmed)</p>' }));
    for await (const _page of client.notes.list({ person_id: person.id })) {
      // walk every page
    }
    const file = expectOk(
      await client.files.upload({
        fileName: 'rx.pdf',
        content: new Uint8Array([37, 80, 68, 70, 45]),
        contentType: 'application/pdf',
        person_id: person.id,
      }),
    );
    await client.files.get(file.id);
    for await (const _page of client.files.list()) {
      // walk every page
    }
    for await (const _page of client.changelog('persons', person.id)) {
      // walk every page
    }

    expectOk(await client.files.remove(file.id));
    expectOk(await client.notes.remove(note.id));
    expectOk(await client.activities.remove(activity.id));
    expectOk(await client.deals.remove(deal.id));
    expectOk(await client.persons.remove(other.id));
    expectOk(await client.persons.remove(person.id));
    expectOk(await client.organizations.remove(org.id));
    expectOk(await client.personFields.remove(field.field_code));
    expectOk(await client.organizationFields.remove(enumField.field_code));
    expectOk(await client.dealFields.remove(dealField.field_code));
    expect(await client.persons.get(person.id)).toBeNull();
    const rejected = await client.deals.create({ title: '' });
    expect(rejected).toMatchObject({ ok: false, kind: 'rejected' });
  });

  it('finds no departure from the specs beyond the listed spec bugs', () => {
    expect(exchanges.length).toBeGreaterThan(40);
    const violations: ContractViolation[] = exchanges.flatMap(exchangeViolations);
    const left = unexplained(violations, [...SPEC_BUGS, ...SANDBOX_GAPS]);
    expect(left.map((v) => `${v.side} ${v.operation} ${v.at}: ${v.message}`)).toEqual([]);
  });

  it('uses every listed spec bug (none is stale)', () => {
    const violations = exchanges.flatMap(exchangeViolations);
    const unused = [...SPEC_BUGS, ...SANDBOX_GAPS].filter(
      (bug) => unexplained(violations, [bug]).length === violations.length,
    );
    expect(unused.map((bug) => bug.reason)).toEqual([]);
  });

  it('is not vacuous: it catches wrong types, unknown properties and parameters, and unknown operations', () => {
    const base: Exchange = {
      method: 'POST',
      api: 'v2',
      path: '/persons',
      query: {},
      requestBody: { name: 'Jan' },
      requestContentType: 'application/json',
      status: 200,
      responseBody: { success: true, data: { id: 1, name: 'Jan' } },
      responseContentType: 'application/json',
      attempt: 1,
    };
    const rules = (exchange: Exchange) => exchangeViolations(exchange).map((v) => `${v.side} ${v.rule} ${v.at}`);
    expect(rules(base)).toEqual([]);
    expect(rules({ ...base, requestBody: { name: 42 } })).toEqual(['request type /name']);
    expect(rules({ ...base, requestBody: { name: 'Jan', nickname: 'J' } })).toEqual([
      'request unknown-property /nickname',
    ]);
    expect(rules({ ...base, responseBody: { success: true, data: { id: 'one' } } })).toEqual([
      'response type /data/id',
    ]);
    const list = { ...base, method: 'GET' as const, requestBody: undefined, query: { limit: 'many', colour: 'red' } };
    expect(rules({ ...list, query: {} })).toEqual(['response type /data']);
    list.responseBody = { success: true, data: [] };
    expect(rules(list)).toEqual(['query type ?limit', 'query unknown-property ?colour']);
    expect(rules({ ...base, path: '/nowhere' })).toEqual(['request unknown-property ']);
  });
});
