/**
 * The whole migration from one shared channel, through Slack payloads only, with a real worker (wired as
 * `ferry worker`: every queue, the Slack notifier), real pg-boss and the Pipedrive sandbox: /ferry new → upload the export → connect → map review
 * → approval → preflight → sample → run → a changed export → delta → rollback. At the end Pipedrive is as it was,
 * every interaction was acknowledged within 3 s, and no token or patient value went to Slack or the logs.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW, versionValue } from '../../../src/bot/ids.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { latestMap } from '../../../src/store/maps.js';
import { copyExport, generatedExport, readCsv, usersOf, writeCsv } from '../../helpers/export-fixture.js';
import type { PostedMessage } from '../../helpers/fake-slack.js';
import { comparable } from '../../helpers/sandbox-state.js';
import { fileShare, type Person } from '../../helpers/slack-signing.js';
import { type BotHarness, CHANNEL, ENGINEER, PRACTICE, startBotHarness, waitFor } from './harness.js';

const TOKEN = 'e2e0slack0sandbox0token0000000000000TKN9';
const PROJECT = 'tandartsen-de-smet';
/** A run's result can take a while on a loaded machine; everything else answers in well under a second. */
const RUN_TIMEOUT_MS = 45_000;

let h: BotHarness;
let sandbox: Sandbox;
let exportDir: string;
let changedDir: string;
let cardTs: string;
let tsCounter = 0;
let before: ReturnType<typeof comparable>;

const thread = () => h.fake.messages({ threadTs: cardTs });
const blocksOf = (m: PostedMessage) => JSON.stringify(m.blocks);
const buttonsOf = (m: PostedMessage) =>
  (m.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
const nextTs = () => `1800001${String(++tsCounter).padStart(3, '0')}.000200`;

/** The first thread message after `since` that matches, waiting for it. */
function posted(since: number, match: (m: PostedMessage) => boolean, what: string, timeoutMs = RUN_TIMEOUT_MS) {
  return waitFor(() => thread().slice(since).find(match), what, timeoutMs);
}

/** Every CSV of a folder as a customer's upload in the project thread. */
async function upload(who: Person, dir: string): Promise<number> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => h.fake.addCustomerFile({ name, content: readFileSync(join(dir, name)), user: who.user }));
  await h.driver.event(fileShare(who, CHANNEL, files, nextTs(), cardTs));
  return files.length;
}

function click(who: Person, actionId: string, value: string, messageTs: string) {
  return h.driver.blockAction(who, CHANNEL, { actionId, value, messageTs, threadTs: cardTs });
}

/** Patient values (INSZ, e-mail, surname) from the export: they may reach Slack only inside the files. */
function patientValues(): string[] {
  const [header, ...rows] = readCsv(join(exportDir, 'patienten.csv')).filter((l) => l !== '');
  const cols = header!.split(';');
  const wanted = ['INSZ', 'E-mail', 'Naam'].map((c) => cols.indexOf(c));
  // A dentist or the practice itself may share a patient's surname: that is not the patient's data.
  const notPatients = [...readCsv(join(exportDir, 'gebruikers.csv')), 'Tandartsen De Smet', 'De Smet BV'].join('\n');
  const values = rows.flatMap((r) => wanted.map((i) => r.split(';')[i]?.trim() ?? ''));
  // Surnames shorter than 6 letters match ordinary words.
  return [...new Set(values)].filter((v) => v.length >= 6 && !notPatients.includes(v));
}

/** A later export: two patients have a new e-mail address. */
function changedExport(): string {
  const next = copyExport(exportDir);
  const path = join(next, 'patienten.csv');
  const lines = readCsv(path);
  const header = lines[0]!.split(';');
  const email = header.indexOf('E-mail');
  const rows = lines
    .slice(1)
    .filter((l) => l.split(';').length === header.length && l.split(';')[email]?.includes('@'));
  const changed = new Map([
    [rows[3]!, 'nieuw.adres.a@example.be'],
    [rows[4]!, 'nieuw.adres.b@example.be'],
  ]);
  writeCsv(
    path,
    lines.map((line) => {
      const address = changed.get(line);
      if (address === undefined) return line;
      const cells = line.split(';');
      cells[email] = address;
      return cells.join(';');
    }),
  );
  return next;
}

