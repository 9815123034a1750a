/**
 * The bot over HTTP, as Slack reaches it: signed requests to the real receiver, a fake Web API, real Postgres.
 * Signatures, /healthz, /ferry new, roles, refusals (audited), the event dedupe, and the 3-second acks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bot/ids.js';
import { readAudit } from '../../../src/store/audit.js';
import { signatureHeaders } from '../../helpers/slack-signing.js';
import {
  answersSince,
  type BotHarness,
  CHANNEL,
  ENGINEER,
  PRACTICE,
  STRANGER,
  startBotHarness,
  waitFor,
} from './harness.js';

let h: BotHarness;
let cardTs: string;

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('the HTTP receiver', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${h.botUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('rejects a forged or stale signature and does nothing', async () => {
    const before = h.fake.calls.length;
    const forged = await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Forged', { signature: `v0=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    const stale = await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Stale', {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    const body = 'command=%2Fferry&text=new+Wrong';
    const wrongSecret = await fetch(`${h.botUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders('not-the-secret', body) },
      body,
    });
    expect(wrongSecret.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.calls.length).toBe(before);
    expect((await h.db.pool.query('SELECT count(*)::int AS n FROM slack_projects')).rows[0].n).toBe(0);
  });
});

describe('/ferry new', () => {
  it('opens the project in this channel, makes the creator its operator and posts the card', async () => {
    const reply = await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Tandartsen De Smet');
    expect(reply.status).toBe(200);
    const card = await waitFor(
      () => h.fake.messages({ channel: CHANNEL }).find((m) => m.threadTs === null),
      'the project card',
    );
    cardTs = card.ts;
    expect(card.text).toContain('Tandartsen De Smet');
    const buttons = JSON.stringify(card.blocks);
    expect(buttons).toContain(ACTION.connectOpen);
    expect(buttons).toContain(ACTION.mapReview);
    const project = await waitFor(
      async () =>
        (await h.db.pool.query('SELECT * FROM slack_projects')).rows[0]?.thread_ts &&
        (await h.db.pool.query('SELECT * FROM slack_projects')).rows[0],
      'the thread ts',
    );
    expect(project).toMatchObject({
      project_id: 'tandartsen-de-smet',
      channel_id: CHANNEL,
      thread_ts: card.ts,
      created_by_user: 'U_ENG',
      created_by_team: 'T_ENG',
    });
    const roles = await h.db.pool.query('SELECT slack_user_id, slack_team_id, role FROM project_roles');
    expect(roles.rows).toEqual([{ slack_user_id: 'U_ENG', slack_team_id: 'T_ENG', role: 'operator' }]);
    const audit = await readAudit(h.db.pool, 'tandartsen-de-smet');
    expect(audit.map((a) => [a.kind, a.actor])).toEqual([['project.opened', 'slack:U_ENG@T_ENG']]);
    expect(audit[0]!.detail).toMatchObject({ slack: { user: 'U_ENG', team: 'T_ENG' }, channel: CHANNEL });
  });

  it('refuses a second project in the same channel', async () => {
    const since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'new Another Practice');
    const [answer] = await waitFor(() => answersSince(h, since).length > 0 && answersSince(h, since), 'the refusal');
    expect(answer).toContain('already has the project tandartsen-de-smet');
    expect(h.fake.messages({ channel: CHANNEL }).filter((m) => m.threadTs === null)).toHaveLength(1);
  });

  it('asks to be invited when it is not in the channel, and posts the card once it is', async () => {
    h.fake.setMember('C_NOBOT', false);
    const since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, 'C_NOBOT', 'new Praktijk Zonder Bot');
    expect(await waitFor(() => answersSince(h, since)[0], 'the hint')).toContain('/invite @ferry');
    h.fake.setMember('C_NOBOT', true);
    await h.driver.slashCommand(ENGINEER, 'C_NOBOT', 'new Praktijk Zonder Bot');
    const card = await waitFor(() => h.fake.messages({ channel: 'C_NOBOT' })[0], 'the card');
    await waitFor(
      async () =>
        (await h.db.pool.query("SELECT thread_ts FROM slack_projects WHERE channel_id = 'C_NOBOT'")).rows[0]
          ?.thread_ts === card.ts,
      'the thread',
    );
    expect(h.logs()).toContain('not_in_channel');
  });

  it('answers help and status privately', async () => {
    let since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'help');
    expect(await waitFor(() => answersSince(h, since)[0], 'help')).toContain('Ferry commands');
    since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'status');
    const status = await waitFor(() => h.fake.responses[since], 'status');
    expect(status.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(status.body.blocks)).toContain('<@U_ENG>');
  });

  it('tells a channel without a project how to start one', async () => {
    const since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, 'C_ELSEWHERE', 'status');
    expect(await waitFor(() => answersSince(h, since)[0], 'hint')).toContain('/ferry new');
  });
});

describe('roles', () => {
  it('lets an operator make the practice an approver, recording their home workspace', async () => {
    h.fake.setUserTeam('U_CUST', 'T_CUST');
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'role <@U_CUST|an> approver');
    const note = await waitFor(
      () => h.fake.messages({ threadTs: cardTs }).find((m) => m.text.includes('approver')),
      'the role message',
    );
    expect(note.text).toContain('@U_CUST');
    const role = (await h.db.pool.query("SELECT * FROM project_roles WHERE slack_user_id = 'U_CUST'")).rows[0];
    expect(role).toMatchObject({ role: 'approver', slack_team_id: 'T_CUST', granted_by: 'slack:U_ENG@T_ENG' });
    const granted = (await readAudit(h.db.pool, 'tandartsen-de-smet')).find((a) => a.kind === 'role.granted');
    expect(granted?.detail).toMatchObject({
      grantee: { user: 'U_CUST', team: 'T_CUST' },
      role: 'approver',
      slack: { user: 'U_ENG', team: 'T_ENG' },
    });
  });

  it("refuses and audits a non-operator's grant, run and rollback", async () => {
    const since = h.fake.responses.length;
    await h.driver.slashCommand(PRACTICE, CHANNEL, 'role <@U_OTHER> operator');
    await h.driver.slashCommand(PRACTICE, CHANNEL, 'run');
    await h.driver.slashCommand(STRANGER, CHANNEL, 'rollback');
    const answers = await waitFor(() => answersSince(h, since).length >= 3 && answersSince(h, since), 'three refusals');
    expect(answers.join('\n')).toContain('Only operators can give roles');
    expect(answers.join('\n')).toContain('Only operators can start runs');
    expect(answers.join('\n')).toContain('Only operators can roll back');
    const refused = (await readAudit(h.db.pool, 'tandartsen-de-smet'))
      .filter((a) => a.kind.endsWith('.refused'))
      .sort((a, b) => a.kind.localeCompare(b.kind));
    expect(refused.map((a) => [a.kind, a.actor])).toEqual([
      ['grant.refused', 'slack:U_CUST@T_CUST'],
      ['rollback.refused', 'slack:U_OTHER@T_CUST'],
      ['run.refused', 'slack:U_CUST@T_CUST'],
    ]);
    expect(refused[2]!.detail).toMatchObject({
      kind: 'full',
      role: 'approver',
      slack: { user: 'U_CUST', team: 'T_CUST' },
    });
    expect((await h.db.pool.query('SELECT count(*)::int AS n FROM runs')).rows[0].n).toBe(0);
    expect(await h.jobs('ferry-run')).toEqual([]);
  });

  it("keeps an operator's run waiting for an approved map", async () => {
    const since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'sample');
    expect(await waitFor(() => answersSince(h, since)[0], 'the answer')).toContain('no field map yet');
    expect((await h.db.pool.query('SELECT count(*)::int AS n FROM runs')).rows[0].n).toBe(0);
  });

  it('says there is nothing to roll back before any load, and which run numbers it takes', async () => {
    let since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'rollback');
    expect(await waitFor(() => answersSince(h, since)[0], 'the answer')).toContain('There is nothing to roll back');
    since = h.fake.responses.length;
    await h.driver.slashCommand(ENGINEER, CHANNEL, 'rollback 7');
    expect(await waitFor(() => answersSince(h, since)[0], 'the answer')).toContain('Run #7 cannot be rolled back');
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM runs WHERE kind = 'rollback'")).rows[0].n).toBe(0);
  });
});

describe('buttons from people without a role', () => {
  it('refuses the connect button privately and audits it', async () => {
    const since = h.fake.responses.length;
    const reply = await h.driver.blockAction(STRANGER, CHANNEL, {
      actionId: ACTION.connectOpen,
      value: 'tandartsen-de-smet',
      messageTs: cardTs,
    });
    expect(reply.status).toBe(200);
    expect(await waitFor(() => answersSince(h, since)[0], 'refusal')).toContain('Only people with a role');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('Slack retries', () => {
  it('handles an event id once', async () => {
    const event = {
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: 'U_ENG',
      text: 'undo',
      ts: '1800000000.000100',
      thread_ts: cardTs,
      event_ts: '1800000000.000100',
    };
    const first = await h.driver.event(event);
    const again = await h.driver.event(event, {
      eventId: first.eventId,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);
    // The reply to "undo" (there is no map yet) is posted once.
    await waitFor(() => h.fake.messages({ threadTs: cardTs }).some((m) => m.text.includes('no map yet')), 'the answer');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.messages({ threadTs: cardTs }).filter((m) => m.text.includes('no map yet'))).toHaveLength(1);
  });
});

describe('/ferry audit', () => {
  it('verifies the chain, posts the summary and the whole trail as a CSV in the thread', async () => {
    await h.driver.slashCommand(PRACTICE, CHANNEL, 'audit');
    const summary = await waitFor(
      () => h.fake.messages({ threadTs: cardTs }).find((m) => m.text.startsWith('Audit trail')),
      'the summary',
    );
    expect(summary.text).toContain('intact');
    const file = await waitFor(
      () => h.fake.files('bot').find((f) => f.name.startsWith('audit-tandartsen-de-smet') && f.threadTs !== null),
      'the CSV',
    );
    expect(file.threadTs).toBe(cardTs);
    const csv = file.content.toString('utf8');
    expect(csv).toContain('id;at;actor;kind;detail;prev_hash;hash');
    expect(csv).toContain('project.opened');
    await waitFor(
      async () =>
        (await readAudit(h.db.pool, 'tandartsen-de-smet')).some(
          (a) => a.kind === 'audit.exported' && a.actor === 'slack:U_CUST@T_CUST',
        ),
      'the export entry',
    );
  });
});

describe('acknowledgements', () => {
  it('answered every interaction within 3 s', () => {
    const accepted = h.driver.timings.filter((t) => t.status === 200);
    expect(accepted.length).toBeGreaterThan(10);
    for (const t of accepted) expect(t.ms, t.label).toBeLessThan(3000);
  });

  it('logged nothing at error level but the one refused post', () => {
    const errors = h
      .logs()
      .split('\n')
      .filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('not_in_channel');
  });
});
