import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/bot/commands/index.js';
import { mentionedUser } from '../../../src/bot/commands/role.js';
import { parseRunArgument } from '../../../src/bot/commands/rollback.js';
import { runOptions } from '../../../src/bot/commands/runs.js';
import { isCsvFile, needsFileInfo, safeFileName } from '../../../src/bot/download.js';
import { looksLikeEdit, slackTextToPlain } from '../../../src/bot/edit-text.js';
import { parseRollbackTarget, parseVersionValue, rollbackTargetValue, versionValue } from '../../../src/bot/ids.js';
import { connectFailureSentence, readConnectInput } from '../../../src/bot/listeners/connect/connect-submit.js';
import { missingSlackSettings } from '../../../src/bot/main.js';
import { allows } from '../../../src/bot/permissions.js';
import { projectSlug } from '../../../src/bot/slug.js';
import { AppError } from '../../../src/domain/errors.js';

describe('/ferry text', () => {
  it('splits the subcommand from its arguments, and sends anything unknown to help', () => {
    expect(parseCommandText('new  Tandartsen De Smet ')).toEqual({
      name: 'new',
      rest: 'Tandartsen De Smet',
      args: ['Tandartsen', 'De', 'Smet'],
      known: true,
    });
    expect(parseCommandText('ROLE <@U1|jan> approver').args).toEqual(['<@U1|jan>', 'approver']);
    expect(parseCommandText('')).toMatchObject({ name: 'help', known: true });
    expect(parseCommandText('migrate everything')).toMatchObject({ name: 'help', known: false });
  });

  it('reads escaped mentions, run numbers and sample sizes', () => {
    expect(mentionedUser('<@U123ABC|jan>')).toBe('U123ABC');
    expect(mentionedUser('<@W42>')).toBe('W42');
    expect(mentionedUser('@jan')).toBeNull();
    expect(parseRunArgument([])).toBeUndefined();
    expect(parseRunArgument(['#12'])).toBe(12);
    expect(parseRunArgument(['twelve'])).toBeNull();
    expect(parseRollbackTarget('all')).toBeNull();
    expect(parseRollbackTarget(rollbackTargetValue(12))).toBe(12);
    expect(parseRollbackTarget('0')).toBeUndefined();
    expect(parseRollbackTarget('12; DROP')).toBeUndefined();
    expect(runOptions('sample', ['25'])).toEqual({ size: 25 });
    expect(runOptions('sample', [])).toEqual({});
    expect(typeof runOptions('full', ['now'])).toBe('string');
  });

  it('makes a project id from a practice name', () => {
    expect(projectSlug('Tandartsen De Smet')).toBe('tandartsen-de-smet');
    expect(projectSlug('Cabinet Dentaire Hélène & Zoë')).toBe('cabinet-dentaire-helene-zoe');
    expect(projectSlug('  --  ')).toBeNull();
    expect(projectSlug('x'.repeat(100))).toHaveLength(63);
  });
});

describe('thread replies', () => {
  it('treats only edit-shaped replies as edits', () => {
    for (const text of [
      'map GSM to person.phones',
      'ignore Beroep because not needed',
      'new person field "Huisarts" varchar from Huisarts',
      'transform Geslacht map_values M=male',
      'undo',
      'Undo.',
    ]) {
      expect(looksLikeEdit(text)).toBe(true);
    }
    for (const text of ['new export coming tomorrow', 'map looks good!', 'undo that please', 'thanks', 'ignore']) {
      expect(looksLikeEdit(text)).toBe(false);
    }
  });

  it("undoes Slack's markup", () => {
    expect(slackTextToPlain('<@U_FERRY> map &lt;Naam&gt; to person.name')).toBe('map <Naam> to person.name');
    expect(slackTextToPlain('map Email to <mailto:person.emails|person.emails>')).toBe('map Email to person.emails');
  });
});