beforeAll(async () => {
  exportDir = await generatedExport({ patients: 60, seed: 7 });
  changedDir = changedExport();
  // Ultimate: the burst limit (120 requests per 2 s) keeps the loads and the rollback within the test's budget.
  sandbox = await startSandbox({
    token: TOKEN,
    plan: 'ultimate',
    companyName: 'De Smet BV',
    users: usersOf(exportDir),
  });
  before = comparable(sandbox.snapshot());
  h = await startBotHarness();
  await h.startWorker();
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await sandbox?.stop();
  for (const dir of [exportDir, changedDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a whole migration from the Slack channel', { timeout: 75_000 }, () => {
  it('opens the project with its card, and makes the practice manager an approver', async () => {
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Tandartsen De Smet');
    const card = await waitFor(() => h.fake.messages({ channel: CHANNEL })[0], 'the project card');
    expect(card.threadTs).toBeNull();
    expect(buttonsOf(card).map((b) => b.action_id)).toEqual([ACTION.connectOpen, ACTION.mapReview]);
    cardTs = card.ts;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'role <@U_CUST|an> approver');
    await posted(0, (m) => m.text.includes('<@U_CUST> is now an approver'), 'the role message');
  });

  it('checks the uploaded export in the worker and answers with the summary and the defect report', async () => {
    const since = thread().length;
    const count = await upload(PRACTICE, exportDir);
    const receipt = await posted(since, (m) => m.text.includes('uploaded'), 'the receipt');
    expect(receipt.text).toContain(`uploaded ${count} export files`);
    const summary = await posted(since, (m) => m.text.startsWith('Export checked'), 'the ingest summary');
    expect(summary.text).toContain('staged');
    const report = await waitFor(
      () => h.fake.files('bot').find((f) => f.name.startsWith('defects-') && f.channel !== null),
      'the defect report',
    );
    expect(report).toMatchObject({ channel: CHANNEL, threadTs: cardTs });
    expect(report.content.toString('utf8')).toContain('entity;record;line;column;code;severity;message');
  });

  it('connects Pipedrive through the modal, telling the channel only the last 4 characters', async () => {
    await click(PRACTICE, ACTION.connectOpen, PROJECT, cardTs);
    const opened = await waitFor(() => h.fake.callsTo('views.open')[0], 'the modal');
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(VIEW.connect);
    const since = thread().length;
    await h.driver.viewSubmission(PRACTICE, {
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        token: { value: { type: 'plain_text_input', value: TOKEN } },
        base_url: { value: { type: 'plain_text_input', value: sandbox.url } },
        plan: { value: { type: 'static_select', selected_option: { value: 'ultimate' } } },
      },
    });
    const done = await posted(since, (m) => m.text.includes('Connected'), 'the connection');
    expect(done.text).toContain('Connected to De Smet BV (token …TKN9)');
  });

  let approveValue = '';
  let actionsTs = '';

  it('posts the map review with its CSV and buttons', async () => {
    const since = thread().length;
    await click(PRACTICE, ACTION.mapReview, PROJECT, cardTs);
    const summary = await posted(since, (m) => m.text.startsWith('Field map v1'), 'the map review');
    expect(summary.text).toMatch(/^Field map v1 \(proposed\)/);
    const actions = await posted(
      since,
      (m) => buttonsOf(m).some((b) => b.action_id === ACTION.mapApprove),
      'the map buttons',
    );
    const map = (await latestMap(h.db.pool, PROJECT))!.document;
    approveValue = versionValue(map.version, map.hash);
    expect(buttonsOf(actions)[0]!.value).toBe(approveValue);
    actionsTs = actions.ts;
    const csv = h.fake.files('bot').find((f) => f.name === `map-${PROJECT}-v1.csv`);
    expect(csv).toMatchObject({ channel: CHANNEL, threadTs: cardTs });
  });

  it('takes the approval of an approver', async () => {
    await click(PRACTICE, ACTION.mapApprove, approveValue, actionsTs);
    await waitFor(async () => (await latestMap(h.db.pool, PROJECT))!.document.status === 'approved', 'the approval');
    const updated = await waitFor(
      () => h.fake.messages().find((m) => m.ts === actionsTs && m.text.includes('approved')),
      'the approved review',
    );
    expect(buttonsOf(updated)).toEqual([]);
  });

  it('runs the preflight from /ferry and posts its findings', async () => {
    const since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'preflight');
    await posted(since, (m) => /Run #\d+ \(preflight\) requested by <@U_ENG>/.test(m.text), 'the request');
    const result = await posted(since, (m) => m.text.startsWith('Preflight:'), 'the preflight result');
    expect(result.text).toBe('Preflight: done. Preflight passed: nothing blocks the run.');
  });

  it('loads a sample, with its progress message edited and the field-level diff as a CSV', async () => {
    const since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'sample');
    const result = await posted(since, (m) => m.text.startsWith('Sample load:'), 'the sample result');
    expect(result.text).toMatch(/^Sample load: done\./);
    expect(blocksOf(result)).toMatch(/Field check: \d+ match, 0 mismatch, 0 dropped by Pipedrive/);
    const progress = thread()
      .slice(since)
      .find((m) => /^Run #\d+ · sample load/.test(m.text));
    expect(progress?.history.length).toBeGreaterThan(0);
    expect(blocksOf(progress!)).toContain('Finished: done');
    const diff = await waitFor(
      () => h.fake.files('bot').find((f) => /^sample-diff-run-\d+\.csv$/.test(f.name) && f.channel !== null),
      'the diff CSV',
    );
    expect(diff).toMatchObject({ channel: CHANNEL, threadTs: cardTs });
    expect(sandbox.state.count('person')).toBeGreaterThan(0);
  });

  it('runs the full load and posts its summary', async () => {
    const personsAfterSample = sandbox.state.count('person');
    const since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'run');
    const result = await posted(since, (m) => m.text.startsWith('Full load:'), 'the run result');
    expect(result.text).toMatch(/^Full load: done\./);
    expect(blocksOf(result)).toMatch(/person: \d+ created/);
    expect(sandbox.state.count('person')).toBeGreaterThan(personsAfterSample);
    const progress = thread()
      .slice(since)
      .find((m) => /^Run #\d+ · full load/.test(m.text));
    expect(progress?.history.length).toBeGreaterThan(0);
  });

  it('picks up a changed export: upload, then /ferry delta writes only what changed', async () => {
    let since = thread().length;
    await upload(PRACTICE, changedDir);
    await posted(since, (m) => m.text.startsWith('Export checked'), 'the second ingest summary');
    since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'delta');
    const result = await posted(since, (m) => m.text.startsWith('Delta load:'), 'the delta result');
    expect(result.text).toMatch(/^Delta load: done\./);
    expect(blocksOf(result)).toMatch(/person: 0 created, \d+ linked, 2 updated/);
  });

  it('rolls everything back after an operator confirms what will happen', async () => {
    let since = thread().length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'rollback');
    const confirmation = await posted(since, (m) => m.text.startsWith('Roll back'), 'the confirmation');
    expect(confirmation.text).toMatch(/^Roll back the whole migration \(runs #\d+, #\d+\)\?/);
    expect(blocksOf(confirmation)).toMatch(/\*Deleted:\* [\d,]+ organizations, [\d,]+ persons, [\d,]+ deals/);
    const [confirm] = buttonsOf(confirmation);
    expect(confirm).toMatchObject({ action_id: ACTION.rollbackConfirm });
    expect(sandbox.state.count('person')).toBeGreaterThan(0); // nothing happens before the click
    since = thread().length;
    await click(ENGINEER, ACTION.rollbackConfirm, confirm!.value, confirmation.ts);
    const result = await posted(since, (m) => m.text.startsWith('Rollback:'), 'the rollback result');
    expect(result.text).toMatch(
      /^Rollback: done\. Rolled back: \d+ records deleted, 0 restored, [1-9]\d* custom fields removed/,
    );
    expect(comparable(sandbox.snapshot())).toEqual(before);
    for (const entity of ['person', 'organization', 'deal', 'activity', 'note', 'file'] as const)
      expect(sandbox.state.count(entity), entity).toBe(0);
  });

  it('acknowledged every interaction within 3 s', () => {
    expect(h.driver.timings.length).toBeGreaterThanOrEqual(12);
    for (const t of h.driver.timings) {
      expect(t.status, t.label).toBe(200);
      expect(t.ms, t.label).toBeLessThan(3000);
    }
  });

  it('kept the Pipedrive token and patient values out of Slack messages and the logs', () => {
    const values = patientValues();
    expect(values.length).toBeGreaterThan(60);
    // What the bot said (calls, ephemeral answers); the files it uploaded are the practice's own data.
    const said = JSON.stringify({ calls: h.fake.calls, responses: h.fake.responses });
    const logs = h.logs();
    expect(values.filter((v) => said.includes(v))).toEqual([]);
    expect(values.filter((v) => logs.includes(v))).toEqual([]);
    expect(h.fake.transcript()).not.toContain(TOKEN);
    expect(logs).not.toContain(TOKEN);
    // Files are named as the practice uploaded them, never by the server folder they were saved in.
    expect(h.fake.transcript()).not.toContain('/uploads/');
  });
});
