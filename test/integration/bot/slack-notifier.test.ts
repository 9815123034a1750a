/**
 * The Slack notifier against the fake Web API and real Postgres: one progress message per run, edited at most
 * once per interval with the latest numbers, a 429 on an edit dropped rather than waited out, the message shared
 * across workers, and results posted with their files in the project thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClients } from '../../../src/bot/slack-clients.js';
import { createSlackNotifier } from '../../../src/bot/slack-notifier.js';
import type { RunProgress } from '../../../src/migration/notifier.js';
import { type BotHarness, CHANNEL, ENGINEER, startBotHarness, waitFor } from './harness.js';

const INTERVAL_MS = 300;
let h: BotHarness;
let cardTs: string;

async function newRun(): Promise<number> {
  const { rows } = await h.db.pool.query<{ id: number }>(
    "INSERT INTO runs (project_id, kind, actor) VALUES ('praktijk', 'full', 'slack:U_ENG@T_ENG') RETURNING id",
  );
  return rows[0]!.id;
}

function notifier() {
  const { client, progressClient } = createSlackClients(h.config, h.log, { retryConfig: { retries: 0 } });
  return createSlackNotifier(client, { pool: h.db.pool, log: h.log, progressClient, minEditIntervalMs: INTERVAL_MS });
}

const progress = (done: number): RunProgress => ({
  kind: 'full',
  phase: 'persons',
  done,
  total: 1000,
  tokensSpent: done * 2,
  tokensLeft: 50_000 - done * 2,
  etaSeconds: 1000 - done,
});

beforeAll(async () => {
  h = await startBotHarness();
  await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Praktijk');
  cardTs = (await waitFor(() => h.fake.messages({ channel: CHANNEL })[0], 'the card')).ts;
  await waitFor(
    async () => (await h.db.pool.query('SELECT thread_ts FROM slack_projects')).rows[0]?.thread_ts,
    'the thread',
  );
});
afterAll(async () => {
  await h?.stop();
});

describe('progress', () => {
  it('posts one message in the project thread and edits it at most once per interval, latest numbers only', async () => {
    const runId = await newRun();
    const n = notifier();
    const started = Date.now();
    for (let done = 1; done <= 100; done++) {
      await n.progress({ project: 'praktijk', runId }, progress(done * 10));
      await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = Date.now() - started;
    await new Promise((r) => setTimeout(r, INTERVAL_MS + 100));
    const posts = h.fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith(`Run #${runId}`));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.thread_ts).toBe(cardTs);
    const message = h.fake.messages({ threadTs: cardTs }).find((m) => m.text.startsWith(`Run #${runId}`))!;
    expect(message.history.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL_MS) + 1);
    expect(message.history.length).toBeGreaterThan(0);
    expect(message.text).toContain('1,000 / 1,000');
    const stored = (await h.db.pool.query('SELECT channel_id, ts FROM slack_run_messages WHERE run_id = $1', [runId]))
      .rows[0];
    expect(stored).toEqual({ channel_id: CHANNEL, ts: message.ts });
    await n.close();
  });

  it('drops a rate-limited edit instead of waiting, and keeps going', async () => {
    const runId = await newRun();
    const n = notifier();
    await n.progress({ project: 'praktijk', runId }, progress(1));
    h.fake.rateLimit('chat.update', 1);
    await new Promise((r) => setTimeout(r, INTERVAL_MS + 20));
    const before = Date.now();
    await n.progress({ project: 'praktijk', runId }, progress(2));
    expect(Date.now() - before).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, INTERVAL_MS + 20));
    await n.progress({ project: 'praktijk', runId }, progress(3));
    const message = await waitFor(
      () =>
        h.fake
          .messages({ threadTs: cardTs })
          .find((m) => m.text.startsWith(`Run #${runId}`) && m.text.includes('3 / 1,000')),
      'the next edit',
    );
    expect(message.history.map((x) => x.text).some((t) => t.includes('2 / 1,000'))).toBe(false);
    await n.close();
  });

  it('lets another worker continue the same progress message', async () => {
    const runId = await newRun();
    const first = notifier();
    await first.progress({ project: 'praktijk', runId }, progress(100));
    await first.close();
    const second = notifier();
    await second.progress({ project: 'praktijk', runId }, progress(200));
    const messages = h.fake.messages({ threadTs: cardTs }).filter((m) => m.text.startsWith(`Run #${runId}`));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('200 / 1,000');
    await second.close();
  });
});

describe('results', () => {
  it('closes the progress message, posts the result and uploads its files into the thread', async () => {
    const runId = await newRun();
    const n = notifier();
    await n.progress({ project: 'praktijk', runId }, progress(500));
    await n.result(
      { project: 'praktijk', runId },
      {
        kind: 'sample',
        status: 'done',
        lines: ['10 persons created, 0 rejected.', 'Check them in Pipedrive.'],
        attachments: [{ filename: 'sample-diff.csv', title: 'Sample diff', content: 'a;b\r\n1;2\r\n' }],
      },
    );
    const thread = h.fake.messages({ threadTs: cardTs });
    const closed = thread.find((m) => m.text.startsWith(`Run #${runId}`))!;
    expect(closed.history.at(-1)?.text).toContain('500 / 1,000');
    expect(closed.text).toContain('all steps done');
    expect(JSON.stringify(closed.blocks)).toContain('Finished: done');
    const result = thread.find((m) => m.text.startsWith('Sample load: done'))!;
    expect(JSON.stringify(result.blocks)).toContain('10 persons created');
    const file = h.fake.files('bot').find((f) => f.name === 'sample-diff.csv')!;
    expect(file).toMatchObject({ channel: CHANNEL, threadTs: cardTs, title: 'Sample diff' });
    expect(file.content.toString('utf8')).toBe('a;b\r\n1;2\r\n');
    await n.close();
  });

  it('swallows a Slack failure so the job is not repeated', async () => {
    const n = notifier();
    h.fake.rateLimit('chat.postMessage', 1);
    await expect(
      n.result({ project: 'praktijk' }, { kind: 'ingest', status: 'staged', lines: ['x'] }),
    ).resolves.toBeUndefined();
    expect(h.logs()).toContain('Slack result not sent');
  });
});
