/**
 * `ferry <command> [flags]`: dispatches to one module per command. Exit codes: 0 ok, 1 failed, 2 usage/config.
 */
import type { CliIo, Command } from './command.js';
import { COMMANDS } from './commands/index.js';

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Ferry moves a dental practice from DentAdmin exports into Pipedrive: checked, approved, reversible.',
    '',
    'Usage: ferry <command> [flags]      ferry <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const fullIo: CliIo = {
    out: io?.out ?? process.stdout,
    err: io?.err ?? process.stderr,
    env: io?.env ?? process.env,
    cwd: io?.cwd ?? process.cwd(),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? fullIo.err : fullIo.out).write(helpText(COMMANDS));
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    fullIo.err.write(`ferry: unknown command "${name}". Run "ferry --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    fullIo.out.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest, fullIo);
}
