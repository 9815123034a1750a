/**
 * The migration in the channel up to the first run, through Slack payloads only (the job handlers are run
 * directly where the worker would): new → upload a generated export (one file as a Slack Connect stub) → ingest
 * summary and defect report → connect the sandbox → map review → edits in the thread → approval bound to the
 * hash → an edit voids it → approve again → /ferry sample starts a run in the thread.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW, versionValue } from '../../../src/bot/ids.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { readAudit } from '../../../src/store/audit.js';
import { latestMap } from '../../../src/store/maps.js';
import { handleIngest } from '../../../src/worker/handlers/ingest.js';
import { handlePropose } from '../../../src/worker/handlers/propose.js';
import type { JobPayloads } from '../../../src/worker/jobs.js';
import { generatedExport, readCsv } from '../../helpers/export-fixture.js';
import type { PostedMessage } from '../../helpers/fake-slack.js';
import { fileShare, threadReply } from '../../helpers/slack-signing.js';
import { answersSince, type BotHarness, CHANNEL, ENGINEER, PRACTICE, startBotHarness, waitFor } from './harness.js';

const TOKEN = 'flow0123456789abcdef0123456789abcdefTOKN';
const PROJECT = 'tandartsen-de-smet';

let h: BotHarness;
let sandbox: Sandbox;
let exportDir: string;
let cardTs: string;
let replyCounter = 0;

const thread = () => h.fake.messages({ threadTs: cardTs });
const newInThread = (since: number) => thread().slice(since);
const blocksOf = (m: PostedMessage) => JSON.stringify(m.blocks);
const actionsOf = (m: PostedMessage) =>
  (m.blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as { action_id: string; value: string }[]);
const nextTs = () => `1800000${String(++replyCounter).padStart(3, '0')}.000100`;

async function reply(who: typeof PRACTICE, text: string): Promise<PostedMessage[]> {
  const since = thread().length;
  await h.driver.event(threadReply(who, CHANNEL, cardTs, text, nextTs()));
  return waitFor(() => newInThread(since).length > 0 && newInThread(since), `the answer to "${text}"`);
}

async function click(who: typeof PRACTICE, actionId: string, value: string, messageTs: string) {
  await h.driver.blockAction(who, CHANNEL, { actionId, value, messageTs, threadTs: cardTs });
}

/** Patient values that must never reach Slack outside the files the customer gets back. */
function patientValues(): string[] {
  const [header, ...rows] = readCsv(join(exportDir, 'patienten.csv')).filter((l) => l !== '');
  const cols = header!.split(';');
  const wanted = ['INSZ', 'E-mail', 'GSM', 'Naam'].map((c) => cols.indexOf(c));
  return rows
    .slice(0, 20)
    .flatMap((r) => wanted.map((i) => r.split(';')[i] ?? ''))
    .filter((v) => v.length >= 6);
}

beforeAll(async () => {
  exportDir = await generatedExport({ patients: 40, seed: 11, defectRate: 0.1 });
  sandbox = await startSandbox({ token: TOKEN, plan: 'growth', companyName: 'De Smet BV' });
  h = await startBotHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await sandbox?.stop();
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
});

