/** `/ferry help`: the commands, who may use them, and what works inside the thread. */
import { context, header, type SlackMessage, section } from './kit.js';

export const HELP_LINES = [
  '`/ferry new <name>` open a migration project in this channel (you become its operator)',
  '`/ferry status` where the project stands',
  '`/ferry role @person approver|operator` give someone a role (operators)',
  '`/ferry preflight` check the map, the fields and the API budget against Pipedrive (operators)',
  '`/ferry sample [n]` load a few records first, with a diff (operators)',
  '`/ferry run` the full load (operators)',
  '`/ferry delta` load what changed in exports uploaded since the last load (operators)',
  '`/ferry reconcile` compare Pipedrive with the exports and post the receipt (operators)',
  '`/ferry rollback [run]` undo the whole migration, or only load #run, after a confirmation that shows what happens (operators)',
  '`/ferry audit` verify the audit trail and post it as a file',
];

export function buildHelpMessage(): SlackMessage {
  return {
    text: `Ferry commands: ${HELP_LINES.map((l) => l.split(' ').slice(0, 2).join(' ')).join(', ')}`,
    blocks: [
      header('Ferry: DentAdmin → Pipedrive'),
      section(HELP_LINES.join('\n')),
      section(
        [
          '*In the channel or the project thread*',
          '• Upload the DentAdmin `.csv` exports: Ferry checks them and answers with a summary and a defect report.',
          '• *Connect Pipedrive* and *Review map* are buttons on the project card.',
          '• Reply in the thread to change the map: `map GSM to person.phones`, `ignore Beroep`, `undo`.',
          '• Approvers (the practice) approve maps; operators (engineers) start runs and rollbacks.',
        ].join('\n'),
      ),
      context(['Slash commands do not work inside threads: use them in the channel.']),
    ],
  };
}
