/** Runs `ferry …` in this process, with its own environment, capturing stdout and stderr. */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
  /** stdout parsed as JSON (for --json commands). */
  json<T = Record<string, unknown>>(): T;
}

export async function ferry(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(argv, { out, err, env, cwd });
  const text = { out: Buffer.concat(chunks.out).toString('utf8'), err: Buffer.concat(chunks.err).toString('utf8') };
  return {
    code,
    ...text,
    json: <T>() => {
      try {
        return JSON.parse(text.out) as T;
      } catch {
        throw new Error(
          `ferry ${argv.join(' ')} printed no JSON (exit ${code}).\nstdout: ${text.out}\nstderr: ${text.err}`,
        );
      }
    },
  };
}
