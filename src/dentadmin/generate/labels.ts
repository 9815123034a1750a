/** The words a DentAdmin export writes in its cells, per export language (nl or fr). */

export type Lang = 'nl' | 'fr';

export interface Labels {
  yes: string;
  no: string;
  male: string;
  female: string;
  treatmentStatus: { attested: string; cancelled: string; open: string };
  planStatus: { draft: string; proposed: string; accepted: string; refused: string; done: string };
  lineStatus: { planned: string; done: string; cancelled: string };
  appointmentStatus: { planned: string; confirmed: string; present: string; cancelled: string; noShow: string };
  appointmentTypes: readonly string[];
  blockType: string;
  blockReasons: readonly string[];
  noteTypes: readonly string[];
  roles: {
    dentist: string;
    orthodontist: string;
    periodontist: string;
    hygienist: string;
    assistant: string;
    secretary: string;
  };
  conventioned: { yes: string; no: string; partial: string };
  documentTypes: {
    intraoral: string;
    opg: string;
    cbct: string;
    photo: string;
    letter: string;
    consent: string;
    quote: string;
    scan: string;
  };
  planTitles: readonly string[];
  reasons: readonly string[];
}

const NL: Labels = {
  yes: 'J',
  no: 'N',
  male: 'M',
  female: 'V',
  treatmentStatus: { attested: 'Geattesteerd', cancelled: 'Geannuleerd', open: 'Open' },
  planStatus: {
    draft: 'Ontwerp',
    proposed: 'Voorgesteld',
    accepted: 'Aanvaard',
    refused: 'Geweigerd',
    done: 'Afgewerkt',
  },
  lineStatus: { planned: 'Gepland', done: 'Uitgevoerd', cancelled: 'Geannuleerd' },
  appointmentStatus: {
    planned: 'Gepland',
    confirmed: 'Bevestigd',
    present: 'Aanwezig',
    cancelled: 'Afgezegd',
    noShow: 'NietGekomen',
  },
  appointmentTypes: ['Controle', 'Verzorging', 'Prothese', 'Mondhygiëne', 'Spoed', 'Orthodontie'],
  blockType: 'Blokkering',
  blockReasons: ['Middagpauze', 'Teamoverleg', 'Administratie', 'Opleiding'],
  noteTypes: ['Anamnese', 'Behandeling', 'Medisch', 'Administratief'],
  roles: {
    dentist: 'Tandarts',
    orthodontist: 'Orthodontist',
    periodontist: 'Parodontoloog',
    hygienist: 'Mondhygiënist',
    assistant: 'Assistent',
    secretary: 'Secretariaat',
  },
  conventioned: { yes: 'J', no: 'N', partial: 'G' },
  documentTypes: {
    intraoral: 'RX-intraoraal',
    opg: 'OPG',
    cbct: 'CBCT',
    photo: 'Foto',
    letter: 'Brief',
    consent: 'Toestemming',
    quote: 'Bestek',
    scan: 'Scan',
  },
  planTitles: [
    'Kroon',
    'Onderprothese na extracties',
    'Sealing + vullingen',
    'Implantaat',
    'Status en tandsteen',
    'Bleking',
  ],
  reasons: [
    'Jaarlijkse controle',
    'Vullingen',
    'Pijn',
    'Afdruk',
    'Tandsteenverwijdering',
    'Nacontrole',
    'Breuk vulling',
  ],
};

const FR: Labels = {
  yes: 'O',
  no: 'N',
  male: 'M',
  female: 'F',
  treatmentStatus: { attested: 'Attestée', cancelled: 'Annulée', open: 'Ouverte' },
  planStatus: { draft: 'Brouillon', proposed: 'Proposé', accepted: 'Accepté', refused: 'Refusé', done: 'Terminé' },
  lineStatus: { planned: 'Planifiée', done: 'Réalisée', cancelled: 'Annulée' },
  appointmentStatus: {
    planned: 'Planifié',
    confirmed: 'Confirmé',
    present: 'Présent',
    cancelled: 'Annulé',
    noShow: 'Absent',
  },
  appointmentTypes: ['Contrôle', 'Soins', 'Prothèse', 'Hygiène buccale', 'Urgence', 'Orthodontie'],
  blockType: 'Blocage',
  blockReasons: ['Pause de midi', "Réunion d'équipe", 'Administration', 'Formation'],
  noteTypes: ['Anamnèse', 'Traitement', 'Médical', 'Administratif'],
  roles: {
    dentist: 'Dentiste',
    orthodontist: 'Orthodontiste',
    periodontist: 'Parodontologue',
    hygienist: 'Hygiéniste bucco-dentaire',
    assistant: 'Assistant(e)',
    secretary: 'Secrétariat',
  },
  conventioned: { yes: 'O', no: 'N', partial: 'P' },
  documentTypes: {
    intraoral: 'RX-intrabuccale',
    opg: 'OPG',
    cbct: 'CBCT',
    photo: 'Photo',
    letter: 'Lettre',
    consent: 'Consentement',
    quote: 'Devis',
    scan: 'Scan',
  },
  planTitles: [
    'Couronne',
    'Prothèse inférieure après extractions',
    'Scellements + obturations',
    'Implant',
    'Bilan et détartrage',
    'Blanchiment',
  ],
  reasons: [
    'Contrôle annuel',
    'Obturations',
    'Douleur',
    'Empreinte',
    'Détartrage',
    'Contrôle post-op',
    'Obturation cassée',
  ],
};

export function labelsFor(lang: Lang): Labels {
  return lang === 'fr' ? FR : NL;
}
