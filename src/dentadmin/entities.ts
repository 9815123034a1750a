/**
 * What a DentAdmin export holds: one CSV per entity, headers in Dutch or French.
 *
 * Every column has a stable `key` (used by validators, the generator and tests) and the header text it
 * carries in each language. The reader maps a file's headers to keys; everything after the reader works
 * with keys, except the field map, which names columns by the header exactly as the file has it.
 * Modelled on the synthetic export of the domain reference §7 (no public DentAdmin layout exists).
 */

export const ENTITY_NAMES = [
  'patients',
  'insurers',
  'users',
  'treatments',
  'care_plans',
  'care_plan_lines',
  'appointments',
  'notes',
  'documents',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** The value shape a column is expected to carry; validators and the profiler use it. */
export type ColumnKind =
  | 'id'
  | 'text'
  | 'memo'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'timestamp'
  | 'email'
  | 'phone'
  | 'insz'
  | 'riziv'
  | 'boolean'
  | 'code';

export interface ColumnSpec {
  key: string;
  nl: string;
  fr: string;
  kind: ColumnKind;
  /** Other spellings seen in the wild (matched after normalisation). */
  aliases?: readonly string[];
}

export interface EntitySpec {
  name: EntityName;
  /** File names the generator writes, per language. The reader never relies on them. */
  file: { nl: string; fr: string };
  /** Key of the column that identifies a record (its record key); composite for care plan lines. */
  idColumns: readonly string[];
  columns: readonly ColumnSpec[];
}

const col = (key: string, nl: string, fr: string, kind: ColumnKind, aliases?: readonly string[]): ColumnSpec =>
  aliases ? { key, nl, fr, kind, aliases } : { key, nl, fr, kind };

export const ENTITIES: Record<EntityName, EntitySpec> = {
  patients: {
    name: 'patients',
    file: { nl: 'patienten.csv', fr: 'patients.csv' },
    idColumns: ['patient_id'],
    columns: [
      col('patient_id', 'PatNr', 'NoPat', 'id', ['PatientNr', 'Patient ID']),
      col('last_name', 'Naam', 'Nom', 'text', ['Achternaam', 'Familienaam']),
      col('first_name', 'Voornaam', 'Prénom', 'text', ['Prenom']),
      col('sex', 'Geslacht', 'Sexe', 'code'),
      col('birth_date', 'Geboortedatum', 'DateNaissance', 'date', ['Date de naissance', 'Geb. datum']),
      col('insz', 'INSZ', 'NISS', 'insz', ['Rijksregisternummer', 'RRN', 'Numéro national']),
      col('language', 'Taal', 'Langue', 'code'),
      col('street', 'Straat', 'Rue', 'text'),
      col('house_number', 'Nr', 'Numéro', 'text', ['N°', 'Huisnummer']),
      col('box', 'Bus', 'Boîte', 'text'),
      col('postcode', 'Postcode', 'CodePostal', 'code', ['Code postal']),
      col('city', 'Gemeente', 'Localité', 'text', ['Commune', 'Woonplaats']),
      col('country', 'Land', 'Pays', 'code'),
      col('phone', 'Telefoon', 'Téléphone', 'phone', ['Tel', 'Tél']),
      col('mobile', 'GSM', 'GSM', 'phone', ['Mobiel', 'Portable']),
      col('email', 'E-mail', 'E-mail', 'email', ['Email', 'Courriel']),
      col('fund', 'Ziekenfonds', 'Mutualité', 'code', ['Mutualiteit', 'Mutuelle']),
      col('membership_number', 'Aansluitingsnr', 'NoAffiliation', 'text', ["Numéro d'affiliation"]),
      col('ct1', 'CG1', 'CT1', 'code'),
      col('ct2', 'CG2', 'CT2', 'code'),
      col('holder', 'Houder', 'Titulaire', 'code'),
      col('family_head_id', 'GezinshoofdPatNr', 'NoPatChefFamille', 'id'),
      col('third_party_payer', 'DerdeBetaler', 'TiersPayant', 'boolean'),
      col('dentist', 'Tandarts', 'Dentiste', 'code'),
      col('created_at', 'AangemaaktOp', 'CrééLe', 'timestamp'),
      col('updated_at', 'GewijzigdOp', 'ModifiéLe', 'timestamp'),
      col('active', 'Actief', 'Actif', 'boolean'),
      col('deceased_on', 'OverledenOp', 'DécédéLe', 'date'),
      col('sms_consent', 'ToestemmingSMS', 'ConsentementSMS', 'boolean'),
      col('remark', 'Opmerking', 'Remarque', 'memo'),
    ],
  },
  insurers: {
    name: 'insurers',
    file: { nl: 'ziekenfondsen.csv', fr: 'mutualites.csv' },
    idColumns: ['fund_code'],
    columns: [
      col('fund_code', 'Code', 'Code', 'code'),
      col('name_nl', 'NaamNL', 'NomNL', 'text'),
      col('name_fr', 'NaamFR', 'NomFR', 'text'),
      col('union', 'Landsbond', 'Union', 'code'),
      col('active', 'Actief', 'Actif', 'boolean'),
      col('valid_from', 'GeldigVan', 'ValableDu', 'date'),
      col('valid_to', 'GeldigTot', 'ValableAu', 'date'),
    ],
  },
  users: {
    name: 'users',
    file: { nl: 'gebruikers.csv', fr: 'utilisateurs.csv' },
    idColumns: ['user_code'],
    columns: [
      col('user_code', 'Code', 'Code', 'code'),
      col('last_name', 'Naam', 'Nom', 'text'),
      col('first_name', 'Voornaam', 'Prénom', 'text'),
      col('role', 'Rol', 'Rôle', 'text'),
      col('riziv_number', 'RIZIVnr', 'NoINAMI', 'text'),
      col('conventioned', 'Geconventioneerd', 'Conventionné', 'code'),
      col('email', 'E-mail', 'E-mail', 'email'),
      col('mobile', 'GSM', 'GSM', 'phone'),
      col('active', 'Actief', 'Actif', 'boolean'),
      col('last_login', 'LaatsteLogin', 'DernièreConnexion', 'timestamp'),
    ],
  },
  treatments: {
    name: 'treatments',
    file: { nl: 'prestaties.csv', fr: 'prestations.csv' },
    idColumns: ['treatment_id'],
    columns: [
      col('treatment_id', 'PrestatieID', 'PrestationID', 'id'),
      col('patient_id', 'PatNr', 'NoPat', 'id'),
      col('date', 'Datum', 'Date', 'date'),
      col('provider', 'Verstrekker', 'Prestataire', 'code'),
      col('riziv_code', 'Nomenclatuur', 'Nomenclature', 'riziv', ['RIZIV-code', 'Code INAMI']),
      col('description', 'Omschrijving', 'Description', 'text'),
      col('tooth', 'Tand', 'Dent', 'code'),
      col('surfaces', 'Vlakken', 'Faces', 'code'),
      col('quadrant', 'Kwadrant', 'Quadrant', 'integer'),
      col('fee', 'Honorarium', 'Honoraires', 'decimal'),
      col('reimbursement', 'Terugbetaling', 'Remboursement', 'decimal'),
      col('copayment', 'Remgeld', 'TicketModérateur', 'decimal', ['Remgeld %']),
      col('supplement', 'Supplement', 'Supplément', 'decimal'),
      col('attestation', 'Attest', 'Attestation', 'code'),
      col('receipt_number', 'Ontvangstnr', 'NoReçu', 'text'),
      col('status', 'Status', 'Statut', 'code'),
    ],
  },
  care_plans: {
    name: 'care_plans',
    file: { nl: 'behandelplannen.csv', fr: 'plans_traitement.csv' },
    idColumns: ['plan_id'],
    columns: [
      col('plan_id', 'PlanID', 'PlanID', 'id'),
      col('patient_id', 'PatNr', 'NoPat', 'id'),
      col('created_at', 'AangemaaktOp', 'CrééLe', 'date'),
      col('provider', 'Verstrekker', 'Prestataire', 'code'),
      col('title', 'Titel', 'Titre', 'text'),
      col('status', 'Status', 'Statut', 'code'),
      col('valid_until', 'GeldigTot', 'ValableJusquAu', 'date'),
      col('total_fee', 'TotaalHonorarium', 'HonorairesTotal', 'decimal'),
      col('patient_share', 'GeschatPatientAandeel', 'PartPatientEstimée', 'decimal'),
      col('agreed_on', 'AkkoordPatientOp', 'AccordPatientLe', 'date'),
    ],
  },
  care_plan_lines: {
    name: 'care_plan_lines',
    file: { nl: 'behandelplan_lijnen.csv', fr: 'plans_traitement_lignes.csv' },
    idColumns: ['plan_id', 'line_number'],
    columns: [
      col('plan_id', 'PlanID', 'PlanID', 'id'),
      col('line_number', 'Lijn', 'Ligne', 'integer'),
      col('phase', 'Fase', 'Phase', 'integer'),
      col('riziv_code', 'Nomenclatuur', 'Nomenclature', 'riziv'),
      col('description', 'Omschrijving', 'Description', 'text'),
      col('tooth', 'Tand', 'Dent', 'code'),
      col('surfaces', 'Vlakken', 'Faces', 'code'),
      col('amount', 'Bedrag', 'Montant', 'decimal'),
      col('status', 'Status', 'Statut', 'code'),
      col('treatment_id', 'PrestatieID', 'PrestationID', 'id'),
    ],
  },
  appointments: {
    name: 'appointments',
    file: { nl: 'afspraken.csv', fr: 'rendez_vous.csv' },
    idColumns: ['appointment_id'],
    columns: [
      col('appointment_id', 'AfspraakID', 'RendezVousID', 'id'),
      col('patient_id', 'PatNr', 'NoPat', 'id'),
      col('start', 'Start', 'Début', 'timestamp'),
      col('duration_min', 'DuurMin', 'DuréeMin', 'integer'),
      col('provider', 'Verstrekker', 'Prestataire', 'code'),
      col('chair', 'Stoel', 'Fauteuil', 'code'),
      col('type', 'Type', 'Type', 'text'),
      col('status', 'Status', 'Statut', 'code'),
      col('series_id', 'ReeksID', 'SérieID', 'id'),
      col('recurrence', 'Herhaling', 'Récurrence', 'text'),
      col('reason', 'Reden', 'Motif', 'text'),
      col('sms_sent', 'SMSVerstuurd', 'SMSEnvoyé', 'boolean'),
      col('created_by', 'AangemaaktDoor', 'CrééPar', 'code'),
      col('created_at', 'AangemaaktOp', 'CrééLe', 'timestamp'),
    ],
  },
  notes: {
    name: 'notes',
    file: { nl: 'notities.csv', fr: 'notes.csv' },
    idColumns: ['note_id'],
    columns: [
      col('note_id', 'NotitieID', 'NoteID', 'id'),
      col('patient_id', 'PatNr', 'NoPat', 'id'),
      col('date', 'Datum', 'Date', 'timestamp'),
      col('author', 'Auteur', 'Auteur', 'code'),
      col('type', 'Type', 'Type', 'code'),
      col('tooth', 'Tand', 'Dent', 'code'),
      col('text', 'Tekst', 'Texte', 'memo'),
      col('confidential', 'Vertrouwelijk', 'Confidentiel', 'boolean'),
    ],
  },
  documents: {
    name: 'documents',
    file: { nl: 'documenten.csv', fr: 'documents.csv' },
    idColumns: ['document_id'],
    columns: [
      col('document_id', 'DocID', 'DocID', 'id'),
      col('patient_id', 'PatNr', 'NoPat', 'id'),
      col('date', 'Datum', 'Date', 'date'),
      col('type', 'Type', 'Type', 'code'),
      col('file_name', 'Bestandsnaam', 'NomFichier', 'text'),
      col('relative_path', 'RelatiefPad', 'CheminRelatif', 'text'),
      col('mime', 'MIME', 'MIME', 'code'),
      col('size_bytes', 'GrootteBytes', 'TailleOctets', 'integer'),
      col('sha256', 'SHA256', 'SHA256', 'code'),
      col('source', 'Bron', 'Source', 'text'),
      col('description', 'Omschrijving', 'Description', 'text'),
    ],
  },
};

/** Entities in the order their files must be read so references resolve (patients before their notes). */
export const INGEST_ORDER: readonly EntityName[] = [
  'insurers',
  'users',
  'patients',
  'treatments',
  'care_plans',
  'care_plan_lines',
  'appointments',
  'notes',
  'documents',
];

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}
