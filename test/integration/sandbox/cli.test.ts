import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { runSandbox, sandboxCommand } from '../../../src/cli/commands/sandbox.js';

function io(cwd = process.cwd()) {
  const out = new PassThrough();
  const err = new PassThrough();
  let errText = '';
  err.on('data', (chunk) => {
    errText += String(chunk);
  });
  const cliIo: CliIo = { out, err, env: {}, cwd };
  return { io: cliIo, err: () => errText };
}

describe('ferry sandbox', () => {
  it('prints url, token and plan, serves requests and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));
    writeFileSync(join(dir, 'users.json'), JSON.stringify([{ name: 'Dr Peeters', email: 'peeters@praktijk.be' }]));
    const { io: cliIo, err } = io(dir);
    const code = await runSandbox(
      [
        '--port',
        '0',
        '--token',
        'cli-token',
        '--plan',
        'growth',
        '--seats',
        '2',
        '--users',
        'users.json',
        '--seed',
        '5',
      ],
      cliIo,
      async (sandbox) => {
        expect(err()).toContain(`listening on ${sandbox.url}`);
        const me = await fetch(`${sandbox.url}/v1/users/me`, { headers: { 'x-api-token': 'cli-token' } });
        expect(((await me.json()) as { data: { email: string } }).data.email).toBe('peeters@praktijk.be');
      },
    );
    expect(code).toBe(0);
    expect(err()).toContain('token   cli-token');
    expect(err()).toContain('plan    growth, 2 seats: 120,000 tokens a day, 40 requests per 2 s (search 10)');
    expect(err()).toContain('seed 5');
    expect(err()).toContain('Sandbox stopped (2 tokens spent today');
  });

  it('generates and prints a token when none is given', async () => {
    const { io: cliIo, err } = io();
    await runSandbox(['--port', '0'], cliIo, async (sandbox) => {
      expect(sandbox.token).toMatch(/^[0-9a-f]{40}$/);
    });
    expect(err()).toMatch(/token {3}[0-9a-f]{40} {3}\(generated/);
  });

  it('exits 2 on bad flags and a bad users file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));
    writeFileSync(join(dir, 'users.json'), JSON.stringify([{ name: 'X', email: 'not-an-email' }]));
    for (const argv of [
      ['--plan', 'gold'],
      ['--fail-rate', '2'],
      ['--seats', '0'],
      ['--users', 'users.json'],
      ['--bogus'],
    ]) {
      const { io: cliIo, err } = io(dir);
      expect(await sandboxCommand.run(argv, cliIo)).toBe(2);
      expect(err()).toContain('Usage: ferry sandbox');
    }
  });
});
