/**
 * Cleaning a file's header row: what Excel and Windows exports leave around the names.
 * A BOM glued to the first name (`\uFEFFPatNr`, D16) or read as text (`ï»¿PatNr`, D15), non-breaking
 * spaces, padding, and a trailing `;` that makes an empty last column.
 */

export interface CleanHeaders {
  /** The names as shown to people and stored; an empty name becomes `(column N)`. */
  headers: string[];
  /** How many empty columns were dropped from the end; the same number of empty cells is dropped per row. */
  droppedTrailing: number;
  /** A BOM read as text (`ï»¿`) was found before the first name: the file was decoded with the wrong encoding. */
  bomAsText: boolean;
}

const NBSP_ALL = /[\u00a0\u2007\u202f]/g;
const BOM_AS_TEXT = '\u00ef\u00bb\u00bf';

export function cleanHeaderName(raw: string): string {
  return raw.replace(NBSP_ALL, ' ').replaceAll('\ufeff', '').trim().replace(/\s+/g, ' ');
}

export function cleanHeaders(raw: readonly string[]): CleanHeaders {
  const names = raw.map(cleanHeaderName);
  let bomAsText = false;
  const first = names[0];
  if (first?.startsWith(BOM_AS_TEXT)) {
    names[0] = first.slice(BOM_AS_TEXT.length).trim();
    bomAsText = true;
  }
  let keep = names.length;
  while (keep > 1 && names[keep - 1] === '') keep--;
  const headers = names.slice(0, keep).map((name, i) => (name === '' ? `(column ${i + 1})` : name));
  return { headers, droppedTrailing: names.length - keep, bomAsText };
}

/**
 * Drops the empty cells that line up with the dropped trailing header columns. A row whose extra cells hold
 * something is left as it is (and reported as ragged by the caller).
 */
export function dropTrailingCells(cells: string[], headerCount: number, droppedTrailing: number): string[] {
  if (droppedTrailing === 0 || cells.length <= headerCount) return cells;
  for (let i = headerCount; i < cells.length; i++) if (cells[i] !== '') return cells;
  cells.length = headerCount;
  return cells;
}
