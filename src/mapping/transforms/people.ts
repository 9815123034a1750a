/** Identity and contact transforms: names, INSZ, phones, e-mail, sickness fund. The rules live in src/domain. */
import { isValidEmail, normaliseEmail } from '../../domain/email.js';
import { resolveFund } from '../../domain/funds.js';
import { isValidInsz, normaliseInsz } from '../../domain/insz.js';
import { joinName, normaliseName, splitFullName } from '../../domain/names.js';
import { type PhoneRejectReason, toE164 } from '../../domain/phone.js';
import { fail, isBlank, ok, stringArg, type TransformDef, warn } from './types.js';

const ONE = { min: 1, max: 1 };

/** N:1: [first name, last name] → `Lotte Peeters`; ALL CAPS becomes Title Case, particles kept (`Van den`). */
export const joinNameTransform: TransformDef = {
  name: 'join_name',
  summary: 'first and last name joined into one name (ALL CAPS → Title Case, particles such as "Van den" kept)',
  inputs: { min: 1, max: 2 },
  outputs: 1,
  produces: ['text'],
  apply: ([first, last]) => {
    const joined = joinName(normaliseName(first ?? ''), normaliseName(last ?? ''));
    return ok(joined === '' ? null : joined);
  },
};

/** 1:N: a full name → [first name, last name]; a split decided only by word order is flagged. */
export const splitFullNameTransform: TransformDef = {
  name: 'split_full_name',
  summary: 'a full name ("Dubois, Jean-Marc", "Jan Van den Broeck") split into first and last name',
  inputs: ONE,
  outputs: 2,
  produces: ['text', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok([null, null]);
    const split = splitFullName(value);
    const result = [split.first === '' ? null : split.first, split.last === '' ? null : split.last];
    return split.how === 'order'
      ? ok(result, [warn('name_split_guessed', 'First and last name were told apart by word order only.')])
      : ok(result);
  },
};

export const insz: TransformDef = {
  name: 'insz',
  summary: 'an INSZ/NISS (87.03.14-124.43, 870314 124 43) to its 11 digits, checksum verified',
  inputs: ONE,
  outputs: 1,
  produces: ['text'],
  accepts: ['insz', 'id', 'code', 'integer', 'text'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const normalised = normaliseInsz(value);
    if (normalised.digits === null) {
      return fail('insz_format', 'error', 'The national number does not have 11 digits.');
    }
    if (!isValidInsz(normalised.digits)) {
      return fail('insz_checksum', 'error', 'The national number fails its check digits.');
    }
    if (normalised.restoredLeadingZero) {
      return ok(normalised.digits, [warn('insz_format', 'A leading zero lost by Excel was put back.')]);
    }
    return ok(normalised.digits);
  },
};

const PHONE_REASONS: Record<PhoneRejectReason, string> = {
  empty: 'The phone number is empty.',
  excel_scientific: 'Excel turned the phone number into a number in scientific notation; digits are lost.',
  invalid_characters: 'The phone number contains characters that are not part of a number.',
  wrong_length: 'The phone number has the wrong number of digits.',
  not_a_number_in_use: 'The phone number is not in any Belgian or foreign number range.',
};

/** A phone to `{ value: '+32…', label }` for Pipedrive's `phones` list; args.label: `mobile`, `home`, `work`. */
export const phone: TransformDef = {
  name: 'phone',
  summary: 'a Belgian or foreign phone number to E.164 (+32475123456), labelled with args.label',
  inputs: ONE,
  outputs: 1,
  produces: ['phone'],
  accepts: ['phone', 'code', 'integer', 'text'],
  apply: ([value], args) => {
    if (isBlank(value)) return ok(null);
    const result = toE164(value);
    if (result.e164 === null) return fail('phone_invalid', 'warning', PHONE_REASONS[result.reason]);
    const label = stringArg(args, 'label') ?? (result.kind === 'mobile' ? 'mobile' : 'home');
    return ok({ value: result.e164, label });
  },
};

/** Trimmed and lower-cased, then checked; an invalid address is a defect (dropped from the person), not fixed. */
export const email: TransformDef = {
  name: 'email',
  summary: 'an e-mail address trimmed and lower-cased, syntax checked',
  inputs: ONE,
  outputs: 1,
  produces: ['email'],
  accepts: ['email', 'text'],
  apply: ([value], args) => {
    if (isBlank(value)) return ok(null);
    const address = normaliseEmail(value);
    if (!isValidEmail(address)) return fail('email_invalid', 'warning', 'The e-mail address is not valid.');
    const label = stringArg(args, 'label');
    return ok(label === undefined ? address : { value: address, label });
  },
};

/**
 * Any spelling of a sickness fund (`100`, `CM`, `Mutualité Chrétienne`, `Christelijke Mut.`) → a reference to
 * its canonical organization: the insurers row with that code. The engine resolves the reference.
 */
export const fund: TransformDef = {
  name: 'fund',
  summary: 'a sickness fund code or name (CM, Solidaris, 300) to its canonical fund organization',
  inputs: ONE,
  outputs: 1,
  produces: ['org_ref'],
  apply: ([value]) => {
    if (isBlank(value)) return ok(null);
    const resolved = resolveFund(value);
    if (resolved === null) return fail('fund_unknown', 'warning', 'The sickness fund is not recognised.');
    const reference = { ref: 'insurers', key: resolved.code, union: resolved.unionCode };
    return resolved.how === 'alias'
      ? ok(reference, [warn('fund_alias', 'The fund was written as a name; its code was looked up.')])
      : ok(reference);
  },
};

export const PEOPLE_TRANSFORMS: readonly TransformDef[] = [
  joinNameTransform,
  splitFullNameTransform,
  insz,
  phone,
  email,
  fund,
];
