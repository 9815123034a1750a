/** The injected defects of a patient row (reference §7.10), one kind per damaged record. */

import type { DefectCode } from '../defects.js';
import { formatDay, formatTimestamp } from './calendar.js';
import type { AppliedDefect } from './defect-log.js';
import { INVALID_CT_VALUES, pickFundAlias, UNKNOWN_FUND_VALUES } from './funds.js';
import { breakEmail, breakInszChecksum, makeBadPhone, makeEmail } from './identity.js';
import { P } from './patients.js';
import { ACCENTED_FIRST_NAMES_FEMALE, ACCENTED_FIRST_NAMES_MALE } from './people-data.js';
import { impossibleDate, mojibake } from './text-damage.js';
import { pickRaggedText } from './texts.js';
import type { GenContext } from './types.js';
import { UNKNOWN_PROVIDER_CODES } from './users.js';

/** The identity fields a duplicate copies. */
export interface Identity {
  last: string;
  first: string;
  male: boolean;
  birthDay: number;
  insz: string;
}

export interface PatientDamageInput {
  identity: Identity;
  createdDay: number;
  lastClean: Identity | null;
}

export interface PatientDamage {
  applied: AppliedDefect[];
  rawIndex: number;
  /** Set when the row became a duplicate of an earlier patient: its related rows use this identity. */
  copied: Identity | null;
}

type Applier = (ctx: GenContext, row: string[], input: PatientDamageInput) => PatientDamage | null;

const one = (code: DefectCode, key: string | null, rawIndex = -1): PatientDamage => ({
  applied: [{ code, key }],
  rawIndex,
  copied: null,
});

/** INSZ with the right digits in another layout: spaced, eID punctuation, or the leading zero lost (D02). */
function reformatInsz(insz: string, variant: number): string {
  if (variant === 2 && insz.startsWith('0')) return insz.slice(1);
  if (variant === 1)
    return `${insz.slice(0, 2)}.${insz.slice(2, 4)}.${insz.slice(4, 6)}-${insz.slice(6, 9)}.${insz.slice(9)}`;
  return `${insz.slice(0, 6)} ${insz.slice(6, 9)} ${insz.slice(9)}`;
}

const isRegular = (insz: string): boolean => insz !== '' && Number(insz.slice(2, 4)) <= 12;

const APPLIERS: Partial<Record<DefectCode, Applier>> = {
  insz_checksum(ctx, row, { identity }) {
    const source =
      identity.insz ||
      `${formatDay(identity.birthDay).split('/').reverse().join('').slice(2)}${ctx.drng.range(100, 998)}00`;
    row[P.insz] = breakInszChecksum(source, ctx.drng);
    return one('insz_checksum', 'insz');
  },
  insz_format(ctx, row, { identity }) {
    if (identity.insz === '') return null;
    row[P.insz] = reformatInsz(identity.insz, ctx.drng.int(3));
    return one('insz_format', 'insz');
  },
  insz_birthdate_mismatch(ctx, row, { identity }) {
    if (!isRegular(identity.insz)) return null;
    if (ctx.drng.chance(0.5)) {
      row[P.sex] = identity.male ? ctx.labels.female : ctx.labels.male;
    } else {
      const shift = ctx.drng.range(1, 40);
      const later = identity.birthDay + shift < ctx.exportDay - 1 && ctx.drng.chance(0.5);
      row[P.birth_date] = formatDay(identity.birthDay + (later ? shift : -shift));
    }
    return one('insz_birthdate_mismatch', 'insz');
  },
  name_missing(_ctx, row) {
    row[P.last_name] = '';
    row[P.first_name] = '';
    return one('name_missing', 'last_name');
  },
  duplicate_patient(ctx, row, { lastClean, createdDay }) {
    if (!lastClean || lastClean.birthDay + 60 > createdDay) return null;
    const sameInsz = lastClean.insz !== '' && ctx.drng.chance(0.7);
    row[P.last_name] = sameInsz && ctx.drng.chance(0.3) ? lastClean.last.toUpperCase() : lastClean.last;
    row[P.first_name] = lastClean.first;
    row[P.sex] = lastClean.male ? ctx.labels.male : ctx.labels.female;
    row[P.birth_date] = formatDay(lastClean.birthDay);
    row[P.insz] = sameInsz ? lastClean.insz : '';
    // Same INSZ: the defect names the INSZ column; same name and birth date only: the whole record.
    return { applied: [{ code: 'duplicate_patient', key: sameInsz ? 'insz' : null }], rawIndex: -1, copied: lastClean };
  },
  fund_alias(ctx, row) {
    const { alias, code } = pickFundAlias(ctx.drng);
    row[P.fund] = alias;
    row[P.membership_number] = `${code}${(row[P.membership_number] ?? '').slice(3)}`;
    return one('fund_alias', 'fund');
  },
  fund_unknown(ctx, row) {
    row[P.fund] = ctx.drng.pick(UNKNOWN_FUND_VALUES);
    return one('fund_unknown', 'fund');
  },
  ct_invalid(ctx, row) {
    const key = ctx.drng.chance(0.5) ? 'ct1' : 'ct2';
    row[P[key]] = ctx.drng.pick(INVALID_CT_VALUES);
    return one('ct_invalid', key);
  },
  phone_invalid(ctx, row) {
    const key = row[P.phone] !== '' && (row[P.mobile] === '' || ctx.drng.chance(0.5)) ? 'phone' : 'mobile';
    row[P[key]] = makeBadPhone(ctx.drng);
    return one('phone_invalid', key);
  },
  email_invalid(ctx, row, { identity }) {
    const email = row[P.email] || makeEmail(identity.first, identity.last, ctx.drng);
    row[P.email] = breakEmail(email, ctx.drng);
    return one('email_invalid', 'email');
  },
  date_invalid(ctx, row, { identity }) {
    row[P.birth_date] = impossibleDate(identity.birthDay, ctx.drng);
    return one('date_invalid', 'birth_date');
  },
  date_future(ctx, row) {
    row[P.created_at] = formatTimestamp(ctx.exportDay + ctx.drng.range(2, 400), ctx.drng.range(8 * 60, 18 * 60));
    return one('date_future', 'created_at');
  },
  provider_unknown(ctx, row) {
    row[P.dentist] = ctx.drng.pick(UNKNOWN_PROVIDER_CODES);
    return one('provider_unknown', 'dentist');
  },
  mojibake(ctx, row, { identity }) {
    row[P.first_name] = mojibake(
      ctx.drng.pick(identity.male ? ACCENTED_FIRST_NAMES_MALE : ACCENTED_FIRST_NAMES_FEMALE),
    );
    return one('mojibake', 'first_name');
  },
  ragged_row(ctx, row) {
    row[P.remark] = pickRaggedText(ctx.lang, ctx.drng);
    return one('ragged_row', null, P.remark);
  },
};

/** Applies the first kind that fits the row; `applied` is empty when none did. */
export function damagePatient(
  ctx: GenContext,
  row: string[],
  kinds: readonly DefectCode[],
  input: PatientDamageInput,
): PatientDamage {
  for (const kind of kinds) {
    const result = APPLIERS[kind]?.(ctx, row, input);
    if (result) return result;
  }
  return { applied: [], rawIndex: -1, copied: null };
}
