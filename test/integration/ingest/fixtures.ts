/** Small hand-written DentAdmin exports (domain notes §7), written into a temp folder per test. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

export const PATIENTS_NL = [
  'PatNr;Naam;Voornaam;Geslacht;Geboortedatum;INSZ;Taal;Straat;Nr;Bus;Postcode;Gemeente;Land;Telefoon;GSM;E-mail;Ziekenfonds;Aansluitingsnr;CG1;CG2;Houder;GezinshoofdPatNr;DerdeBetaler;Tandarts;AangemaaktOp;GewijzigdOp;Actief;OverledenOp;ToestemmingSMS;Opmerking',
  '1001;Peeters;Lotte;V;14/03/1987;87031412443;N;Kerkstraat;12;3;2000;Antwerpen;BE;03 231 45 67;0475 12 34 56;lotte.peeters@example.be;100;10012345678;110;110;T1;;N;TDM;02/09/2011 10:14;15/01/2024 16:02;J;;J;',
  '1002;Dubois;Jean-Marc;M;02/11/1952;52110203705;F;Rue de la Station;45;;5000;Namur;BE;081/22 33 44;;jm.dubois@example.be;300;3000987654;131;131;T1;;J;TDM;17/05/2004 09:00;03/03/2025 11:20;J;;N;"Porteur prothèse inf.; allergie pénicilline"',
  '1003;Janssens;Noah;M;30/06/2012;12063021185;N;Stationsstraat;8;;9000;Gent;BE;;+32 486 11 22 33;ouders.janssens@example.be;500;5000112233;120;120;T2;1004;J;TDV;05/07/2016 14:30;20/08/2025 10:05;J;;J;',
  '1004;Janssens;Sofie;V;22/01/1985;85012208874;N;Stationsstraat;8;;9000;Gent;BE;09 222 33 44;0498 76 54 32;sofie.janssens@example.be;500;5000445566;110;110;T1;;N;TDV;05/07/2016 14:28;05/07/2016 14:28;J;;J;"Twee regels:',
  'eerste controle ok"',
  '1005;Dubois;Jean-Marc;M;02/11/1952;52110203705;F;Rue de la Station;45;;5000;Namur;BE;;;;300;3000987654;131;131;T1;;J;TDM;17/05/2004 09:00;03/03/2025 11:20;J;;N;',
].join('\r\n');

export const USERS_NL = [
  'Code;Naam;Voornaam;Rol;RIZIVnr;Geconventioneerd;E-mail;GSM;Actief;LaatsteLogin',
  'TDM;Maes;Dirk;Tandarts;3-12345-92-001;J;dirk.maes@tandartspraktijk-example.be;0477 11 22 33;J;28/10/2025 08:02',
  'TDV;Verlinden;An;Tandarts;3-04711-63-001;G;an.verlinden@tandartspraktijk-example.be;0478 22 33 44;J;27/10/2025 17:45',
].join('\r\n');

export const TREATMENTS_NL = [
  'PrestatieID;PatNr;Datum;Verstrekker;Nomenclatuur;Omschrijving;Tand;Vlakken;Kwadrant;Honorarium;Terugbetaling;Remgeld;Supplement;Attest;Ontvangstnr;Status',
  '50001;1001;14/01/2025;TDM;301593;Jaarlijks mondonderzoek;;;;82,00;70,50;4,00;7,50;eAttest;A2025-000123;Geattesteerd',
  '50002;999;03/02/2025;TDV;371615;Preventief mondonderzoek 1e semester;;;;62,00;54,50;0,00;7,50;eFact;;Geattesteerd',
  '50003;1003;03/02/2025;XYZ;373914;Vulling blijvende tand 2 vlakken;46;MO;4;;;;;eFact;;Geattesteerd',
].join('\r\n');

/** Notes: a memo over two lines (N1), and N4 with an unquoted `;` (a ragged row, D17). */
export const NOTES_NL = [
  'NotitieID;PatNr;Datum;Auteur;Type;Tand;Tekst;Vertrouwelijk',
  'N1;1001;14/01/2025 09:18;TDM;Behandeling;;"Controle ok.',
  'Tandsteen onderfront; volgende keer DPSI.";N',
  'N4;1005;11/10/2023 09:00;TDM;Administratief;;Patiënt spreekt Engels/Pools; SMS niet gewenst;N',
  'N5;1004;22/04/2025 11:40;TDV;Behandeling;36;"Implantaat besproken.";N',
].join('\r\n');

export const USERS_FR_TAB = [
  'Code\tNom\tPrénom\tRôle\tNoINAMI\tConventionné\tE-mail\tGSM\tActif\tDernièreConnexion',
  'TDM\tMaes\tDirk\tDentiste\t3-12345-92-001\tO\tdirk.maes@example.be\t\tO\t28/10/2025 08:02',
].join('\n');

export type FileSpec = string | Buffer;

/** Writes the files into a new temp folder (a string becomes Windows-1252 unless its name ends in .utf8.csv). */
export function writeExport(files: Record<string, FileSpec>, documents?: Record<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ingest-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? iconv.encode(content, 'win1252') : content);
  }
  for (const [path, bytes] of Object.entries(documents ?? {})) {
    const full = join(dir, 'documents', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, bytes);
  }
  return dir;
}

export const utf8Bom = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