describe('a migration in the channel', () => {
  it('opens the project and gives the practice the approver role', async () => {
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Tandartsen De Smet');
    cardTs = (await waitFor(() => h.fake.messages({ channel: CHANNEL })[0], 'the card')).ts;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'role <@U_CUST|an> approver');
    await waitFor(() => thread().some((m) => m.text.includes('approver')), 'the role message');
  });

  it('fetches uploaded CSVs (files.info for a Slack Connect stub) and hands them to the ingest job', async () => {
    const names = readdirSync(exportDir).filter((f) => f.endsWith('.csv'));
    const files = names.map((name, i) =>
      h.fake.addCustomerFile({
        name,
        content: readFileSync(join(exportDir, name)),
        user: 'U_CUST',
        slackConnect: i === 0,
      }),
    );
    files.push(h.fake.addCustomerFile({ name: 'scan.pdf', content: 'binary' }));
    const since = thread().length;
    await h.driver.event(fileShare(PRACTICE, CHANNEL, files, nextTs(), cardTs));
    const [received] = await waitFor(() => newInThread(since).length > 0 && newInThread(since), 'the receipt');
    expect(received!.text).toContain(`uploaded ${names.length} export files`);
    expect(received!.text).toContain('scan.pdf is not a .csv export');
    expect(h.fake.callsTo('files.info').map((c) => c.args.file)).toEqual([files[0]!.id]);
    const [job] = await waitFor(
      async () => (await h.jobs('ferry-ingest')).length > 0 && h.jobs('ferry-ingest'),
      'the ingest job',
    );
    const data = job as unknown as JobPayloads['ferry-ingest'];
    expect(data).toMatchObject({
      project: PROJECT,
      actor: 'slack:U_CUST@T_CUST',
      thread: { channel: CHANNEL, threadTs: cardTs },
    });
    expect(data.paths).toHaveLength(names.length);
    for (const path of data.paths) {
      expect(path.startsWith(join(h.config.dataDir, 'uploads', PROJECT))).toBe(true);
      const name = path.split('/').at(-1)!;
      expect(readFileSync(path).equals(readFileSync(join(exportDir, name)))).toBe(true);
    }
  });

  it('answers the upload with the validation summary and the defect report as a file', async () => {
    const [data] = (await h.jobs('ferry-ingest')) as unknown as JobPayloads['ferry-ingest'][];
    const since = thread().length;
    await handleIngest(await h.worker(), data!, 'job-ingest');
    const summary = newInThread(since).find((m) => m.text.startsWith('Export checked'));
    expect(summary?.text).toContain('staged');
    expect(blocksOf(summary!)).toContain('Upload staged as snapshot');
    const report = h.fake.files('bot').find((f) => f.name.startsWith('defects-'));
    expect(report).toMatchObject({ channel: CHANNEL, threadTs: cardTs });
    expect(report!.content.toString('utf8')).toContain('entity;record;line;column;code;severity;message');
  });

  it('connects the sandbox', async () => {
    const since = thread().length;
    await h.driver.viewSubmission(PRACTICE, {
      callbackId: VIEW.connect,
      privateMetadata: JSON.stringify({ project: PROJECT }),
      values: {
        token: { value: { type: 'plain_text_input', value: TOKEN } },
        base_url: { value: { type: 'plain_text_input', value: sandbox.url } },
      },
    });
    const [done] = await waitFor(() => newInThread(since).length > 0 && newInThread(since), 'the connection');
    expect(done!.text).toContain('Connected to De Smet BV (token …TOKN)');
  });

  let actionsTs: string;
  let shownValue: string;

  it('posts the map review: summary, pages, the CSV and the buttons', async () => {
    await click(PRACTICE, ACTION.mapReview, PROJECT, cardTs);
    const [job] = await waitFor(
      async () => (await h.jobs('ferry-propose')).length > 0 && h.jobs('ferry-propose'),
      'the propose job',
    );
    const since = thread().length;
    await handlePropose(await h.worker(), job as unknown as JobPayloads['ferry-propose'], 'job-propose');
    const posted = newInThread(since);
    expect(posted[0]!.text).toMatch(/^Field map v1 \(proposed\): \d+ rules to review/);
    expect(posted.some((m) => m.text.includes('page 1 of'))).toBe(true);
    const last = posted.at(-1)!;
    const [approve, changes] = actionsOf(last);
    const map = (await latestMap(h.db.pool, PROJECT))!.document;
    expect(approve).toMatchObject({ action_id: ACTION.mapApprove, value: versionValue(1, map.hash) });
    expect(changes).toMatchObject({ action_id: ACTION.mapChanges });
    const csv = h.fake.files('bot').find((f) => f.name === `map-${PROJECT}-v1.csv`);
    expect(csv).toMatchObject({ threadTs: cardTs });
    expect(csv!.content.toString('utf8')).toContain('source;columns;object;targets');
    actionsTs = last.ts;
    shownValue = approve!.value;
  });

  it('explains the edit language on Request changes', async () => {
    const since = thread().length;
    await click(PRACTICE, ACTION.mapChanges, shownValue, actionsTs);
    const [help] = await waitFor(() => newInThread(since).length > 0 && newInThread(since), 'the explanation');
    expect(help!.text).toContain('map GSM to person.phones');
  });

  it('changes the map from a thread reply, reposts the changed rows and retires the old buttons', async () => {
    const [answer] = await reply(PRACTICE, 'new person field "Opmerking" text from Opmerking');
    expect(blocksOf(answer!)).toContain('~ patients.Opmerking: left behind → person.custom:Opmerking');
    const [approve] = actionsOf(answer!);
    expect(approve!.value).toBe(versionValue(2, (await latestMap(h.db.pool, PROJECT))!.document.hash));
    await waitFor(
      () => h.fake.messages().find((m) => m.ts === actionsTs && m.text === 'Map v1 superseded by v2'),
      'the retired buttons',
    );
    const [refusal] = await reply(PRACTICE, 'map Onbestaand to person.name');
    expect(refusal!.text).toContain('@U_CUST');
  });

  it('refuses a stale approval and an approval by an operator', async () => {
    let since = h.fake.responses.length;
    await click(PRACTICE, ACTION.mapApprove, shownValue, actionsTs);
    expect(await waitFor(() => answersSince(h, since)[0], 'stale refusal')).toContain(
      'The map changed since it was shown',
    );
    const current = (await latestMap(h.db.pool, PROJECT))!.document;
    since = h.fake.responses.length;
    await click(ENGINEER, ACTION.mapApprove, versionValue(current.version, current.hash), actionsTs);
    expect(await waitFor(() => answersSince(h, since)[0], 'role refusal')).toContain('Only approvers');
    expect((await latestMap(h.db.pool, PROJECT))!.document.status).toBe('proposed');
  });

  it('approves the version shown, by an approver, and records it with the Slack user and team', async () => {
    const current = (await latestMap(h.db.pool, PROJECT))!.document;
    const buttons = thread().filter((m) =>
      actionsOf(m).some((a) => a.value === versionValue(current.version, current.hash)),
    );
    await click(PRACTICE, ACTION.mapApprove, versionValue(current.version, current.hash), buttons.at(-1)!.ts);
    await waitFor(async () => (await latestMap(h.db.pool, PROJECT))!.document.status === 'approved', 'the approval');
    const updated = await waitFor(
      () => h.fake.messages().find((m) => m.ts === buttons.at(-1)!.ts && m.text.includes('approved')),
      'the updated message',
    );
    expect(blocksOf(updated)).toContain('approved* by <@U_CUST>');
    const approved = (await readAudit(h.db.pool, PROJECT)).find((a) => a.kind === 'map.approved');
    expect(approved).toMatchObject({
      actor: 'slack:U_CUST@T_CUST',
      detail: { version: 2, slack: { user: 'U_CUST', team: 'T_CUST' } },
    });
  });

  it('voids the approval when the map is edited afterwards, and runs wait for a new one', async () => {
    const [answer] = await reply(ENGINEER, 'ignore Opmerking');
    expect(blocksOf(answer!)).toContain('voids the approval of v2');
    const since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'sample');
    expect(await waitFor(() => answersSince(h, since)[0], 'the refusal')).toContain('Map v3 is not approved yet');
  });

  it('starts a sample run from /ferry once v3 is approved, reporting in the thread', async () => {
    const current = (await latestMap(h.db.pool, PROJECT))!.document;
    const buttons = thread().filter((m) => actionsOf(m).some((a) => a.value === versionValue(3, current.hash)));
    await click(PRACTICE, ACTION.mapApprove, versionValue(3, current.hash), buttons.at(-1)!.ts);
    await waitFor(async () => (await latestMap(h.db.pool, PROJECT))!.document.status === 'approved', 'the approval');
    const since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'sample 10');
    const [queued] = await waitFor(() => newInThread(since).length > 0 && newInThread(since), 'the run message');
    expect(queued!.text).toMatch(/Run #\d+ \(sample load\) requested by <@U_ENG>/);
    const run = (await h.db.pool.query('SELECT * FROM runs')).rows[0];
    expect(run).toMatchObject({
      kind: 'sample',
      status: 'planned',
      map_version: 3,
      map_hash: current.hash,
      thread_channel: CHANNEL,
      thread_ts: cardTs,
      actor: 'slack:U_ENG@T_ENG',
      options: { size: 10 },
    });
    const [job] = await h.jobs('ferry-run');
    expect(job).toMatchObject({
      project: PROJECT,
      runId: Number(run.id),
      thread: { channel: CHANNEL, threadTs: cardTs },
    });
  });

  it('kept tokens and patient values out of Slack messages and logs, and acked everything within 3 s', () => {
    const messages = JSON.stringify({ calls: h.fake.calls, responses: h.fake.responses });
    const values = patientValues();
    expect(values.length).toBeGreaterThan(10);
    for (const value of values) {
      expect(messages, value).not.toContain(value);
      expect(h.logs(), value).not.toContain(value);
    }
    expect(h.fake.transcript()).not.toContain(TOKEN);
    expect(h.logs()).not.toContain(TOKEN);
    for (const t of h.driver.timings) {
      expect(t.status, t.label).toBe(200);
      expect(t.ms, t.label).toBeLessThan(3000);
    }
  });
});
