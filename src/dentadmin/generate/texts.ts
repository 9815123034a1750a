/**
 * Free text: patient remarks and clinical notes (plain, multi-line, RTF with \'e9 escapes, HTML).
 * Plain texts may hold `;`, quotes and line breaks: the CSV writer quotes them. Every text needs no
 * character outside Windows-1252.
 */

import type { Lang } from './labels.js';
import type { Rng } from './prng.js';

const REMARKS: Record<Lang, readonly string[]> = {
  nl: [
    'Angstige patiënt, graag extra tijd voorzien',
    'Liefst afspraken na 16 uur',
    'Allergie: penicilline; latex ok',
    'Komt met de bus, soms te laat',
    'Ouders gescheiden; facturen naar moeder',
    'Spreekt enkel Engels',
    'Verwezen door huisarts\r\nzie brief in documenten',
  ],
  fr: [
    'Patient anxieux, prévoir plus de temps',
    'Préfère les rendez-vous après 16 h',
    'Allergie : pénicilline; latex ok',
    'Vient en bus, parfois en retard',
    'Parents séparés; factures à la mère',
    'Parle uniquement anglais',
    'Envoyé par le médecin traitant\r\nvoir lettre dans les documents',
  ],
};

/** Texts with one `;` and no quote or line break: written unquoted they shift the columns (D17). */
const RAGGED: Record<Lang, readonly string[]> = {
  nl: [
    'Patiënt spreekt Engels/Pools; SMS niet gewenst',
    'Controle ok; volgende keer DPSI',
    'Pijn bij koud; vulling 36 nakijken',
  ],
  fr: [
    'Patient parle anglais/polonais; pas de SMS',
    'Contrôle ok; prochaine fois DPSI',
    'Douleur au froid; vérifier obturation 36',
  ],
};

const NOTES: Record<Lang, readonly string[]> = {
  nl: [
    'Controle ok.\r\nTandsteen onderfront; volgende keer DPSI.',
    'Implantaat besproken; patiënt denkt na. Bestek meegegeven.',
    'Lokale verdoving 1/2 carpule, geen complicaties.',
    'Patiënt zegt: "geen pijn meer".',
    'Anamnese bijgewerkt.\r\nGeen nieuwe medicatie.\r\nBloeddruk ok volgens patiënt.',
    'Vulling gebroken, tijdelijk hersteld.',
    'Poetsinstructies gegeven; interdentale ragers aangeraden.',
    'Afspraak verzet op vraag van de patiënt.',
    'Röntgenfoto genomen, geen cariës zichtbaar.',
  ],
  fr: [
    'Contrôle ok.\r\nTartre incisives inférieures; DPSI la prochaine fois.',
    'Implant discuté; le patient réfléchit. Devis remis.',
    'Anesthésie locale 1/2 carpule, pas de complications.',
    'Le patient dit : "plus de douleur".',
    'Anamnèse mise à jour.\r\nPas de nouveau médicament.\r\nTension ok selon le patient.',
    'Obturation cassée, réparée provisoirement.',
    "Instructions d'hygiène données; brossettes interdentaires conseillées.",
    'Rendez-vous déplacé à la demande du patient.',
    'Radiographie prise, pas de carie visible.',
  ],
};

/** Plain texts that hold a lower-case accented letter, for injected mojibake. */
const ACCENTED_NOTES: Record<Lang, readonly string[]> = {
  nl: [
    'Patiënt heeft gevoelige tandhalzen',
    'Röntgenfoto genomen, geen cariës zichtbaar',
    'Overleg met collega over crème',
  ],
  fr: ['Patient très anxieux, évite le fauteuil', 'Préfère être appelé le matin', 'Douleur légère après extraction'],
};

const RTF_BODIES: Record<Lang, readonly string[]> = {
  nl: [
    "Anticoagulantia: Sintrom \\'e9\\'e9n keer per dag",
    "Medische vragenlijst: hypertensie, bloedverdunners \\'e9\\'e9n keer per dag\\par Diabetes type 2",
    "Pati\\'ebnt meldt allergie voor latex",
  ],
  fr: [
    "Anticoagulants : Sintrom une fois par jour, arr\\'eat non souhait\\'e9",
    "Questionnaire m\\'e9dical : hypertension\\par Diab\\'e8te type 2",
    "Patient signale une allergie au latex, pr\\'e9voir gants nitrile",
  ],
};

const HTML_BODIES: Record<Lang, readonly string[]> = {
  nl: [
    '<p>Vulling <b>46 MO</b> composiet, lokale verdoving 1/2 carpule.</p>',
    '<p>Extractie 38.</p>\r\n<ul><li>Hechting 1 steek</li><li>Controle na 1 week</li></ul>',
    '<div>Afdruk genomen voor <i>onderprothese</i>; beet ok.</div>',
  ],
  fr: [
    '<p>Obturation <b>46 MO</b> composite, anesthésie locale 1/2 carpule.</p>',
    '<p>Extraction 38.</p>\r\n<ul><li>Suture 1 point</li><li>Contrôle après 1 semaine</li></ul>',
    '<div>Empreinte prise pour <i>prothèse inférieure</i>; occlusion ok.</div>',
  ],
};

export function pickRemark(lang: Lang, rng: Rng): string {
  return rng.pick(REMARKS[lang]);
}

export function pickRaggedText(lang: Lang, rng: Rng): string {
  return rng.pick(RAGGED[lang]);
}

export function pickNote(lang: Lang, rng: Rng): string {
  return rng.pick(NOTES[lang]);
}

export function pickAccentedNote(lang: Lang, rng: Rng): string {
  return rng.pick(ACCENTED_NOTES[lang]);
}

/** An RTF memo as Windows memo fields store it (D18), escapes like \'e9 for é. */
export function rtfNote(lang: Lang, rng: Rng): string {
  return `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20 ${rng.pick(RTF_BODIES[lang])}\\par}`;
}

export function htmlNote(lang: Lang, rng: Rng): string {
  return rng.pick(HTML_BODIES[lang]);
}
