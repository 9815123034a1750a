/**
 * Dated RIZIV/INAMI dental nomenclature table (Article 5), seeded from the domain notes §1.3 and §1.4.
 *
 * This is a seed, not the nomenclature: it holds the codes the research confirmed (about 60 pairs). A real
 * practice export will use codes not listed here; import the NomenSoft XML (§1.5) before trusting an
 * `unknown_code` verdict on real data.
 *
 * Dates: `validFrom` is the first day a code may be attested, `validTo` the last (null = still in force).
 * Codes that NomenSoft dates "since 1/9/2005" (the group N04 date) carry {@link RIZIV_TABLE_START}: the table
 * says nothing about them before that day, and `rizivStatusOn` treats them as valid for older services.
 * Age bounds are only filled where §1.3 states them for the whole validity period; `ageMax` is the last age
 * in completed years (under 19 → 18). Every code here passes the mod-7 check (a unit test enforces it).
 * Descriptions marked [I] in comments were written by us from the short meaning in §1.3.
 */

export interface RizivCode {
  /** Ambulant code, 6 digits. */
  code: string;
  /** The hospitalised-patient code of the pair, when known. */
  hospitalCode?: string;
  descriptionNl: string;
  descriptionFr: string;
  /** `YYYY-MM-DD`, first day in force. */
  validFrom: string;
  /** `YYYY-MM-DD`, last day in force, or null while in force. */
  validTo: string | null;
  ageMin?: number;
  ageMax?: number;
}

/** The earliest date this table models; codes carrying it existed before, since when is not researched. */
export const RIZIV_TABLE_START = '2005-09-01';

type Ages = { ageMin?: number; ageMax?: number };

function row(
  code: string,
  hospitalCode: string | null,
  descriptionNl: string,
  descriptionFr: string,
  validFrom: string = RIZIV_TABLE_START,
  validTo: string | null = null,
  ages: Ages = {},
): RizivCode {
  const entry: RizivCode = { code, descriptionNl, descriptionFr, validFrom, validTo, ...ages };
  if (hospitalCode) entry.hospitalCode = hospitalCode;
  return entry;
}

const START = RIZIV_TABLE_START;
const JUL_2022 = '2022-07-01';
const UNTIL_JUN_2022 = '2022-06-30';

