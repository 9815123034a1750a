import { v1, v2 } from 'pipedrive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';

// Pipedrive's own Node client (a devDependency) against the sandbox: if the sandbox answers the way the
// official client expects, the sandbox speaks Pipedrive, and our contract tests test the real thing.
const TOKEN = 'official-client-token-77a1';

let sandbox: Sandbox;
let v2Config: v2.Configuration;
let v1Config: v1.Configuration;

/** The official client rejects with Pipedrive's error body; for a deleted record that is "… not found". */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (body) {
    return body;
  }
  throw new Error('expected the call to be refused');
}

const NOT_FOUND = { success: false, error: expect.stringMatching(/not found/i) };

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, plan: 'growth', seed: 3 });
  v2Config = new v2.Configuration({ apiKey: TOKEN, basePath: `${sandbox.url}/api/v2` });
  v1Config = new v1.Configuration({ apiKey: TOKEN, basePath: `${sandbox.url}/v1` });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('the official pipedrive client on the sandbox', () => {
  it('creates, reads, updates and deletes an organization', async () => {
    const api = new v2.OrganizationsApi(v2Config);
    const created = await api.addOrganization({ AddOrganizationRequest: { name: 'Solidaris' } });
    const id = created.data?.id as number;
    expect(created).toMatchObject({ success: true, data: { name: 'Solidaris' } });
    expect((await api.getOrganization({ id })).data?.name).toBe('Solidaris');
    const updated = await api.updateOrganization({ id, UpdateOrganizationRequest: { name: 'Solidaris Brabant' } });
    expect(updated.data?.name).toBe('Solidaris Brabant');
    expect(await api.deleteOrganization({ id })).toMatchObject({ success: true, data: { id } });
    expect(await rejectionOf(api.getOrganization({ id }))).toMatchObject(NOT_FOUND);
  });

  it('creates, reads, updates and deletes a person', async () => {
    const api = new v2.PersonsApi(v2Config);
    const created = await api.addPerson({
      AddPersonRequest: { name: 'Els Maes', emails: [{ value: 'els@example.be', primary: true, label: 'home' }] },
    });
    const id = created.data?.id as number;
    expect(created.data?.emails?.[0]?.value).toBe('els@example.be');
    expect((await api.getPerson({ id })).data?.name).toBe('Els Maes');
    expect((await api.updatePerson({ id, UpdatePersonRequest: { name: 'Els Maes-Wouters' } })).data?.name).toBe(
      'Els Maes-Wouters',
    );
    expect(await api.deletePerson({ id })).toMatchObject({ success: true, data: { id } });
    expect(await rejectionOf(api.getPerson({ id }))).toMatchObject(NOT_FOUND);
  });

  it('creates, reads, updates and deletes a deal', async () => {
    const person = await new v2.PersonsApi(v2Config).addPerson({ AddPersonRequest: { name: 'Bart Claes' } });
    const api = new v2.DealsApi(v2Config);
    const created = await api.addDeal({
      AddDealRequest: { title: 'Bridge 14-16', person_id: person.data?.id as number, value: 2_400, currency: 'EUR' },
    });
    const id = created.data?.id as number;
    expect(created.data).toMatchObject({ title: 'Bridge 14-16', value: 2_400, currency: 'EUR', status: 'open' });
    expect((await api.getDeal({ id })).data?.title).toBe('Bridge 14-16');
    expect((await api.updateDeal({ id, UpdateDealRequest: { status: 'won' } })).data?.status).toBe('won');
    expect(await api.deleteDeal({ id })).toMatchObject({ success: true, data: { id } });
    expect(await rejectionOf(api.getDeal({ id }))).toMatchObject(NOT_FOUND);
  });

  it('creates, reads, updates and deletes an activity', async () => {
    const person = await new v2.PersonsApi(v2Config).addPerson({ AddPersonRequest: { name: 'Lotte Peeters' } });
    const api = new v2.ActivitiesApi(v2Config);
    const created = await api.addActivity({
      AddActivityRequest: {
        subject: 'Controle',
        type: 'meeting',
        due_date: '2026-03-14',
        due_time: '08:30',
        duration: '00:30',
        participants: [{ person_id: person.data?.id as number, primary: true }],
      },
    });
    const id = created.data?.id as number;
    expect(created.data).toMatchObject({ subject: 'Controle', person_id: person.data?.id });
    expect((await api.getActivity({ id })).data?.subject).toBe('Controle');
    expect((await api.updateActivity({ id, AddActivityRequest: { done: true } })).data?.done).toBe(true);
    expect(await api.deleteActivity({ id })).toMatchObject({ success: true, data: { id } });
    expect(await rejectionOf(api.getActivity({ id }))).toMatchObject(NOT_FOUND);
  });

  it('creates, reads, updates and deletes a note', async () => {
    const person = await new v2.PersonsApi(v2Config).addPerson({ AddPersonRequest: { name: 'Noor Jacobs' } });
    const api = new v1.NotesApi(v1Config);
    const created = await api.addNote({
      AddNoteRequest: { content: '<p>Prefers mornings</p>', person_id: person.data?.id as number },
    });
    const id = created.data?.id as number;
    expect(created.data).toMatchObject({ content: '<p>Prefers mornings</p>', person_id: person.data?.id });
    expect((await api.getNote({ id })).data?.content).toBe('<p>Prefers mornings</p>');
    expect((await api.updateNote({ id, NoteRequest: { content: '<p>Prefers afternoons</p>' } })).data?.content).toBe(
      '<p>Prefers afternoons</p>',
    );
    expect(await api.deleteNote({ id })).toMatchObject({ success: true });
    expect(await rejectionOf(api.getNote({ id }))).toMatchObject(NOT_FOUND);
  });
});
