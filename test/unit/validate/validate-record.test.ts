import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../../../src/dentadmin/entities.js';
import {
  createPatternTracker,
  createRecordValidator,
  VALIDATOR_VERSION,
} from '../../../src/dentadmin/validate/validate-record.js';
import { CLEAN, codes, dutchHeaders, EXPORT_DATE, MAX_DOCUMENT_BYTES, validate } from './records.js';

describe('createRecordValidator', () => {
  it.each(ENTITY_NAMES)('finds nothing wrong with the clean %s sample', (entity) => {
    expect(validate(entity).defects).toEqual([]);
  });

  it('has a version', () => {
    expect(VALIDATOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses a malformed export date or size limit', () => {
    const headers = dutchHeaders('patients');
    expect(() => createRecordValidator('patients', headers, { exportDate: '28/10/2025', maxDocumentBytes: 1 })).toThrow(
      RangeError,
    );
    expect(() => createRecordValidator('patients', headers, { exportDate: EXPORT_DATE, maxDocumentBytes: 0 })).toThrow(
      RangeError,
    );
  });

  it('names columns by the header the file uses (French file)', () => {
    const headers = new Map(ENTITIES.patients.columns.map((c) => [c.key, c.fr]));
    const validator = createRecordValidator('patients', headers, { exportDate: EXPORT_DATE, maxDocumentBytes: 1 });
    const { defects } = validator({ ...CLEAN.patients, ct1: '999' }, { line: 2, record: '1001' });
    expect(defects).toEqual([
      {
        entity: 'patients',
        record: '1001',
        line: 2,
        column: 'CT1',
        code: 'ct_invalid',
        severity: 'warning',
        message: '"999" is not an official CT1 code.',
      },
    ]);
  });

  it('checks only the columns the file has', () => {
    const headers = new Map([
      ['patient_id', 'PatNr'],
      ['last_name', 'Naam'],
    ]);
    const validator = createRecordValidator('patients', headers, { exportDate: EXPORT_DATE, maxDocumentBytes: 1 });
    const result = validator(
      { patient_id: '1', last_name: 'Peeters', birth_date: 'rubbish' },
      { line: 2, record: '1' },
    );
    expect(result.defects).toEqual([]);
  });

  it('does not report missing names when the file has no name columns', () => {
    const validator = createRecordValidator('users', new Map([['user_code', 'Code']]), {
      exportDate: EXPORT_DATE,
      maxDocumentBytes: 1,
    });
    expect(validator({ user_code: 'TDM' }, { line: 2, record: 'TDM' }).defects).toEqual([]);
  });

  it('treats missing and blank cells as empty', () => {
    expect(validate('patients', { insz: undefined, email: '   ', phone: '' }).defects).toEqual([]);
  });

  it('gives every record its own defects array', () => {
    const validator = createRecordValidator('treatments', dutchHeaders('treatments'), {
      exportDate: EXPORT_DATE,
      maxDocumentBytes: MAX_DOCUMENT_BYTES,
    });
    const first = validator({ ...CLEAN.treatments, fee: 'x' }, { line: 2, record: 'a' });
    const second = validator(CLEAN.treatments, { line: 3, record: 'b' });
    expect(first.defects).toHaveLength(1);
    expect(second.defects).toEqual([]);
  });

  it('never puts INSZ digits in a message', () => {
    const { defects } = validate('patients', { insz: '87031412444' });
    expect(defects[0]?.message).not.toMatch(/\d{6}/);
    const mismatch = validate('patients', { birth_date: '13/04/1987' }).defects;
    expect(mismatch[0]?.message).not.toContain('87031412443');
  });

  it('reads a percentage in a copayment column whose header says %', () => {
    const headers = dutchHeaders('treatments');
    headers.set('copayment', 'Remgeld %');
    const validator = createRecordValidator('treatments', headers, { exportDate: EXPORT_DATE, maxDocumentBytes: 1 });
    expect(validator({ ...CLEAN.treatments, copayment: '25 %' }, { line: 2, record: null }).defects).toEqual([]);
  });

  it("reads phone numbers of patients abroad with their country's rules", () => {
    expect(codes(validate('patients', { country: 'NL', mobile: '06 12345678' }))).toEqual([]);
    expect(codes(validate('patients', { country: 'BE', mobile: '06 12345678' }))).toEqual(['phone_invalid']);
  });

  it('reports a retired code with the date it ended', () => {
    const { defects } = validate('treatments', { riziv_code: '371556', date: '01/05/2019' });
    expect(defects[0]?.message).toBe(
      'Nomenclature code 371556 was no longer valid on 01/05/2019 (it ended on 31/01/2018).',
    );
  });

  it('allows an empty nomenclature code (a non-reimbursed treatment)', () => {
    expect(validate('treatments', { riziv_code: '', fee: '250,00' }).defects).toEqual([]);
  });

  it('reports both a bad check digit and an unknown code on a treatment', () => {
    expect(codes(validate('treatments', { riziv_code: '301012' }))).toEqual([
      'riziv_checkdigit',
      'riziv_not_valid_on_date',
    ]);
  });

  it('skips nomenclature validity when the treatment date is invalid', () => {
    expect(codes(validate('treatments', { riziv_code: '371556', date: '31/02/2019' }))).toEqual(['date_invalid']);
  });
});

describe('date_format_mixed', () => {
  const dominantPatterns = new Map([['birth_date', 'd/M/yyyy']]);

  it('is reported for a date in another pattern family than the column', () => {
    const { defects } = validate('patients', { birth_date: '1987-03-14' }, { dominantPatterns });
    expect(defects).toHaveLength(1);
    expect(defects[0]).toMatchObject({ code: 'date_format_mixed', column: 'Geboortedatum', severity: 'warning' });
  });

  it('is not reported for padding differences, or without dominant patterns', () => {
    expect(validate('patients', { birth_date: '4/03/1987', insz: '' }, { dominantPatterns }).defects).toEqual([]);
    expect(validate('patients', { birth_date: '1987-03-14' }).defects).toEqual([]);
  });

  it('compares the date part of timestamps', () => {
    const patterns = new Map([['start', 'd/M/yyyy']]);
    expect(codes(validate('appointments', { start: '2025-01-14T09:00:00' }, { dominantPatterns: patterns }))).toEqual([
      'date_format_mixed',
    ]);
    expect(validate('appointments', { start: '14/01/2025 09:00:00' }, { dominantPatterns: patterns }).defects).toEqual(
      [],
    );
  });
});

describe('createPatternTracker', () => {
  it('finds the dominant family of each date column', () => {
    const tracker = createPatternTracker('patients');
    for (const birth of ['14/03/1987', '3/07/2023', '1/01/2000', '1987-03-14']) {
      tracker.observe({ birth_date: birth, created_at: '2011-09-02 10:14' });
    }
    tracker.observe({ birth_date: 'onbekend', created_at: '' });
    expect(tracker.dominantPatterns()).toEqual(
      new Map([
        ['birth_date', 'd/M/yyyy'],
        ['created_at', 'yyyy-MM-dd'],
      ]),
    );
  });

  it('leaves out columns without readable dates', () => {
    const tracker = createPatternTracker('notes');
    tracker.observe({ date: '' });
    expect(tracker.dominantPatterns().size).toBe(0);
  });
});

describe('refs', () => {
  it('gives a patient its INSZ, name-and-birth key, family head and dentist', () => {
    expect(
      validate('patients', { last_name: 'Van den Broeck', first_name: 'Élodie', family_head_id: ' 1004 ' }).refs,
    ).toEqual({
      insz: '87031412443',
      nameBirth: 'vandenbroeck|elodie|1987-03-14',
      patient: '1004',
      providers: ['TDM'],
    });
  });

  it('leaves keys out when the values are unusable', () => {
    expect(validate('patients', { insz: '87031412444', birth_date: '', dentist: '' }).refs).toEqual({});
  });

  it('normalises a restored INSZ', () => {
    expect(validate('patients', { insz: '87.03.14-124.43' }).refs.insz).toBe('87031412443');
  });

  it('gives treatments, plans, notes their patient and providers', () => {
    expect(validate('treatments').refs).toEqual({ patient: '1001', providers: ['TDM'] });
    expect(validate('care_plans').refs).toEqual({ patient: '1001', providers: ['TDM'] });
    expect(validate('notes').refs).toEqual({ patient: '1001', providers: ['TDM'] });
    expect(validate('care_plan_lines').refs).toEqual({ plan: 'P700' });
  });

  it('gives appointments both provider and creator, and no patient for a blocked slot', () => {
    expect(validate('appointments').refs).toEqual({ patient: '1001', providers: ['TDM', 'AS1'] });
    expect(validate('appointments', { patient_id: '', created_by: 'TDM' }).refs).toEqual({ providers: ['TDM'] });
  });

  it('joins the document folder and file name with forward slashes', () => {
    expect(validate('documents').refs).toEqual({ patient: '1001', documentPath: 'rx/1001/1001_20250114_BW_L.dcm' });
    expect(validate('documents', { relative_path: '.\\docs\\\\1003', file_name: 'a.pdf' }).refs.documentPath).toBe(
      'docs/1003/a.pdf',
    );
    expect(validate('documents', { relative_path: '', file_name: '' }).refs.documentPath).toBeUndefined();
  });

  it('has none for users and insurers', () => {
    expect(validate('users').refs).toEqual({});
    expect(validate('insurers').refs).toEqual({});
  });
});
