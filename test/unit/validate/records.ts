/** Clean sample records (domain notes §7) and a helper to validate a variant of one. */
import type { DefectCode } from '../../../src/dentadmin/defects.js';
import { ENTITIES, type EntityName } from '../../../src/dentadmin/entities.js';
import {
  createRecordValidator,
  type RecordValidation,
  type RecordValidatorOptions,
} from '../../../src/dentadmin/validate/validate-record.js';

export const EXPORT_DATE = '2025-10-28';
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** Dutch headers of an entity, by column key. */
export function dutchHeaders(entity: EntityName): Map<string, string> {
  return new Map(ENTITIES[entity].columns.map((c) => [c.key, c.nl]));
}

export const CLEAN: Record<EntityName, Record<string, string>> = {
  patients: {
    patient_id: '1001',
    last_name: 'Peeters',
    first_name: 'Lotte',
    sex: 'V',
    birth_date: '14/03/1987',
    insz: '87031412443',
    language: 'N',
    street: 'Kerkstraat',
    house_number: '12',
    box: '3',
    postcode: '2000',
    city: 'Antwerpen',
    country: 'BE',
    phone: '03 231 45 67',
    mobile: '0475 12 34 56',
    email: 'lotte.peeters@example.be',
    fund: '100',
    membership_number: '10012345678',
    ct1: '110',
    ct2: '110',
    holder: 'T1',
    family_head_id: '',
    third_party_payer: 'N',
    dentist: 'TDM',
    created_at: '02/09/2011 10:14',
    updated_at: '15/01/2024 16:02',
    active: 'J',
    deceased_on: '',
    sms_consent: 'J',
    remark: '',
  },
  insurers: {
    fund_code: '100',
    name_nl: 'Landsbond der Christelijke Mutualiteiten',
    name_fr: 'Alliance nationale des mutualités chrétiennes',
    union: '1',
    active: 'J',
    valid_from: '',
    valid_to: '',
  },
  users: {
    user_code: 'TDM',
    last_name: 'Maes',
    first_name: 'Dirk',
    role: 'Tandarts',
    riziv_number: '3-12345-92-001',
    conventioned: 'J',
    email: 'dirk.maes@tandartspraktijk-example.be',
    mobile: '0477 11 22 33',
    active: 'J',
    last_login: '28/10/2025 08:02',
  },
  treatments: {
    treatment_id: '50001',
    patient_id: '1001',
    date: '14/01/2025',
    provider: 'TDM',
    riziv_code: '301593',
    description: 'Jaarlijks mondonderzoek',
    tooth: '',
    surfaces: '',
    quadrant: '',
    fee: '82,00',
    reimbursement: '70,50',
    copayment: '4,00',
    supplement: '7,50',
    attestation: 'eAttest',
    receipt_number: 'A2025-000123',
    status: 'Geattesteerd',
  },
  care_plans: {
    plan_id: 'P701',
    patient_id: '1001',
    created_at: '14/01/2025',
    provider: 'TDM',
    title: 'Kroon 26',
    status: 'Voorgesteld',
    valid_until: '14/04/2026',
    total_fee: '850,00',
    patient_share: '850,00',
    agreed_on: '',
  },
  care_plan_lines: {
    plan_id: 'P700',
    line_number: '1',
    phase: '1',
    riziv_code: '304975',
    description: 'Extractie 36',
    tooth: '36',
    surfaces: '',
    amount: '',
    status: 'Uitgevoerd',
    treatment_id: '50004',
  },
  appointments: {
    appointment_id: 'A9001',
    patient_id: '1001',
    start: '14/01/2025 09:00',
    duration_min: '20',
    provider: 'TDM',
    chair: '1',
    type: 'Controle',
    status: 'Aanwezig',
    series_id: '',
    recurrence: '',
    reason: 'Jaarlijkse controle',
    sms_sent: 'J',
    created_by: 'AS1',
    created_at: '02/12/2024 10:11',
  },
  notes: {
    note_id: 'N1',
    patient_id: '1001',
    date: '14/01/2025 09:18',
    author: 'TDM',
    type: 'Behandeling',
    tooth: '',
    text: 'Controle ok.\nTandsteen onderfront; volgende keer DPSI.',
    confidential: 'N',
  },
  documents: {
    document_id: 'D1',
    patient_id: '1001',
    date: '14/01/2025',
    type: 'RX-intraoraal',
    file_name: '1001_20250114_BW_L.dcm',
    relative_path: 'rx\\1001\\',
    mime: 'application/dicom',
    size_bytes: '2481152',
    sha256: '',
    source: 'Sensor',
    description: 'Bitewing links',
  },
};

/** Validates the clean record of `entity` with `changes` applied. */
export function validate(
  entity: EntityName,
  changes: Record<string, string | undefined> = {},
  options: Partial<RecordValidatorOptions> = {},
): RecordValidation {
  const validator = createRecordValidator(entity, dutchHeaders(entity), {
    exportDate: EXPORT_DATE,
    maxDocumentBytes: MAX_DOCUMENT_BYTES,
    ...options,
  });
  return validator({ ...CLEAN[entity], ...changes }, { line: 7, record: 'R1' });
}

/** The defect codes of a validation, in order. */
export function codes(result: RecordValidation): DefectCode[] {
  return result.defects.map((d) => d.code);
}
