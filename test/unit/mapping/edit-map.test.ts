import { beforeAll, describe, expect, it } from 'vitest';
import type { MapContent, MapRule } from '../../../src/mapping/document.js';
import { applyEdit, type EditContext } from '../../../src/mapping/edit.js';
import { type EditCommand, parseEdit } from '../../../src/mapping/edit-language.js';
import { proposeMap } from '../../../src/mapping/propose.js';
import { TargetCatalogue } from '../../../src/mapping/targets.js';
import { validateMap } from '../../../src/mapping/validate.js';
import { allFiles } from './fixture-sources.js';

const files = allFiles('nl');
const catalogue = new TargetCatalogue({
  person: [{ field_code: 'd'.repeat(40), field_name: 'Geboortedatum', field_type: 'date', is_custom_field: true }],
});
const context: EditContext = { files, catalogue, actor: 'slack:U1' };
let base: MapContent;

beforeAll(async () => {
  base = (await proposeMap({ files, catalogue })).content;
});

function edit(text: string, content = base) {
  const parsed = parseEdit(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return applyEdit(content, parsed.command as Exclude<EditCommand, { kind: 'undo' }>, context);
}

function rules(content: MapContent, source: string, header: string): MapRule[] {
  return content.objects.find((o) => o.source === source)!.rules.filter((r) => r.from.includes(header));
}

function applied(text: string, content = base): MapContent {
  const outcome = edit(text, content);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.content;
}

describe('map', () => {
  it('sends a column to a field, with the transform the field needs, as a human rule', () => {
    const outcome = edit('map GewijzigdOp to person.add_time');
    expect(outcome).toMatchObject({ ok: true, summary: 'patients.GewijzigdOp → person.add_time (timestamp)' });
    const content = outcome.ok ? outcome.content : base;
    expect(rules(content, 'patients', 'GewijzigdOp')).toEqual([
      {
        from: ['GewijzigdOp'],
        to: 'person.add_time',
        transform: { name: 'timestamp' },
        confidence: 1,
        origin: 'human',
        why: 'set by slack:U1',
      },
    ]);
    // person.add_time had one rule (AangemaaktOp): a single-valued field keeps one source, the other is left behind.
    expect(rules(content, 'patients', 'AangemaaktOp')).toEqual([
      expect.objectContaining({
        to: null,
        origin: 'human',
        why: expect.stringContaining('person.add_time now comes from GewijzigdOp'),
      }),
    ]);
    expect(validateMap(content, { files, catalogue, plan: 'growth' }).ok).toBe(true);
  });

  it('replaces an N:1 rule and leaves its other column behind', () => {
    const content = applied('map Voornaam to person.name');
    expect(rules(content, 'patients', 'Voornaam')).toEqual([
      expect.objectContaining({ from: ['Voornaam'], to: 'person.name' }),
    ]);
    expect(rules(content, 'patients', 'Naam')).toEqual([expect.objectContaining({ to: null })]);
  });

  it('adds to a list field without touching its other sources', () => {
    const content = applied('map Telefoon to person.phones', applied('ignore Telefoon'));
    expect(rules(content, 'patients', 'Telefoon')[0]).toMatchObject({
      to: 'person.phones',
      transform: { name: 'phone' },
    });
    expect(rules(content, 'patients', 'GSM')[0]).toMatchObject({ to: 'person.phones', origin: 'rule' });
  });

  it('changes nothing when the column already goes there', () => {
    expect(edit('map GSM to person.phones')).toMatchObject({
      ok: true,
      summary: 'patients.GSM already goes to person.phones',
    });
  });

  it('uses the target’s object to pick between files with the same header, or asks', () => {
    expect(edit('map PatNr to activity.participants')).toMatchObject({ ok: true });
    expect(edit('map PatNr to deal.person_id')).toEqual({
      ok: false,
      message: '"PatNr" is in several files (treatments, care_plans). Say which, e.g. treatments.PatNr.',
    });
    expect(edit('map treatments.PatNr to deal.person_id')).toMatchObject({ ok: true });
  });

  it('refuses an unknown column, listing the columns of the file', () => {
    const outcome = edit('map Foo to person.phones');
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringMatching(/^I don't know the column "Foo"\. Columns in patients: PatNr, Naam, Voornaam/),
    });
  });

  it('refuses a field of another object, an unknown custom field, and values that do not fit', () => {
    expect(edit('map GSM to deal.title')).toMatchObject({
      ok: false,
      message: expect.stringContaining('becomes person records'),
    });
    expect(edit('map Opmerking to person.custom:Allergieën')).toMatchObject({
      ok: false,
      message: expect.stringContaining('new person field "Allergieën" varchar from Opmerking'),
    });
    expect(edit('map Naam to person.custom:Geboortedatum')).toMatchObject({
      ok: false,
      message: expect.stringContaining('date cannot convert those'),
    });
    expect(edit('map Geboortedatum to person.custom:Geboortedatum')).toMatchObject({ ok: true });
  });
});

