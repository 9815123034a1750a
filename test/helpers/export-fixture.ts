/** A generated DentAdmin export in a temp folder, plus helpers to edit it like a later export would differ. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { generateExport } from '../../src/dentadmin/generate/index.js';

export async function generatedExport(options: { patients: number; seed: number; defectRate?: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-export-'));
  await generateExport({
    outDir: dir,
    patients: options.patients,
    seed: options.seed,
    lang: 'nl',
    encoding: 'cp1252',
    defectRate: options.defectRate ?? 0.05,
  });
  return dir;
}

/** Reads a cp1252 CSV as rows of cells (simple split: fine for the rows tests edit, which hold no quotes). */
export function readCsv(path: string): string[] {
  return iconv.decode(readFileSync(path), 'win1252').split('\r\n');
}

export function writeCsv(path: string, lines: string[]): void {
  writeFileSync(path, iconv.encode(lines.join('\r\n'), 'win1252'));
}

export function copyExport(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ferry-export-next-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The users file as the sandbox's seeded users (so providers match Pipedrive users by e-mail). */
export function usersOf(dir: string): { name: string; email: string }[] {
  const [header, ...rows] = readCsv(join(dir, 'gebruikers.csv')).filter((l) => l !== '');
  const cols = header!.split(';');
  const at = (name: string) => cols.indexOf(name);
  return rows
    .map((r) => r.split(';'))
    .map((c) => ({ name: `${c[at('Voornaam')]} ${c[at('Naam')]}`, email: c[at('E-mail')]! }));
}