export const RIZIV_CODES: readonly RizivCode[] = Object.freeze([
  // Consultations and examinations
  row(
    '301011',
    '301022',
    'Raadpleging in de spreekkamer, vanaf de 19e verjaardag',
    'Consultation au cabinet, à partir du 19e anniversaire',
  ),
  row(
    '371033',
    null,
    'Raadpleging in de spreekkamer, tot de 19e verjaardag',
    "Consultation au cabinet, jusqu'au 19e anniversaire",
  ),
  row(
    '371615',
    '371626',
    'Preventief mondonderzoek, 1e kalendersemester',
    'Examen buccal préventif, 1er semestre civil',
    '2018-02-01',
  ),
  row(
    '371571',
    '371582',
    'Preventief mondonderzoek, 2e kalendersemester',
    'Examen buccal préventif, 2e semestre civil',
  ),
  row(
    '371593',
    null,
    'Jaarlijks mondonderzoek, 18e tot 19e verjaardag',
    'Examen buccal annuel, du 18e au 19e anniversaire',
  ),
  row(
    '301593',
    null,
    'Jaarlijks mondonderzoek, vanaf de 19e verjaardag',
    'Examen buccal annuel, à partir du 19e anniversaire',
  ),
  row(
    '371873',
    null,
    'Profylactisch reinigen per kwadrant, tot de 18e verjaardag',
    "Nettoyage prophylactique par quadrant, jusqu'au 18e anniversaire",
  ),
  // Periodontology
  row(
    '371254',
    '371265',
    'Parodontale screening (DPSI), 15 tot 18 jaar',
    'Dépistage parodontal (DPSI), de 15 à 18 ans',
  ),
  row(
    '301254',
    '301265',
    'Parodontale screening (DPSI), vanaf 18 jaar',
    'Dépistage parodontal (DPSI), à partir de 18 ans',
  ),
  row('301372', '301383', 'Parodontaal mondonderzoek', 'Examen buccal parodontal'),
  // Conservative care
  row('373811', null, 'Vulling melktand, 1 vlak', 'Obturation dent de lait, 1 face'),
  row('373833', null, 'Vulling melktand, 2 vlakken', 'Obturation dent de lait, 2 faces'),
  row('373855', null, 'Vulling melktand, 3 of meer vlakken', 'Obturation dent de lait, 3 faces ou plus'),
  row('373892', '373903', 'Vulling blijvende tand, 1 vlak (< 15 j)', 'Obturation dent définitive, 1 face (< 15 ans)'),
  row('373914', null, 'Vulling blijvende tand, 2 vlakken (< 15 j)', 'Obturation dent définitive, 2 faces (< 15 ans)'),
  row(
    '373936',
    null,
    'Vulling blijvende tand, 3 of meer vlakken (< 15 j)',
    'Obturation dent définitive, 3 faces ou plus (< 15 ans)',
  ),
  row('374371', null, 'Vulling, 1 vlak (15 tot 18 j)', 'Obturation, 1 face (15 à 18 ans)'),
  row('374393', null, 'Vulling, 2 vlakken (15 tot 18 j)', 'Obturation, 2 faces (15 à 18 ans)'),
  row('374415', null, 'Vulling, 3 of meer vlakken (15 tot 18 j)', 'Obturation, 3 faces ou plus (15 à 18 ans)'),
  row(
    '373951',
    null,
    'Gedeeltelijke opbouw blijvende tand (< 15 j)',
    'Reconstitution partielle dent définitive (< 15 ans)',
  ),
  row('373973', null, 'Volledige opbouw blijvende tand (< 15 j)', 'Reconstitution complète dent définitive (< 15 ans)'),
  row(
    '374430',
    null,
    'Gedeeltelijke opbouw blijvende tand (15 tot 18 j)',
    'Reconstitution partielle dent définitive (15 à 18 ans)',
  ),
  row(
    '374452',
    null,
    'Volledige opbouw blijvende tand (15 tot 18 j)',
    'Reconstitution complète dent définitive (15 à 18 ans)',
  ),
  row('374312', null, 'Wortelkanaalbehandeling, 1 kanaal (< 18 j)', 'Traitement radiculaire, 1 canal (< 18 ans)'),
  row('374533', null, 'Wortelkanaalbehandeling, 2 kanalen (< 18 j)', 'Traitement radiculaire, 2 canaux (< 18 ans)'),
  row(
    '373796',
    '373800',
    'Bioactief dentinesubstituut (< 19 j)',
    'Substitut dentinaire bioactif (< 19 ans)',
    '2024-01-01',
  ),
  row(
    '303796',
    '303800',
    'Bioactief dentinesubstituut (vanaf 19 j)',
    'Substitut dentinaire bioactif (à partir de 19 ans)',
    '2024-01-01',
  ),
  row('374791', '374802', 'Vitale amputatie', 'Amputation vitale', '2024-01-01'),
  // Extractions and sutures (AR 6/6/2022)
  row('374975', '374986', 'Extractie, tot de 18e verjaardag', "Extraction, jusqu'au 18e anniversaire", JUL_2022),
  row(
    '374872',
    '374883',
    'Extractie, bijkomende tand zelfde kwadrant en zitting (< 18 j)',
    'Extraction, dent supplémentaire même quadrant et séance (< 18 ans)',
    JUL_2022,
  ),
  row(
    '304975',
    '304986',
    'Extractie, vanaf de 50e verjaardag',
    'Extraction, à partir du 50e anniversaire',
    JUL_2022,
    null,
    { ageMin: 50 },
  ),
  row(
    '304872',
    '304883',
    'Extractie, bijkomende tand zelfde kwadrant en zitting (vanaf 50 j)',
    'Extraction, dent supplémentaire même quadrant et séance (à partir de 50 ans)',
    JUL_2022,
    null,
    { ageMin: 50 },
  ),
  row(
    '303166',
    null,
    'Extractie blijvende tand, per bijkomende tand, zelfde zitting',
    'Extraction dent définitive, par dent supplémentaire, même séance',
  ),
  // [I] the reference names both suture pairs "wound suture" without telling them apart
  row('305130', '305141', 'Hechting van een wonde, volwassene', "Suture d'une plaie, adulte", JUL_2022),
  row(
    '305152',
    '305163',
    'Hechting van een wonde, volwassene (tweede code)',
    "Suture d'une plaie, adulte (second code)",
    JUL_2022,
  ),
  row(
    '375130',
    '375141',
    'Hechting van een wonde, tot de 18e verjaardag',
    "Suture d'une plaie, jusqu'au 18e anniversaire",
    JUL_2022,
  ),
  row(
    '375152',
    '375163',
    'Hechting van een wonde, tot de 18e verjaardag (tweede code)',
    "Suture d'une plaie, jusqu'au 18e anniversaire (second code)",
    JUL_2022,
  ),
  // Radiography (pano codes replaced on 1/4/2024)
  row(
    '377296',
    '377300',
    'Panoramische radiografie, analoog (7 tot 19 j)',
    'Radiographie panoramique, analogique (7 à 19 ans)',
    '2024-04-01',
    null,
    { ageMin: 7, ageMax: 18 },
  ),
  row(
    '377311',
    '377322',
    'Panoramische radiografie, digitaal (7 tot 19 j)',
    'Radiographie panoramique, numérique (7 à 19 ans)',
    '2024-04-01',
    null,
    { ageMin: 7, ageMax: 18 },
  ),
  row(
    '307296',
    '307300',
    'Panoramische radiografie, analoog (vanaf 19 j)',
    'Radiographie panoramique, analogique (à partir de 19 ans)',
    '2024-04-01',
  ),
  // Prosthesis
  row('306935', null, 'Volledige uitneembare onderprothese', 'Prothèse amovible complète inférieure'),
  row(
    '389675',
    '389686',
    'Prothese: standaardafdruk (pseudocode)',
    'Prothèse : empreinte standard (pseudocode)',
    '2017-09-01',
  ),
  row(
    '389690',
    '389701',
    'Prothese: individuele afdruk (pseudocode)',
    'Prothèse : empreinte individuelle (pseudocode)',
    '2017-09-01',
  ),
  row(
    '389712',
    '389723',
    'Prothese: beetregistratie (pseudocode)',
    'Prothèse : enregistrement de l’occlusion (pseudocode)',
    '2017-09-01',
  ),
  row('389734', '389745', 'Prothese: inproef (pseudocode)', 'Prothèse : essayage (pseudocode)', '2017-09-01'),
  row(
    '302794',
    '302805',
    'Forfait controle en nazorg prothetische herstellingen (kanker, anodontie)',
    'Forfait contrôle et suivi des restaurations prothétiques (cancer, anodontie)',
    '2024-07-01',
  ),
  // Orthodontics and generic codes
  row(
    '305653',
    null,
    'Forfait orthodontie na onderbroken behandeling',
    'Forfait orthodontie après traitement interrompu',
  ),
  row(
    '384042',
    null,
    'Generieke code: terugbetaalbare verstrekking, voorwaarden niet vervuld',
    'Code générique : prestation remboursable, conditions préalables non remplies',
  ),

  // Retired codes: valid history before their end date, errors after it
  row(
    '371556',
    '371560',
    'Mondonderzoek, 1e semester (vervangen door 371615)',
    'Examen buccal, 1er semestre (remplacé par 371615)',
    START,
    '2018-01-31',
    { ageMax: 17 },
  ),
  row(
    '377090',
    '377101',
    'Panoramische radiografie, 7 tot 18 j (oude code)',
    'Radiographie panoramique, 7 à 18 ans (ancien code)',
    START,
    '2024-03-31',
    { ageMin: 7, ageMax: 18 },
  ),
  row(
    '377274',
    '377285',
    'Panoramische radiografie, < 19 j (oude code)',
    'Radiographie panoramique, < 19 ans (ancien code)',
    START,
    '2024-03-31',
  ),
  row(
    '307090',
    '307101',
    'Panoramische radiografie, volwassene (oude code)',
    'Radiographie panoramique, adulte (ancien code)',
    START,
    '2024-03-31',
  ),
  row(
    '307274',
    '307285',
    'Panoramische radiografie, volwassene (oude code, tweede)',
    'Radiographie panoramique, adulte (ancien code, second)',
    START,
    '2024-03-31',
  ),
  row(
    '374850',
    '374861',
    'Extractie < 18 j (oude code, vervangen 1/7/2022)',
    'Extraction < 18 ans (ancien code, remplacé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '304850',
    '304861',
    'Extractie vanaf 53 j (oude code, vervangen 1/7/2022)',
    'Extraction à partir de 53 ans (ancien code, remplacé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '304894',
    '304905',
    'Extractie, bijkomende tand (oude code, vervangen 1/7/2022)',
    'Extraction, dent supplémentaire (ancien code, remplacé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '371151',
    '371162',
    'Supplement verhoogd bloedingsrisico < 18 j (geschrapt 1/7/2022)',
    'Supplément risque hémorragique < 18 ans (supprimé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '301151',
    '301162',
    'Supplement verhoogd bloedingsrisico (geschrapt 1/7/2022)',
    'Supplément risque hémorragique (supprimé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '301173',
    '301184',
    'Supplement verhoogd bloedingsrisico, tweede code (geschrapt 1/7/2022)',
    'Supplément risque hémorragique, second code (supprimé le 1/7/2022)',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '374931',
    '374942',
    'Verstrekking < 18 j geschrapt op 1/7/2022',
    'Prestation < 18 ans supprimée le 1/7/2022',
    START,
    UNTIL_JUN_2022,
  ),
  row(
    '304931',
    '304942',
    'Verstrekking volwassene geschrapt op 1/7/2022',
    'Prestation adulte supprimée le 1/7/2022',
    START,
    UNTIL_JUN_2022,
  ),
]);
