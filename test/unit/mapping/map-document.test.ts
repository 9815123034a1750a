import { describe, expect, it } from 'vitest';
import { diffMaps, formatDiff } from '../../../src/mapping/diff.js';
import { hashMapContent, type MapContent, type MapDocument } from '../../../src/mapping/document.js';
import { parseMapDocument } from '../../../src/mapping/document-schema.js';

const content: MapContent = {
  objects: [
    {
      source: 'patients',
      target: 'person',
      match: { by: ['email', 'name+birthdate'], policy: 'link' },
      rules: [
        {
          from: ['Voornaam', 'Naam'],
          to: 'person.name',
          transform: { name: 'join_name' },
          confidence: 0.97,
          origin: 'rule',
          why: 'x',
        },
        { from: ['GSM'], to: 'person.phones', transform: { name: 'phone', args: { label: 'mobile' } } },
        { from: ['GewijzigdOp'], to: null, why: 'Pipedrive keeps its own update time' },
      ],
    },
  ],
};

describe('hashMapContent', () => {
  it('is sha256 of the canonical content: key order does not matter', () => {
    const reordered = structuredClone(content);
    const rule = content.objects[0]!.rules[0]!;
    reordered.objects[0]!.rules[0] = {
      why: rule.why!,
      origin: 'rule',
      confidence: 0.97,
      transform: { name: 'join_name' },
      to: 'person.name',
      from: ['Voornaam', 'Naam'],
    };
    expect(hashMapContent(content)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashMapContent(reordered)).toBe(hashMapContent(content));
  });
  it('ignores version, status and approval but not the rules', () => {
    const doc: MapDocument = {
      ...content,
      project: 'p1',
      version: 3,
      hash: '',
      status: 'approved',
      approved_by: 'a@b.be',
      approved_at: 'now',
    };
    expect(hashMapContent(doc)).toBe(hashMapContent(content));
    const changed = structuredClone(content);
    changed.objects[0]!.rules[1]!.to = null;
    expect(hashMapContent(changed)).not.toBe(hashMapContent(content));
  });
});

describe('parseMapDocument', () => {
  it('accepts the issue’s document shape and keeps only the content', () => {
    const doc = {
      project: 'p1',
      version: 3,
      hash: 'sha256:x',
      status: 'proposed',
      approved_by: null,
      approved_at: null,
      ...content,
    };
    expect(parseMapDocument(doc)).toEqual({ ok: true, content });
  });
  it('refuses unknown keys and bad shapes with a sentence', () => {
    expect(
      parseMapDocument({
        objects: [{ source: 'patients', target: 'person', rules: [{ from: ['A'], to: 'person.name', tranform: {} }] }],
      }),
    ).toEqual({
      ok: false,
      message: expect.stringContaining('objects.0.rules.0'),
    });
    expect(parseMapDocument({ objects: [{ source: 'patients', target: 'patient', rules: [] }] })).toMatchObject({
      ok: false,
    });
    expect(parseMapDocument([])).toMatchObject({ ok: false });
  });
});

describe('diffMaps', () => {
  it('lists changed, added and removed rules in a few words', () => {
    const after = structuredClone(content);
    const patients = after.objects[0]!;
    patients.rules[1] = { from: ['GSM'], to: null, why: 'ignored', origin: 'human' };
    patients.rules.push({
      from: ['Huisarts'],
      to: 'person.custom:Huisarts',
      custom: { type: 'varchar' },
      transform: { name: 'trim' },
    });
    patients.rules = patients.rules.filter((r) => r.from[0] !== 'GewijzigdOp');
    patients.rules[0]!.confidence = 0.5; // only metadata: not a change
    const changes = diffMaps(content, after);
    expect(formatDiff(changes)).toBe(
      [
        '~ patients.GSM: person.phones (phone mobile) → left behind',
        '- patients.GewijzigdOp (was left behind)',
        '+ patients.Huisarts → person.custom:Huisarts (trim, new varchar field)',
      ].join('\n'),
    );
  });
  it('says when nothing changed, and shows object-level changes', () => {
    expect(formatDiff(diffMaps(content, structuredClone(content)))).toBe('no rule changed');
    const relinked = structuredClone(content);
    relinked.objects[0]!.match = { by: ['email'], policy: 'create' };
    expect(formatDiff(diffMaps(content, relinked))).toBe(
      '~ patients: person, match email/name+birthdate → link → person, match email → create',
    );
  });
});
