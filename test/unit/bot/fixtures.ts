/** Map documents for builder tests: small and realistic, or large enough to need several pages. */
import type { MapDocument, MapRule, ObjectMap } from '../../../src/mapping/document.js';

export function smallMap(overrides: Partial<MapDocument> = {}): MapDocument {
  return {
    project: 'de-smet',
    version: 3,
    hash: `sha256:${'ab'.repeat(32)}`,
    status: 'proposed',
    approved_by: null,
    approved_at: null,
    objects: [
      {
        source: 'patients',
        target: 'person',
        match: { by: ['email', 'insz'], policy: 'link' },
        rules: [
          {
            from: ['Naam', 'Voornaam'],
            to: 'person.name',
            transform: { name: 'join_name' },
            confidence: 0.98,
            origin: 'rule',
          },
          {
            from: ['GSM'],
            to: 'person.phones',
            transform: { name: 'phone', args: { label: 'mobile' } },
            confidence: 0.72,
            origin: 'llm',
          },
          {
            from: ['Huisarts'],
            to: 'person.custom:Huisarts',
            custom: { type: 'varchar' },
            confidence: 0.4,
            origin: 'llm',
          },
          { from: ['Beroep'], to: null, why: 'not needed in the CRM', origin: 'rule', confidence: 1 },
        ],
      },
    ],
    ...overrides,
  };
}

export function largeMap(rulesPerObject = 120, objects = 4): MapDocument {
  const list: ObjectMap[] = [];
  for (let o = 0; o < objects; o++) {
    const rules: MapRule[] = [];
    for (let r = 0; r < rulesPerObject; r++) {
      rules.push({
        from: [`Kolom_${o}_${r}_met_een_lange_naam`],
        to: r % 7 === 0 ? null : `person.custom:Veld ${o}-${r} met een behoorlijk lange omschrijving`,
        ...(r % 5 === 0 ? { custom: { type: 'varchar' as const } } : {}),
        confidence: (r % 10) / 10,
        origin: 'llm',
      });
    }
    list.push({ source: `entity_${o}`, target: 'person', rules });
  }
  return { ...smallMap(), objects: list };
}
