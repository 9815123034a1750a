/**
 * Default decisions for treatments and care plans (→ deals) and care plan lines (→ one note per plan).
 * A deal has no creation date in Pipedrive's v2 API (reference §2.8), so the service date is a custom field.
 */
import type { SourceLanguage } from '../sources.js';
import type { KeyDecision, TemplateFactory } from './types.js';
import { customIn, RECORD_KEY_WHY } from './types.js';

const TREATMENT_STATUS = {
  Geattesteerd: 'won',
  Geannuleerd: 'lost',
  Open: 'open',
  Attestée: 'won',
  Annulée: 'lost',
  Ouverte: 'open',
};

const PLAN_STATUS = {
  Ontwerp: 'open',
  Voorgesteld: 'open',
  Aanvaard: 'won',
  Geweigerd: 'lost',
  Afgewerkt: 'won',
  Brouillon: 'open',
  Proposé: 'open',
  Accepté: 'won',
  Refusé: 'lost',
  Terminé: 'won',
};

function deal(lang: SourceLanguage) {
  const custom = (nl: string, fr: string) => customIn('deal', { nl, fr }, lang);
  const money = (nl: string, fr: string, why: string): KeyDecision => ({
    to: custom(nl, fr),
    transform: { name: 'amount' },
    custom: { type: 'monetary' },
    why,
  });
  const varchar = (nl: string, fr: string, why: string): KeyDecision => ({
    to: custom(nl, fr),
    transform: { name: 'trim' },
    custom: { type: 'varchar' },
    why,
  });
  const date = (nl: string, fr: string, why: string): KeyDecision => ({
    to: custom(nl, fr),
    transform: { name: 'date' },
    custom: { type: 'date' },
    why,
  });
  return { custom, money, varchar, date };
}

const PERSON: KeyDecision = {
  to: 'deal.person_id',
  transform: { name: 'ref', args: { entity: 'patients' } },
  why: 'the patient’s person',
};
const OWNER: KeyDecision = {
  to: 'deal.owner_id',
  transform: { name: 'provider_owner' },
  why: 'the provider owns the deal; provider code → Pipedrive user by e-mail',
};
const EUR = { to: 'deal.currency', value: 'EUR', why: 'DentAdmin amounts are in euros' };

export const treatmentsTemplate: TemplateFactory = (lang) => {
  const d = deal(lang);
  return {
    target: 'deal',
    groups: [
      {
        keys: ['description', 'riziv_code'],
        to: 'deal.title',
        transform: () => ({ name: 'concat', args: { separator: ' – ' } }),
        why: 'a deal needs a title: the service and its nomenclature code',
      },
    ],
    constants: [EUR],
    keys: {
      treatment_id: { to: null, why: RECORD_KEY_WHY },
      patient_id: PERSON,
      date: d.date('Datum', 'Date', 'deals have no settable creation date; the service date goes to a field'),
      provider: OWNER,
      riziv_code: d.varchar('RIZIV-code', 'Code INAMI', 'the nomenclature code, as text (a code, not a number)'),
      tooth: d.varchar('Tand', 'Dent', 'FDI tooth number'),
      surfaces: d.varchar('Vlakken', 'Faces', 'tooth surfaces (MOD…)'),
      quadrant: { to: null, why: 'follows from the tooth number (its first digit)' },
      fee: { to: 'deal.value', transform: { name: 'amount' }, why: 'the fee is the deal value' },
      reimbursement: d.money('Terugbetaling', 'Remboursement', 'the part the fund pays back'),
      copayment: (column) =>
        column.kind === 'percentage'
          ? {
              to: d.custom('Remgeld %', 'Ticket modérateur %'),
              transform: { name: 'percentage' },
              custom: { type: 'double' },
              why: 'the co-payment rate the patient pays (values are percentages)',
            }
          : d.money('Remgeld', 'Ticket modérateur', 'the co-payment the patient pays'),
      supplement: d.money('Supplement', 'Supplément', 'the supplement above the official fee'),
      attestation: d.varchar('Attest', 'Attestation', 'how the service was attested (paper, eAttest, eFact)'),
      receipt_number: { to: null, why: 'receipt numbers belong to the accounting, which stays in DentAdmin' },
      status: {
        to: 'deal.status',
        transform: { name: 'map_values', args: { values: TREATMENT_STATUS } },
        why: 'attested → won, cancelled → lost, open → open',
      },
    },
  };
};

export const carePlansTemplate: TemplateFactory = (lang) => {
  const d = deal(lang);
  return {
    target: 'deal',
    groups: [],
    constants: [EUR],
    keys: {
      plan_id: { to: null, why: RECORD_KEY_WHY },
      patient_id: PERSON,
      created_at: d.date('Datum', 'Date', 'deals have no settable creation date; the plan date goes to a field'),
      provider: OWNER,
      title: { to: 'deal.title', transform: { name: 'trim' }, why: 'the plan’s title is the deal title' },
      status: {
        to: 'deal.status',
        transform: { name: 'map_values', args: { values: PLAN_STATUS } },
        why: 'draft/proposed → open, accepted/finished → won, refused → lost',
      },
      valid_until: {
        to: 'deal.expected_close_date',
        transform: { name: 'date' },
        why: 'a quote is decided by the day it expires',
      },
      total_fee: { to: 'deal.value', transform: { name: 'amount' }, why: 'the plan’s total fee is the deal value' },
      patient_share: d.money('Patiëntaandeel', 'Part patient', 'the estimated share the patient pays'),
      agreed_on: d.date('Akkoord patiënt op', 'Accord patient le', 'the day the patient accepted the plan'),
    },
  };
};

export const carePlanLinesTemplate: TemplateFactory = () => ({
  target: 'note',
  foldBy: ['plan_id'],
  groups: [
    {
      keys: ['line_number', 'phase', 'riziv_code', 'description', 'tooth', 'surfaces', 'amount', 'status'],
      to: 'note.content',
      transform: (present) => ({ name: 'labelled_lines', args: { labels: present.map((p) => p.header) } }),
      why: 'a plan’s lines are folded into one note on the plan’s deal, one line per treatment step',
    },
  ],
  keys: {
    plan_id: {
      to: 'note.deal_id',
      transform: { name: 'ref', args: { entity: 'care_plans' } },
      why: 'the note sits on the plan’s deal',
    },
    treatment_id: { to: null, why: 'the performed treatment is a deal of its own already' },
  },
});
