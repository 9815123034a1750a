/**
 * What an LLM may see of the export. Cells: the ingest's shape mask (`Peeters` → `Aaaaaaa`, `0470 12 34 56` →
 * `9999 99 99 99`, an e-mail keeps only its top-level domain), applied again to profile samples as a second
 * guard (masking is idempotent). Headers and file names are sent as they are, unless they look like data.
 */
import { maskValue } from '../dentadmin/profile/mask.js';

export { maskValue };

/** A header or file name that looks like data (a file without a header row, `1001_OPG.jpg`) is masked too. */
export function maskHeader(header: string): string {
  const looksLikeData = /\d{4,}/.test(header) || header.includes('@') || /^\d+([.,/-]\d+)+$/.test(header.trim());
  return looksLikeData ? maskValue(header) : header;
}