describe('ignore', () => {
  it('leaves a column behind with the reason given', () => {
    const content = applied('ignore GSM because the practice never texts');
    expect(rules(content, 'patients', 'GSM')).toEqual([
      { from: ['GSM'], to: null, origin: 'human', confidence: 1, why: 'the practice never texts' },
    ]);
  });

  it('takes the column out of multi-column rules, keeping their arguments aligned', () => {
    const content = applied('ignore appointments.Status');
    const note = rules(content, 'appointments', 'Stoel').find((r) => r.to === 'activity.note')!;
    expect(note.from).toEqual(['Stoel', 'SMSVerstuurd']);
    expect(note.transform).toEqual({ name: 'labelled_lines', args: { labels: ['Stoel', 'SMSVerstuurd'] } });
    // appointment_done needs both Start and Status: without Status the rule goes.
    expect(rules(content, 'appointments', 'Start').some((r) => r.to === 'activity.done')).toBe(false);
    expect(rules(content, 'appointments', 'Status')).toEqual([expect.objectContaining({ to: null })]);
    expect(validateMap(content, { files, catalogue, plan: 'growth' }).ok).toBe(true);
  });
});

describe('new', () => {
  it('maps a column to a custom field to create', () => {
    const outcome = edit('new person field "Medische opmerking" text from Opmerking');
    expect(outcome).toMatchObject({
      ok: true,
      summary: 'patients.Opmerking → person.custom:Medische opmerking (trim)',
    });
    const content = outcome.ok ? outcome.content : base;
    expect(rules(content, 'patients', 'Opmerking')[0]).toMatchObject({
      to: 'person.custom:Medische opmerking',
      custom: { type: 'text' },
      origin: 'human',
    });
  });

  it('reuses an existing field with that label instead of creating one', () => {
    const content = applied('new person field "geboortedatum" date from Geboortedatum');
    expect(rules(content, 'patients', 'Geboortedatum')[0]?.custom).toBeUndefined();
  });

  it('refuses objects without custom fields', () => {
    expect(edit('new activity field "Stoel" varchar from Stoel')).toMatchObject({
      ok: false,
      message: expect.stringContaining('cannot add custom fields to activity'),
    });
  });
});

describe('transform', () => {
  it('sets the transform of the column’s rule, with arguments', () => {
    const content = applied('transform GSM phone label=work');
    expect(rules(content, 'patients', 'GSM')[0]).toMatchObject({
      transform: { name: 'phone', args: { label: 'work' } },
      origin: 'human',
    });
    const statuses = applied(
      'transform treatments.Status map_values Geattesteerd=won Geannuleerd=lost Open=open Betwist=open',
    );
    expect(rules(statuses, 'treatments', 'Status')[0]?.transform).toEqual({
      name: 'map_values',
      args: { values: { Geattesteerd: 'won', Geannuleerd: 'lost', Open: 'open', Betwist: 'open' } },
    });
  });

  it('refuses a left-behind column and a transform that does not fit', () => {
    expect(edit('transform GewijzigdOp date')).toMatchObject({
      ok: false,
      message: expect.stringContaining('is left behind'),
    });
    expect(edit('transform Taal date')).toMatchObject({
      ok: false,
      message: expect.stringContaining('date cannot convert those'),
    });
  });
});
