import { describe, expect, it } from 'vitest';
import {
  applyRule,
  applyTransform,
  getTransform,
  producedKinds,
  TRANSFORM_NAMES,
} from '../../../src/mapping/transforms/index.js';

const run = (name: string, values: (string | null)[], args = {}) => applyTransform(name, args, values);

describe('ref and provider_owner', () => {
  it('point at the record of another file by its key', () => {
    expect(run('ref', [' 1001 '], { entity: 'patients' })).toEqual({
      ok: true,
      value: { ref: 'patients', key: '1001' },
    });
    expect(run('provider_owner', ['TDM'])).toEqual({ ok: true, value: { ref: 'users', key: 'TDM' } });
    expect(run('ref', [''], { entity: 'patients' })).toEqual({ ok: true, value: null });
  });
  it('produce the reference kind of the entity they point at', () => {
    expect(producedKinds({ name: 'ref', args: { entity: 'care_plans' } })).toEqual(['deal_ref']);
    expect(producedKinds({ name: 'ref', args: { entity: 'patients' } })).toEqual(['person_ref']);
    expect(producedKinds({ name: 'constant', args: { value: true } })).toEqual(['boolean']);
    expect(producedKinds(undefined)).toEqual(['text']);
  });
});

describe('file_path', () => {
  it('joins folder and file name with forward slashes', () => {
    expect(run('file_path', ['rx\\1001\\', '1001_20250114_BW_L.dcm'])).toEqual({
      ok: true,
      value: { path: 'rx/1001/1001_20250114_BW_L.dcm' },
    });
  });
  it('refuses a path that leaves the upload', () => {
    expect(run('file_path', ['..\\..\\etc', 'passwd'])).toMatchObject({
      ok: false,
      defect: { code: 'document_missing' },
    });
  });
});

describe('address', () => {
  const parts = ['route', 'street_number', 'subpremise', 'postal_code', 'locality', 'country'];
  it('builds a bpost-style address with its parts', () => {
    expect(run('address', ['Kerkstraat', '12', '3', '2000', 'Antwerpen', 'BE'], { parts })).toEqual({
      ok: true,
      value: {
        value: 'Kerkstraat 12 bus 3, 2000 Antwerpen',
        route: 'Kerkstraat',
        street_number: '12',
        subpremise: '3',
        postal_code: '2000',
        locality: 'Antwerpen',
        country: 'BE',
      },
    });
  });
  it('names a foreign country and skips empty parts', () => {
    const result = run('address', ['Grote Markt', '1', '', '4811', 'Breda', 'NL'], { parts });
    expect(result).toMatchObject({ ok: true, value: { value: 'Grote Markt 1, 4811 Breda, NL' } });
    expect(run('address', ['', '', '', '', '', ''], { parts })).toEqual({ ok: true, value: null });
  });
});

describe('the registry', () => {
  it('throws on an unknown transform or a wrong number of cells (a bug, not a data defect)', () => {
    expect(() => run('guess', ['x'])).toThrow(/Unknown transform/);
    expect(() => run('trim', ['a', 'b'])).toThrow(/reads 1–1 cells/);
  });
  it('applies trim when a rule names no transform', () => {
    expect(applyRule(undefined, [' x '])).toEqual({ ok: true, value: 'x' });
  });
  it('lists every transform the issue asks for', () => {
    for (const name of [
      'join_name',
      'split_full_name',
      'phone',
      'email',
      'date',
      'timestamp',
      'brussels_to_utc',
      'duration_hhmm',
      'percentage',
      'amount',
      'insz',
      'fund',
      'rich_text_to_plain',
      'yes_no',
      'rrule_occurrences',
    ]) {
      expect(TRANSFORM_NAMES).toContain(name);
    }
  });
});

describe('transform arguments', () => {
  it('are checked before a map can be approved', () => {
    const check = (name: string, args: Record<string, unknown>) =>
      getTransform(name)?.checkArgs?.(args as Parameters<NonNullable<ReturnType<typeof getTransform>>['apply']>[1]);
    expect(check('ref', { entity: 'patients' })).toBeNull();
    expect(check('ref', { entity: 'patienten' })).toBe('ref needs args.entity, an ingest entity name');
    expect(check('address', { parts: ['route', 'city'] })).toBe(
      'address part "city" is not one of route, street_number, subpremise, postal_code, locality, country',
    );
    expect(check('labelled_lines', {})).toBe('labelled_lines needs args.labels, a list of words');
    expect(check('appointment_done', { done: 'Aanwezig' })).toBe(
      'appointment_done needs args.done, a list of statuses',
    );
    expect(check('constant', {})).toBe('constant needs args.value');
  });
});
