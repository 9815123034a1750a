import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeMap } from '../../../src/mapping/propose.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { appendAuditTx, readAudit } from '../../../src/store/audit.js';
import {
  approvedMap,
  approveMap,
  editMap,
  getMap,
  latestMap,
  listMaps,
  rememberedMaps,
  saveImport,
  saveProposal,
} from '../../../src/store/maps.js';
import { ensureProject } from '../../../src/store/projects.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { allFiles } from '../../unit/mapping/fixture-sources.js';

const files = allFiles('nl');
const catalogue = new TargetCatalogue();
const context = { files, catalogue };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function freshProject(id: string) {
  await ensureProject(db.pool, id);
  const { content } = await proposeMap({ files, catalogue });
  return saveProposal(db.pool, { project: id, content, createdBy: 'cli:test', audit: appendAuditTx });
}

describe('field map versions', () => {
  it('saves a proposal as version 1, identified by its content hash', async () => {
    const map = await freshProject('v1');
    expect(map.document).toMatchObject({
      project: 'v1',
      version: 1,
      status: 'proposed',
      approved_by: null,
      approved_at: null,
    });
    expect(map.document.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(map).toMatchObject({ cause: 'propose', createdBy: 'cli:test', undoTo: null });
    expect((await latestMap(db.pool, 'v1'))?.document).toEqual(map.document);
  });

  it('makes no new version when a proposal repeats the current content', async () => {
    const first = await freshProject('same');
    const again = await saveProposal(db.pool, { project: 'same', content: first.document, createdBy: 'cli:test' });
    expect(again.document.version).toBe(1);
    expect(await listMaps(db.pool, 'same')).toHaveLength(1);
  });

  it('refuses to save for a project that does not exist', async () => {
    await expect(
      saveProposal(db.pool, { project: 'nope', content: { objects: [] }, createdBy: 'x' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('approval', () => {
  it('approves the current version when the approver saw its hash, and audits it', async () => {
    const map = await freshProject('ok');
    const approved = await approveMap(db.pool, {
      project: 'ok',
      version: 1,
      hash: map.document.hash,
      approver: 'an@praktijk.be',
      audit: appendAuditTx,
    });
    expect(approved.document).toMatchObject({ status: 'approved', approved_by: 'an@praktijk.be' });
    expect(approved.document.approved_at).not.toBeNull();
    expect((await approvedMap(db.pool, 'ok'))?.document.version).toBe(1);
    const audit = await readAudit(db.pool, 'ok');
    expect(audit.map((a) => a.kind)).toEqual(['map.proposed', 'map.approved']);
    expect(audit[1]?.detail).toEqual({ version: 1, hash: map.document.hash });
  });

  it('refuses a hash that is not the current version’s', async () => {
    await freshProject('stale');
    await expect(
      approveMap(db.pool, {
        project: 'stale',
        version: 1,
        hash: `sha256:${'0'.repeat(64)}`,
        approver: 'an@praktijk.be',
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('changed since it was shown') });
    expect((await latestMap(db.pool, 'stale'))?.document.status).toBe('proposed');
  });

  it('keeps an approved version immutable, even to direct SQL', async () => {
    const map = await freshProject('frozen');
    await approveMap(db.pool, { project: 'frozen', version: 1, hash: map.document.hash, approver: 'an@praktijk.be' });
    await expect(
      db.pool.query(`UPDATE field_maps SET document = '{"objects":[]}' WHERE project_id = 'frozen'`),
    ).rejects.toThrow(/immutable/);
    await expect(
      db.pool.query(`UPDATE field_maps SET status = 'proposed' WHERE project_id = 'frozen'`),
    ).rejects.toThrow(/cannot go from approved to proposed/);
  });
});

describe('edits', () => {
  it('makes a new human version; an edit after approval supersedes the approved one', async () => {
    const map = await freshProject('edit');
    await approveMap(db.pool, { project: 'edit', version: 1, hash: map.document.hash, approver: 'an@praktijk.be' });
    const result = await editMap(db.pool, {
      project: 'edit',
      text: 'ignore GSM',
      actor: 'slack:U1',
      context,
      audit: appendAuditTx,
    });
    expect(result.summary).toBe('patients.GSM → left behind');
    expect(result.map.document).toMatchObject({ version: 2, status: 'proposed', approved_by: null });
    expect(result.map).toMatchObject({ cause: 'edit', command: 'ignore GSM', createdBy: 'slack:U1', undoTo: 1 });
    const old = await getMap(db.pool, 'edit', 1);
    expect(old?.document).toMatchObject({ status: 'superseded', approved_by: 'an@praktijk.be' });
    expect(old?.supersededAt).not.toBeNull();
    expect(await approvedMap(db.pool, 'edit')).toBeNull();
    const audit = await readAudit(db.pool, 'edit');
    expect(audit.at(-1)).toMatchObject({
      kind: 'map.edited',
      actor: 'slack:U1',
      detail: { version: 2, command: 'ignore GSM', superseded: 1, supersededStatus: 'approved' },
    });
  });

  it('undoes the last change as a new version, and undoes further back', async () => {
    await freshProject('undo');
    const v1 = (await latestMap(db.pool, 'undo'))!;
    await editMap(db.pool, { project: 'undo', text: 'ignore GSM', actor: 'x', context });
    const v3 = await editMap(db.pool, { project: 'undo', text: 'ignore Telefoon', actor: 'x', context });
    expect(v3.map.document.version).toBe(3);
    const back = await editMap(db.pool, { project: 'undo', text: 'undo', actor: 'x', context });
    expect(back.map).toMatchObject({ cause: 'undo', undoTo: 1 });
    expect(back.map.document.version).toBe(4);
    expect(back.map.document.hash).toBe((await getMap(db.pool, 'undo', 2))?.document.hash);
    const again = await editMap(db.pool, { project: 'undo', text: 'undo', actor: 'x', context });
    expect(again.map.document.hash).toBe(v1.document.hash);
    await expect(editMap(db.pool, { project: 'undo', text: 'undo', actor: 'x', context })).rejects.toMatchObject({
      code: 'mapping_invalid',
      message: 'Nothing to undo.',
    });
  });

  it('refuses a bad command without making a version', async () => {
    await freshProject('bad');
    await expect(
      editMap(db.pool, { project: 'bad', text: 'map Foo to person.phones', actor: 'x', context }),
    ).rejects.toMatchObject({
      code: 'mapping_invalid',
      message: expect.stringContaining('I don\'t know the column "Foo"'),
    });
    await expect(editMap(db.pool, { project: 'bad', text: 'frobnicate', actor: 'x', context })).rejects.toMatchObject({
      code: 'mapping_invalid',
    });
    expect(await listMaps(db.pool, 'bad')).toHaveLength(1);
  });

  it('serialises concurrent edits: each gets its own version', async () => {
    await freshProject('race');
    const results = await Promise.all([
      editMap(db.pool, { project: 'race', text: 'ignore GSM', actor: 'cli:a', context }),
      editMap(db.pool, { project: 'race', text: 'ignore Telefoon', actor: 'slack:b', context }),
    ]);
    expect(results.map((r) => r.map.document.version).sort()).toEqual([2, 3]);
    const latest = (await latestMap(db.pool, 'race'))!;
    const gsm = latest.document.objects[0]!.rules.filter((r) => r.from.includes('GSM') || r.from.includes('Telefoon'));
    expect(gsm.every((r) => r.to === null)).toBe(true);
    const statuses = (await listMaps(db.pool, 'race')).map((m) => m.document.status);
    expect(statuses).toEqual(['proposed', 'superseded', 'superseded']);
  });

  it('imports a document as a new version that needs approval', async () => {
    const map = await freshProject('imp');
    await approveMap(db.pool, { project: 'imp', version: 1, hash: map.document.hash, approver: 'an@praktijk.be' });
    const changed = structuredClone(map.document);
    changed.objects[0]!.rules[0]!.why = 'imported';
    const imported = await saveImport(db.pool, { project: 'imp', content: changed, createdBy: 'cli:test' });
    expect(imported.document).toMatchObject({ version: 2, status: 'proposed' });
    expect(imported.cause).toBe('import');
  });
});

describe('rememberedMaps', () => {
  it('returns approved maps of other projects of the same source system, newest approval first', async () => {
    const a = await freshProject('mem-a');
    await approveMap(db.pool, { project: 'mem-a', version: 1, hash: a.document.hash, approver: 'x@y.be' });
    const b = await freshProject('mem-b');
    const edited = await editMap(db.pool, { project: 'mem-b', text: 'ignore GSM', actor: 'x', context });
    await approveMap(db.pool, { project: 'mem-b', version: 2, hash: edited.map.document.hash, approver: 'x@y.be' });
    await editMap(db.pool, { project: 'mem-b', text: 'ignore Telefoon', actor: 'x', context }); // v2 superseded, still counts
    await db.pool.query(`UPDATE projects SET source_system = 'other' WHERE id = 'ok'`);
    const remembered = await rememberedMaps(db.pool, 'dentadmin', { excludeProject: 'mem-a' });
    // frozen, edit (approved, then superseded), imp and mem-b; not mem-a (excluded), not ok (another system).
    expect(remembered).toHaveLength(4);
    expect(remembered[0]).toEqual({ objects: edited.map.document.objects });
    expect(JSON.stringify(remembered[0])).not.toBe(JSON.stringify({ objects: b.document.objects }));
    expect(await rememberedMaps(db.pool, 'dentadmin', { excludeProject: 'mem-a', limit: 2 })).toHaveLength(2);
    expect(await rememberedMaps(db.pool, 'nothing')).toEqual([]);
  });
});
