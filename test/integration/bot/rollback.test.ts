/**
 * Rollback from Slack: operators only, and nothing starts before an operator confirms a message showing what will
 * be deleted, restored and kept as conflicts (the preview comes from the engine's RollbackPreview port; here a
 * test double returning a fixed plan; slack-e2e.test.ts uses the real one). Also: startBot refuses to start
 * without Slack settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bot/ids.js';
import { startBot } from '../../../src/bot/main.js';
import type { RollbackPlanSummary, RollbackPreview } from '../../../src/bot/ports.js';
import { loadConfig } from '../../../src/config.js';
import { AppError } from '../../../src/domain/errors.js';
import { createLogger } from '../../../src/log.js';
import { readAudit } from '../../../src/store/audit.js';
import type { PostedMessage } from '../../helpers/fake-slack.js';
import { answersSince, type BotHarness, CHANNEL, ENGINEER, PRACTICE, startBotHarness, waitFor } from './harness.js';

let h: BotHarness;
let cardTs: string;
let loadRun: number;
const asked: (number | undefined)[] = [];

const preview: RollbackPreview = {
  async preview(_project, runId) {
    asked.push(runId);
    const plan: RollbackPlanSummary = {
      targetRunId: runId ?? null,
      targetKind: runId === undefined ? null : 'full',
      runIds: [loadRun],
      delete: { persons: 1204, deals: 310 },
      restore: { persons: 12 },
      keepAsConflicts: { persons: 3 },
      notes: ['3 persons were edited in Pipedrive after the run; they stay as they are.'],
      estimatedTokens: 16_000,
    };
    return plan;
  },
};

const buttonsOf = (m: PostedMessage) =>
  (m.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);

async function confirmation(text = 'rollback'): Promise<PostedMessage> {
  const since = h.fake.messages({ threadTs: cardTs }).length;
  await h.driver.slashCommand(ENGINEER, CHANNEL, text);
  return waitFor(
    () =>
      h.fake
        .messages({ threadTs: cardTs })
        .slice(since)
        .find((m) => m.text.startsWith('Roll back')),
    'the confirmation',
  );
}

beforeAll(async () => {
  h = await startBotHarness({ ports: { rollbackPreview: preview } });
  await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Praktijk Peeters');
  cardTs = (await waitFor(() => h.fake.messages({ channel: CHANNEL })[0], 'the card')).ts;
  await waitFor(
    async () => (await h.db.pool.query('SELECT thread_ts FROM slack_projects')).rows[0]?.thread_ts,
    'the thread',
  );
  // What a rollback run is bound to, like every run: an approved map and a staged export.
  const snapshot = await h.db.pool.query<{ id: number }>(
    "INSERT INTO snapshots (project_id, status) VALUES ('praktijk-peeters', 'staged') RETURNING id",
  );
  await h.db.pool.query(
    `INSERT INTO field_maps (project_id, version, hash, status, document, created_by, cause, approved_by, approved_at)
     VALUES ('praktijk-peeters', 1, $1, 'approved', '{"objects":[]}', 'test', 'propose', 'slack:U_CUST@T_CUST', now())`,
    [`sha256:${'0'.repeat(64)}`],
  );
  const { rows } = await h.db.pool.query<{ id: number }>(
    `INSERT INTO runs (project_id, kind, status, actor, map_version, snapshot_id)
     VALUES ('praktijk-peeters', 'full', 'done', 'slack:U_ENG@T_ENG', 1, $1) RETURNING id`,
    [snapshot.rows[0]!.id],
  );
  loadRun = rows[0]!.id;
});
afterAll(async () => {
  await h?.stop();
});

describe('/ferry rollback', () => {
  it('posts a danger confirmation showing what will be deleted, restored and kept, and starts nothing', async () => {
    const message = await confirmation();
    expect(message.text).toMatch(/^Roll back the whole migration \(run #\d+\)\?/);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('1,204 persons, 310 deals');
    expect(text).toContain('*Restored:* 12 persons');
    expect(text).toContain('*Kept as conflicts:* 3 persons');
    const [confirm, cancel] = buttonsOf(message);
    expect(confirm).toMatchObject({
      action_id: ACTION.rollbackConfirm,
      style: 'danger',
      value: 'all',
      confirm: { style: 'danger' },
    });
    expect(cancel).toMatchObject({ action_id: ACTION.rollbackCancel, value: 'all' });
    expect(asked).toEqual([undefined]);
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM runs WHERE kind = 'rollback'")).rows[0].n).toBe(0);
  });

  it('asks the preview about one load when given its number', async () => {
    const message = await confirmation(`rollback ${loadRun}`);
    expect(message.text).toMatch(new RegExp(`^Roll back run #${loadRun} \\(full load\\)\\?`));
    expect(buttonsOf(message)[0]).toMatchObject({ value: String(loadRun) });
    expect(asked).toEqual([undefined, loadRun]);
  });

  it("refuses and audits a non-operator's confirmation", async () => {
    const message = h.fake.messages({ threadTs: cardTs }).find((m) => m.text.startsWith('Roll back'))!;
    const since = h.fake.responses.length;
    await h.driver.blockAction(PRACTICE, CHANNEL, {
      actionId: ACTION.rollbackConfirm,
      value: String(loadRun),
      messageTs: message.ts,
      threadTs: cardTs,
    });
    // Found among the answers, not taken as the first: the previous command's own answer may still be arriving.
    const refusal = await waitFor(
      () => answersSince(h, since).find((text) => text.includes('Only operators can roll back')),
      'the refusal',
    );
    expect(refusal).toContain('Only operators can roll back');
    const refused = (await readAudit(h.db.pool, 'praktijk-peeters')).find((a) => a.kind === 'rollback.refused');
    expect(refused).toMatchObject({
      actor: 'slack:U_CUST@T_CUST',
      detail: { run: loadRun, step: 'confirm', role: null },
    });
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM runs WHERE kind = 'rollback'")).rows[0].n).toBe(0);
  });

  it('cancels on Cancel, recording who decided', async () => {
    const message = h.fake.messages({ threadTs: cardTs }).find((m) => m.text.startsWith('Roll back'))!;
    await h.driver.blockAction(ENGINEER, CHANNEL, {
      actionId: ACTION.rollbackCancel,
      value: String(loadRun),
      messageTs: message.ts,
      threadTs: cardTs,
    });
    await waitFor(
      () => h.fake.messages().find((m) => m.ts === message.ts && m.text.includes('cancelled')),
      'the cancelled message',
    );
    expect(
      (await readAudit(h.db.pool, 'praktijk-peeters')).some(
        (a) => a.kind === 'rollback.cancelled' && a.actor === 'slack:U_ENG@T_ENG',
      ),
    ).toBe(true);
  });

  it("starts the rollback run on an operator's confirmation, once", async () => {
    const message = await confirmation(`rollback ${loadRun}`);
    await h.driver.blockAction(ENGINEER, CHANNEL, {
      actionId: ACTION.rollbackConfirm,
      value: String(loadRun),
      messageTs: message.ts,
      threadTs: cardTs,
    });
    const run = await waitFor(
      async () => (await h.db.pool.query("SELECT * FROM runs WHERE kind = 'rollback'")).rows[0],
      'the rollback run',
    );
    expect(run).toMatchObject({
      target_run_id: loadRun,
      status: 'planned',
      actor: 'slack:U_ENG@T_ENG',
      thread_ts: cardTs,
      map_version: 1,
    });
    expect(run.snapshot_id).not.toBeNull();
    expect((await h.jobs('ferry-run')).map((j) => j.runId)).toEqual([Number(run.id)]);
    await waitFor(
      () => h.fake.messages().find((m) => m.ts === message.ts && m.text.includes(`as run #${run.id}`)),
      'the started message',
    );
    const since = h.fake.responses.length;
    await h.driver.blockAction(ENGINEER, CHANNEL, {
      actionId: ACTION.rollbackConfirm,
      value: String(loadRun),
      messageTs: message.ts,
      threadTs: cardTs,
    });
    expect(await waitFor(() => answersSince(h, since)[0], 'the second click')).toContain(
      `already has rollback run #${run.id}`,
    );
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM runs WHERE kind = 'rollback'")).rows[0].n).toBe(1);
    const requested = (await readAudit(h.db.pool, 'praktijk-peeters')).find((a) => a.kind === 'rollback.requested');
    expect(requested?.actor).toBe('slack:U_ENG@T_ENG');
  });

  it('acknowledged every interaction within 3 s', () => {
    for (const t of h.driver.timings) expect(t.ms, t.label).toBeLessThan(3000);
  });
});

describe('startBot', () => {
  it('says what to set when the Slack settings are missing', async () => {
    const config = loadConfig({ DATABASE_URL: h.db.url, FERRY_SECRET_KEY: 'a-test-secret-key-of-enough-length' });
    const error = await startBot(config, createLogger('silent')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config_invalid');
    expect((error as AppError).message).toMatch(/SLACK_BOT_TOKEN.*SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });
});
