import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../src/dentadmin/read/inspect-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return inspectFile(path, bytes.length);
}

describe('inspectFile', () => {
  it('reads a Windows-1252 patients file with a misleading name', async () => {
    const csv =
      'PatNr;Naam;Voornaam;Geboortedatum;INSZ;Opmerking;\r\n1;Lambert;Hélène;14/03/1987;87031412443;"twee\r\nlijnen";\r\n';
    const result = await inspect('export (2).csv', iconv.encode(csv, 'win1252'));
    expect(result).toMatchObject({
      ok: true,
      file: {
        encoding: 'windows-1252',
        delimiter: ';',
        lineEnding: 'crlf',
        headers: ['PatNr', 'Naam', 'Voornaam', 'Geboortedatum', 'INSZ', 'Opmerking'],
        droppedTrailing: 1,
        recognition: { entity: 'patients' },
      },
    });
  });

  it('reads a UTF-8 BOM, tab-separated French file', async () => {
    const csv =
      '\uFEFFCode\tNom\tPrénom\tRôle\tNoINAMI\tConventionné\tE-mail\tGSM\tActif\tDernièreConnexion\nTDM\tMaes\tDirk\tDentiste\t\tO\t\t\tO\t\n';
    const result = await inspect('users.txt', Buffer.from(csv, 'utf8'));
    expect(result).toMatchObject({
      ok: true,
      file: {
        encoding: 'utf-8-bom',
        delimiter: '\t',
        lineEnding: 'lf',
        recognition: { entity: 'users', confidence: 1 },
      },
    });
  });

  it('names the problem of an empty, a binary and an unknown file', async () => {
    expect(await inspect('empty.csv', Buffer.alloc(0))).toMatchObject({ ok: false, message: 'is empty (0 bytes)' });
    expect(await inspect('blank.csv', Buffer.from('\r\n\r\n'))).toMatchObject({
      ok: false,
      message: 'is empty (no header row)',
    });
    expect(await inspect('photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10, 0x4a]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('binary'),
    });
    const unknown = await inspect('invoices.csv', Buffer.from('Factuurnr;Bedrag\n1;10\n'));
    expect(unknown).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringContaining('its headers are: Factuurnr, Bedrag'),
    });
  });

  it('notes a file whose accented text is mostly double-encoded, but not a sound file with one damaged cell', async () => {
    const header = 'NoPat;Nom;Prénom\n';
    const bad = await inspect(
      'bad.csv',
      Buffer.from(`${header}1;Dubois;FranÃ§ois\n2;Lambert;HÃ©lÃ¨ne\n3;Peeters;CÃ©line\n`, 'utf8'),
    );
    expect(bad.ok && bad.file.notes).toEqual([expect.stringMatching(/double-encoded/)]);
    const rows = Array.from({ length: 20 }, (_, i) => `${i};Lambert;Hélène`).join('\n');
    const sound = await inspect('sound.csv', Buffer.from(`${header}${rows}\n99;Dubois;FranÃ§ois\n`, 'utf8'));
    expect(sound.ok && sound.file.notes).toEqual([]);
  });

  it('reports mojibake in the headers as a note', async () => {
    const csv = 'NoPat;Nom;PrÃ©nom;DateNaissance;NISS\n1;Dubois;FranÃ§ois;02/11/1952;52110203705\n';
    const result = await inspect('mojibake.csv', Buffer.from(csv, 'utf8'));
    expect(result).toMatchObject({ ok: true, file: { encoding: 'utf-8', recognition: { entity: 'patients' } } });
    expect(result.ok && result.file.notes[0]).toMatch(/double-encoded/);
  });
});
