/** CSV files the bot attaches (the map, the audit trail), written the way the defect report is: for Belgian Excel. */
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../dentadmin/ingest/report-output.js';

/** UTF-8 with a BOM so accents show, `;` as Belgian Excel expects, CRLF, cells safe from formula injection. */
export function toExcelCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { delimiter: ';', bom: true, record_delimiter: 'windows' },
  );
}
