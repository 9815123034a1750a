/** Small value manglers shared by the entity builders: impossible dates, bad amounts, mojibake. */

import iconv from 'iconv-lite';
import { civilFromDays } from './calendar.js';
import type { Rng } from './prng.js';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A date no calendar has (D14, `date_invalid`), in the year of `day`. */
export function impossibleDate(day: number, rng: Rng): string {
  const { y, m, d } = civilFromDays(day);
  switch (rng.int(6)) {
    case 0:
      return `31/02/${y}`;
    case 1:
      return `30/02/${y}`;
    case 2:
      return '00/00/0000';
    case 3:
      return `32/${pad2(m)}/${y}`;
    case 4:
      return `${pad2(d)}/13/${y}`;
    default:
      return `31/${rng.pick(['04', '06', '09', '11'])}/${y}`;
  }
}

/** An impossible timestamp (date part impossible, time part fine). */
export function impossibleTimestamp(day: number, rng: Rng): string {
  return `${impossibleDate(day, rng)} ${pad2(rng.range(8, 17))}:${rng.pick(['00', '15', '30', '45'])}`;
}

/** Amount cells no number parser accepts (D19, `amount_invalid`). */
export function badAmount(rng: Rng): string {
  return rng.pick(['n.v.t.', 'gratis', '35,0,0', '12a', '?', 'zie bestek', '1,2,50']);
}

/** Euro cents as DentAdmin writes them: decimal comma, two decimals, no thousands separator. */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${negative ? '-' : ''}${euros},${rest < 10 ? `0${rest}` : rest}`;
}

/** UTF-8 bytes read back as Windows-1252 (D15): "Hélène" → "HÃ©lÃ¨ne". Lower-case accents only. */
export function mojibake(text: string): string {
  return iconv.decode(Buffer.from(text, 'utf8'), 'win1252');
}
