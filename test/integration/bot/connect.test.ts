/**
 * Connecting Pipedrive from Slack against the sandbox: the button opens the modal, the submission is checked
 * with /users/me, the token is stored sealed, and the token never shows up in a Slack call or a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../../src/bot/ids.js';
import { type Sandbox, startSandbox } from '../../../src/sandbox/index.js';
import { readAudit } from '../../../src/store/audit.js';
import { findConnection } from '../../../src/store/connections.js';
import { answersSince, type BotHarness, CHANNEL, ENGINEER, PRACTICE, startBotHarness, waitFor } from './harness.js';

const TOKEN = 'pd0123456789abcdef0123456789abcdefSECRET';
const WRONG = 'wrong0123456789abcdef0123456789abcdWRONGTOKEN';

let h: BotHarness;
let sandbox: Sandbox;
let cardTs: string;

const submission = (token: string, baseUrl = '') => ({
  callbackId: VIEW.connect,
  privateMetadata: JSON.stringify({ project: 'de-smet' }),
  values: {
    token: { value: { type: 'plain_text_input', value: token } },
    base_url: { value: { type: 'plain_text_input', value: baseUrl } },
    plan: {
      value: {
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'Growth' }, value: 'growth' },
      },
    },
  },
});

beforeAll(async () => {
  sandbox = await startSandbox({
    token: TOKEN,
    plan: 'growth',
    companyName: 'Tandartsen De Smet BV',
    companyDomain: 'desmet',
  });
  h = await startBotHarness();
  await h.driver.slashCommand(ENGINEER, CHANNEL, 'new De Smet');
  cardTs = (await waitFor(() => h.fake.messages({ channel: CHANNEL })[0], 'the card')).ts;
  await h.driver.slashCommand(ENGINEER, CHANNEL, 'role <@U_CUST> approver');
  await waitFor(
    async () => (await h.db.pool.query("SELECT 1 FROM project_roles WHERE slack_user_id = 'U_CUST'")).rowCount === 1,
    'the role',
  );
});
afterAll(async () => {
  await h?.stop();
  await sandbox?.stop();
});

describe('Connect Pipedrive', () => {
  it('opens the token modal for someone with a role', async () => {
    await h.driver.blockAction(PRACTICE, CHANNEL, {
      actionId: ACTION.connectOpen,
      value: 'de-smet',
      messageTs: cardTs,
    });
    const [open] = await waitFor(
      () => h.fake.callsTo('views.open').length > 0 && h.fake.callsTo('views.open'),
      'views.open',
    );
    const view = open!.args.view as any;
    expect(view.callback_id).toBe(VIEW.connect);
    expect(JSON.parse(view.private_metadata)).toEqual({ project: 'de-smet' });
    expect(String(open!.args.trigger_id)).toMatch(/trigger$/);
  });

  it('refuses an empty token inside the modal', async () => {
    const reply = await h.driver.viewSubmission(PRACTICE, submission(''));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      response_action: 'errors',
      errors: { token: expect.stringContaining('Paste the API token') },
    });
  });

  it('tells the channel in one sentence that a wrong token was refused, without echoing it', async () => {
    const since = h.fake.messages({ threadTs: cardTs }).length;
    const reply = await h.driver.viewSubmission(PRACTICE, submission(WRONG, sandbox.url));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    const [message] = await waitFor(
      () =>
        h.fake.messages({ threadTs: cardTs }).slice(since).length > 0 &&
        h.fake.messages({ threadTs: cardTs }).slice(since),
      'the refusal',
    );
    expect(message!.text).toContain('Pipedrive refused that API token');
    expect(await findConnection(h.db.pool, 'de-smet')).toBeNull();
  });

  it('checks a good token with /users/me, stores it sealed and shows the company and last 4 characters', async () => {
    const since = h.fake.messages({ threadTs: cardTs }).length;
    await h.driver.viewSubmission(PRACTICE, submission(TOKEN, sandbox.url));
    const [message] = await waitFor(
      () =>
        h.fake.messages({ threadTs: cardTs }).slice(since).length > 0 &&
        h.fake.messages({ threadTs: cardTs }).slice(since),
      'the confirmation',
    );
    expect(message!.text).toBe('🔗 Connected to Tandartsen De Smet BV (token …CRET) by <@U_CUST>.');
    const stored = await findConnection(h.db.pool, 'de-smet');
    expect(stored).toMatchObject({
      companyName: 'Tandartsen De Smet BV',
      tokenLast4: 'CRET',
      plan: 'growth',
      baseUrl: sandbox.url,
    });
    const sealed = (await h.db.pool.query('SELECT token_sealed FROM connections')).rows[0].token_sealed as string;
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(TOKEN);
    // The card was edited before (roles); wait for the edit that follows the connection.
    const card = await waitFor(
      () =>
        h.fake
          .messages({ channel: CHANNEL })
          .find((m) => m.ts === cardTs && JSON.stringify(m.blocks).includes('(token …CRET)')),
      'the refreshed card',
    );
    expect(JSON.stringify(card.blocks)).toContain('Tandartsen De Smet BV (token …CRET)');
    const connected = (await readAudit(h.db.pool, 'de-smet')).find((a) => a.kind === 'pipedrive.connected');
    expect(connected).toMatchObject({
      actor: 'slack:U_CUST@T_CUST',
      detail: { tokenLast4: 'CRET', slack: { user: 'U_CUST', team: 'T_CUST' } },
    });
  });

  it('never put a token in a Slack call, an answer, the audit trail or a log line', async () => {
    const audit = JSON.stringify(await readAudit(h.db.pool, 'de-smet'));
    for (const secret of [TOKEN, WRONG, TOKEN.slice(0, -4), WRONG.slice(0, -4)]) {
      expect(h.fake.transcript()).not.toContain(secret);
      expect(h.logs()).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });

  it('acknowledged every interaction within 3 s', () => {
    for (const t of h.driver.timings) expect(t.ms, t.label).toBeLessThan(3000);
    expect(answersSince(h, 0).join('')).not.toContain(TOKEN);
  });
});
