/**
 * Dates as whole day numbers (days since 1970-01-01) so the hot loop never builds Date objects,
 * and the DentAdmin text forms: dd/mm/yyyy and dd/mm/yyyy hh:mm.
 */

export interface Civil {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** Parses an ISO date (yyyy-mm-dd) into a day number; throws on anything else. */
export function parseIsoDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date (yyyy-mm-dd): ${iso}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const day = daysFromCivil(y, m, d);
  const back = civilFromDays(day);
  if (back.m !== m || back.d !== d) throw new Error(`not a real date: ${iso}`);
  return day;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** dd/mm/yyyy */
export function formatDay(days: number): string {
  const c = civilFromDays(days);
  return `${pad2(c.d)}/${pad2(c.m)}/${c.y}`;
}

/** dd/mm/yyyy hh:mm, with `minuteOfDay` in [0, 1440). */
export function formatTimestamp(days: number, minuteOfDay: number): string {
  return `${formatDay(days)} ${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** Whole years between a birth day and a later day (the age on that day). */
export function ageOn(birth: Civil, on: Civil): number {
  let age = on.y - birth.y;
  if (on.m < birth.m || (on.m === birth.m && on.d < birth.d)) age--;
  return age;
}

/** The day a person with this birth date reaches `years` (29 February births move to 1 March). */
export function birthdayDay(birth: Civil, years: number): number {
  const y = birth.y + years;
  const day = daysFromCivil(y, birth.m, birth.d);
  return civilFromDays(day).m === birth.m ? day : daysFromCivil(y, 3, 1);
}

/** Monday = 0 … Sunday = 6. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}
