/** The `/ferry` subcommands and the function behind each. */
import { SUBCOMMANDS, type SubcommandName } from '../capabilities.js';
import { auditCommand } from './audit.js';
import type { Subcommand } from './context.js';
import { helpCommand } from './help.js';
import { newProjectCommand } from './new-project.js';
import { roleCommand } from './role.js';
import { rollbackCommand } from './rollback.js';
import { runCommand } from './runs.js';
import { statusCommand } from './status.js';

export const SUBCOMMAND_HANDLERS: Readonly<Record<SubcommandName, Subcommand>> = {
  new: newProjectCommand,
  help: helpCommand,
  status: statusCommand,
  role: roleCommand,
  preflight: runCommand('preflight'),
  sample: runCommand('sample'),
  run: runCommand('run'),
  delta: runCommand('delta'),
  reconcile: runCommand('reconcile'),
  rollback: rollbackCommand,
  audit: auditCommand,
};

/** `new Tandartsen De Smet` → `{ name: 'new', rest: 'Tandartsen De Smet', args: [...] }`; unknown → help. */
export function parseCommandText(text: string): { name: SubcommandName; rest: string; args: string[]; known: boolean } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const word = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const known = (SUBCOMMANDS as readonly string[]).includes(word);
  return {
    name: known ? (word as SubcommandName) : 'help',
    rest,
    args: rest === '' ? [] : rest.split(/\s+/),
    known: known || word === '',
  };
}
