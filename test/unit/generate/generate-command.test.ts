import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { generateCommand } from '../../../src/cli/commands/generate.js';

const root = mkdtempSync(join(tmpdir(), 'ferry-gen-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (c: Buffer) => {
    chunks.out += c.toString('utf8');
  });
  err.on('data', (c: Buffer) => {
    chunks.err += c.toString('utf8');
  });
  return { io: { out, err, env: {}, cwd: root }, out: () => chunks.out, err: () => chunks.err };
}

describe('ferry generate', () => {
  test('writes an export and prints the summary as JSON with --json', async () => {
    const { io, out, err } = fakeIo();
    const code = await generateCommand.run(
      [
        '--out',
        'export',
        '--patients',
        '50',
        '--seed',
        'cli',
        '--lang',
        'fr',
        '--encoding',
        'utf8bom',
        '--json',
        '--no-documents',
      ],
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(out());
    expect(summary.rows.patients).toBe(50);
    expect(summary.documentsDir).toBeNull();
    expect(summary.files.patients).toBe(join(root, 'export', 'patients.csv'));
    expect(readFileSync(summary.files.patients).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(err()).toContain('patients');
  });

  test('without --json it prints nothing on stdout and a readable summary on stderr', async () => {
    const { io, out, err } = fakeIo();
    expect(await generateCommand.run(['--out', 'plain', '--patients', '20'], io)).toBe(0);
    expect(out()).toBe('');
    expect(err()).toMatch(/Wrote a synthetic DentAdmin export/);
  });

  test.each([
    [['--patients', '10']],
    [['--out', 'x', '--lang', 'de']],
    [['--out', 'x', '--encoding', 'latin1']],
    [['--out', 'x', '--defect-rate', '2']],
    [['--out', 'x', '--patients', 'many']],
    [['--out', 'x', '--export-date', '2025-02-30']],
    [['--out', 'x', '--bogus']],
  ])('rejects %j with usage and exit code 2', async (argv) => {
    const { io, err } = fakeIo();
    expect(await generateCommand.run(argv, io)).toBe(2);
    expect(err()).toContain('Usage: ferry generate');
  });
});
