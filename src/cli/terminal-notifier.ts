/** The CLI's notifier: a one-line progress bar on a terminal, plain lines otherwise; results as text. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Notifier, RunProgress } from '../migration/notifier.js';

const BAR_WIDTH = 24;
const MIN_INTERVAL_MS = 250;

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

export function progressLine(p: RunProgress): string {
  const left = p.tokensLeft === undefined ? '' : `, ${p.tokensLeft} left today`;
  return `${p.kind} ${p.phase} ${bar(p.done, p.total)} ${p.done}/${p.total} chunks · ${p.tokensSpent} tokens${left}`;
}

/** `attachmentsDir`: where result files (diff CSV …) are written; their paths are printed. */
export function createTerminalNotifier(err: NodeJS.WritableStream, attachmentsDir: string, quiet = false): Notifier {
  const tty = (err as NodeJS.WriteStream).isTTY === true;
  let last = 0;
  let lastPhase = '';
  return {
    async progress(_target, p) {
      if (quiet) return;
      const now = Date.now();
      if (tty) {
        if (now - last < MIN_INTERVAL_MS && p.done < p.total) return;
        err.write(`\r${progressLine(p)}\x1b[K`);
        if (p.done >= p.total && p.phase !== lastPhase) err.write('\n');
      } else if (p.phase !== lastPhase && p.done >= p.total) {
        err.write(`${progressLine(p)}\n`);
      }
      if (p.done >= p.total) lastPhase = p.phase;
      last = now;
    },
    async result(_target, result) {
      if (quiet) return;
      if (tty) err.write('\r\x1b[K');
      for (const line of result.lines) err.write(`${line}\n`);
      for (const attachment of result.attachments ?? []) {
        const path = join(attachmentsDir, attachment.filename);
        writeFileSync(path, attachment.content);
        err.write(`${attachment.title}: ${path}\n`);
      }
    },
  };
}
