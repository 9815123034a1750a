/**
 * `npm start` (`node bin/ferry.mjs start`) as a real process: the bot and a worker in one, answering a signed
 * `/ferry new` with the project card and an upload with the ingest summary (the worker's Slack notifier), then
 * stopping cleanly on SIGTERM. Without the Slack settings it says what to set and exits 2.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { generatedExport } from '../../helpers/export-fixture.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js';
import { fileShare, SlackDriver } from '../../helpers/slack-signing.js';
import { CHANNEL, ENGINEER, PRACTICE, SIGNING_SECRET, waitFor } from './harness.js';

const SECRET_KEY = 'a-test-secret-key-of-enough-length';

interface Started {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

/** The launcher with only the given Slack settings (none inherited from the developer's shell). */
function ferryStart(env: Record<string, string>): Started {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_')));
  const child = spawn(process.execPath, ['bin/ferry.mjs', 'start'], {
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('npm start', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let dataDir: string;
  let started: Started | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    fake = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'ferry-start-'));
  });

  afterAll(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGKILL');
      await started.exit;
    }
    await fake?.stop();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the bot and a worker: a signed /ferry new gets the card, an upload gets checked', async () => {
    started = ferryStart({
      DATABASE_URL: db.url,
      FERRY_SECRET_KEY: SECRET_KEY,
      FERRY_DATA_DIR: dataDir,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
    });
    const port = await waitFor(
      () => /Slack posts to port (\d+)/.exec(started!.output())?.[1],
      'the bot to listen',
      30_000,
    );
    const driver = new SlackDriver(`http://127.0.0.1:${port}`, SIGNING_SECRET, () => fake.responseUrl());
    const reply = await driver.slashCommand(ENGINEER, CHANNEL, 'new Praktijk Start');
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(3000);
    const card = await waitFor(() => fake.messages({ channel: CHANNEL })[0], 'the project card');
    expect(card.text).toContain('Ferry migration project Praktijk Start');
    expect(card.threadTs).toBeNull();

    // The worker half: the bot enqueues the upload, the worker checks it and answers in the thread.
    const exportDir = await generatedExport({ patients: 5, seed: 3 });
    try {
      const files = readdirSync(exportDir)
        .filter((name) => name.endsWith('.csv'))
        .map((name) =>
          fake.addCustomerFile({ name, content: readFileSync(join(exportDir, name)), user: PRACTICE.user }),
        );
      await driver.event(fileShare(PRACTICE, CHANNEL, files, '1800002001.000100', card.ts));
      const summary = await waitFor(
        () => fake.messages({ threadTs: card.ts }).find((m) => m.text.startsWith('Export checked')),
        'the ingest summary from the worker',
        30_000,
      );
      expect(summary.text).toContain('staged');
    } finally {
      rmSync(exportDir, { recursive: true, force: true });
    }

    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
  });

  it('says what to set and exits 2 without the Slack settings', async () => {
    const bare = ferryStart({ DATABASE_URL: db.url, FERRY_SECRET_KEY: SECRET_KEY, FERRY_DATA_DIR: dataDir });
    expect(await bare.exit).toBe(2);
    expect(bare.output()).toMatch(/SLACK_BOT_TOKEN.*SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/s);
    expect(bare.output()).toContain('docs/slack.md');
  });

  it('is what `npm start` runs', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node bin/ferry.mjs start');
  });
});
