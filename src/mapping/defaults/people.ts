/**
 * Default decisions for patients (→ persons), insurers (→ organizations) and users (→ existing Pipedrive users).
 * Custom field labels follow the practice language; they stay few because Lite allows 30 custom fields in all.
 */
import type { KeyDecision, TemplateFactory } from './types.js';
import { customIn, yesNoOptions } from './types.js';

const ADDRESS_PART: Record<string, string> = {
  street: 'route',
  house_number: 'street_number',
  box: 'subpremise',
  postcode: 'postal_code',
  city: 'locality',
  country: 'country',
};

export const patientsTemplate: TemplateFactory = (lang) => {
  const custom = (nl: string, fr: string) => customIn('person', { nl, fr }, lang);
  const varchar = (nl: string, fr: string, why: string, transform = 'trim'): KeyDecision => ({
    to: custom(nl, fr),
    transform: { name: transform },
    custom: { type: 'varchar' },
    why,
  });
  const yesNo = (nl: string, fr: string, why: string): KeyDecision => ({
    to: custom(nl, fr),
    transform: { name: 'yes_no' },
    custom: { type: 'enum', options: yesNoOptions(lang) },
    why,
  });
  return {
    target: 'person',
    match: { by: ['email', 'name+birthdate'], policy: 'link' },
    groups: [
      {
        keys: ['first_name', 'last_name'],
        to: 'person.name',
        transform: () => ({ name: 'join_name' }),
        why: 'Pipedrive shows one name; first and last name joined, particles such as "Van den" kept',
      },
      {
        keys: ['street', 'house_number', 'box', 'postcode', 'city', 'country'],
        to: custom('Adres', 'Adresse'),
        transform: (present) => ({
          name: 'address',
          args: { parts: present.map((p) => ADDRESS_PART[p.key] ?? 'route') },
        }),
        custom: { type: 'address' },
        why: 'postal_address exists only with Contact Sync; an address custom field keeps street, box and postcode apart',
      },
    ],
    keys: {
      patient_id: varchar('DentAdmin PatNr', 'DentAdmin NoPat', 'staff look patients up by their DentAdmin number'),
      sex: varchar('Geslacht', 'Sexe', 'no standard person field for sex'),
      birth_date: {
        to: custom('Geboortedatum', 'Date de naissance'),
        transform: { name: 'date' },
        custom: { type: 'date' },
        why: 'birthday exists only with Contact Sync; needed to tell namesakes apart',
      },
      insz: varchar(
        'Rijksregisternummer',
        'Numéro de registre national',
        'national number kept as text (11 digits with a leading zero do not fit a number field); restrict its visibility',
        'insz',
      ),
      language: varchar('Taal', 'Langue', 'correspondence language (N/F/D/E)'),
      phone: {
        to: 'person.phones',
        transform: { name: 'phone', args: { label: 'home' } },
        why: 'landline → phones, label home',
      },
      mobile: {
        to: 'person.phones',
        transform: { name: 'phone', args: { label: 'mobile' } },
        why: 'mobile → phones, label mobile',
      },
      email: { to: 'person.emails', transform: { name: 'email', args: { label: 'home' } }, why: 'e-mail → emails' },
      fund: {
        to: 'person.org_id',
        transform: { name: 'fund' },
        why: 'the sickness fund becomes the person’s organization (one canonical organization per fund, however spelled)',
      },
      membership_number: varchar('Aansluitingsnummer', "Numéro d'affiliation", 'membership number at the fund'),
      ct1: varchar('CG1', 'CT1', 'insurability code 1 (decides reimbursement)'),
      ct2: varchar('CG2', 'CT2', 'insurability code 2 (decides reimbursement)'),
      holder: { to: null, why: 'holder or dependant (T1/T2) only matters inside DentAdmin’s billing' },
      family_head_id: { to: null, why: 'Pipedrive has no link from person to person; the family stays in DentAdmin' },
      third_party_payer: yesNo('Derdebetaler', 'Tiers payant', 'whether the practice bills the fund directly'),
      dentist: {
        to: 'person.owner_id',
        transform: { name: 'provider_owner' },
        why: 'the patient’s dentist owns the person; provider code → Pipedrive user by e-mail',
      },
      created_at: {
        to: 'person.add_time',
        transform: { name: 'timestamp' },
        why: 'keeps when the patient first came (Brussels time → UTC)',
      },
      updated_at: { to: null, why: 'Pipedrive keeps its own update time' },
      active: { to: null, why: 'inactive patients migrate like the others; filter them out in the run if wanted' },
      deceased_on: {
        to: custom('Overleden op', 'Décédé le'),
        transform: { name: 'date' },
        custom: { type: 'date' },
        why: 'no one should send a reminder to a deceased patient',
      },
      sms_consent: yesNo('Toestemming SMS', 'Consentement SMS', 'consent decides who may get text reminders'),
      remark: {
        to: null,
        why: 'free text may hold health data (allergies, medication); migrate via notes if wanted',
      },
    },
  };
};

export const insurersTemplate: TemplateFactory = (lang) => ({
  target: 'organization',
  match: { by: ['name'], policy: 'link' },
  groups: [],
  keys: {
    fund_code: {
      to: customIn('organization', { nl: 'Ziekenfondscode', fr: 'Code mutualité' }, lang),
      transform: { name: 'trim' },
      custom: { type: 'varchar' },
      why: 'the fund code links patients to their fund organization',
    },
    name_nl:
      lang === 'nl'
        ? { to: 'organization.name', transform: { name: 'trim' }, why: 'the fund’s name in the practice language' }
        : { to: null, why: 'the practice works in French; the Dutch name stays behind' },
    name_fr:
      lang === 'fr'
        ? { to: 'organization.name', transform: { name: 'trim' }, why: 'the fund’s name in the practice language' }
        : { to: null, why: 'the practice works in Dutch; the French name stays behind' },
    union: {
      to: customIn('organization', { nl: 'Landsbond', fr: 'Union nationale' }, lang),
      transform: { name: 'trim' },
      custom: { type: 'varchar' },
      why: 'the national union the fund belongs to',
    },
    active: { to: null, why: 'retired funds still migrate: old patients point at them' },
    valid_from: { to: null, why: 'validity dates only matter for DentAdmin’s billing' },
    valid_to: { to: null, why: 'validity dates only matter for DentAdmin’s billing' },
  },
});

const USER_WHY = 'Pipedrive users are managed by the account admin; providers are matched by e-mail, never created';

export const usersTemplate: TemplateFactory = () => ({
  target: 'user',
  match: { by: ['email'], policy: 'link' },
  groups: [],
  keys: {
    user_code: {
      to: null,
      why: 'provider code: other files name providers by it; provider_owner resolves it through this file’s e-mail',
    },
    email: {
      to: 'user.email',
      transform: { name: 'email' },
      why: 'a provider becomes the Pipedrive user with this e-mail',
    },
    last_name: { to: null, why: USER_WHY },
    first_name: { to: null, why: USER_WHY },
    role: { to: null, why: USER_WHY },
    riziv_number: { to: null, why: 'Pipedrive users have no custom fields; the RIZIV number stays in DentAdmin' },
    conventioned: { to: null, why: USER_WHY },
    mobile: { to: null, why: USER_WHY },
    active: { to: null, why: 'inactive providers still own old records; the engine falls back to a placeholder owner' },
    last_login: { to: null, why: 'DentAdmin login times mean nothing in Pipedrive' },
  },
});