describe('ids and roles', () => {
  it('round-trips version values, hash colons included', () => {
    expect(parseVersionValue(versionValue(4, 'sha256:abc'))).toEqual({ version: 4, hash: 'sha256:abc' });
    expect(parseVersionValue('x:sha256:abc')).toBeNull();
    expect(parseVersionValue(undefined)).toBeNull();
  });

  it('lets approvers approve and operators run, and nobody without a role', () => {
    expect(allows('approver', 'approve')).toBe(true);
    expect(allows('operator', 'approve')).toBe(false);
    expect(allows('operator', 'run')).toBe(true);
    expect(allows('approver', 'rollback')).toBe(false);
    expect(allows('approver', 'connect')).toBe(true);
    expect(allows(null, 'connect')).toBe(false);
  });
});

describe('files', () => {
  it('asks files.info for Slack Connect stubs and recognises CSVs', () => {
    expect(needsFileInfo({ id: 'F1', file_access: 'check_file_info' })).toBe(true);
    expect(needsFileInfo({ id: 'F1', name: 'a.csv', url_private_download: 'https://x' })).toBe(false);
    expect(isCsvFile({ id: 'F', name: 'PATIENTEN.CSV' })).toBe(true);
    expect(isCsvFile({ id: 'F', name: 'x.pdf', filetype: 'pdf' })).toBe(false);
    expect(safeFileName('../../etc/passwd', 'f')).toBe('.._.._etc_passwd'.replace(/^\.+/, ''));
    expect(safeFileName('Patiënten 2024.csv', 'f')).toBe('Patiënten 2024.csv');
    expect(safeFileName('', 'file-1.csv')).toBe('file-1.csv');
  });
});

describe('connect modal input', () => {
  const values = (token: string, url = '', plan?: string) => ({
    token: { value: { type: 'plain_text_input', value: token } },
    base_url: { value: { type: 'plain_text_input', value: url } },
    ...(plan
      ? {
          plan: {
            value: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: plan }, value: plan },
            },
          },
        }
      : {}),
  });

  it('refuses an empty token and a malformed URL inside the modal', () => {
    expect(readConnectInput(values('') as any)).toEqual({
      ok: false,
      errors: { token: expect.stringContaining('Paste') },
    });
    expect(readConnectInput(values('abc def') as any)).toMatchObject({ ok: false });
    expect(readConnectInput(values('tok', 'pipedrive.com') as any)).toEqual({
      ok: false,
      errors: { base_url: expect.any(String) },
    });
    expect(readConnectInput(values(' tok123 ', 'https://x.pipedrive.com', 'premium') as any)).toEqual({
      ok: true,
      input: { token: 'tok123', baseUrl: 'https://x.pipedrive.com', plan: 'premium' },
    });
  });

  it('explains a failure from its code alone', () => {
    const secret = 'SECRET-TOKEN-1234';
    for (const code of [
      'pipedrive_unauthorized',
      'pipedrive_payment_required',
      'pipedrive_forbidden',
      'pipedrive_unavailable',
    ] as const) {
      expect(connectFailureSentence(new AppError(code, `failed with ${secret}`))).not.toContain(secret);
    }
    expect(connectFailureSentence(new Error(secret))).not.toContain(secret);
  });
});

describe('missingSlackSettings', () => {
  const slack = (s: Partial<Record<'botToken' | 'appToken' | 'signingSecret' | 'apiUrl', string>>) => ({
    slack: { botToken: undefined, appToken: undefined, signingSecret: undefined, apiUrl: undefined, ...s },
  });

  it('names what to set', () => {
    expect(missingSlackSettings(slack({}))).toMatch(/SLACK_BOT_TOKEN.*SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(missingSlackSettings(slack({ botToken: 'xoxb' }))).not.toMatch(/SLACK_BOT_TOKEN/);
    expect(missingSlackSettings(slack({ signingSecret: 's' }))).toMatch(/SLACK_BOT_TOKEN/);
    expect(missingSlackSettings(slack({ botToken: 'xoxb', signingSecret: 's' }))).toBeNull();
    expect(missingSlackSettings(slack({ botToken: 'xoxb', appToken: 'xapp' }))).toBeNull();
  });
});
