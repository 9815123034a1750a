import { describe, expect, it } from 'vitest';
import { applyTransform } from '../../../src/mapping/transforms/index.js';
import type { TransformContext } from '../../../src/mapping/transforms/types.js';

const run = (name: string, values: (string | null)[], args = {}, context: TransformContext = {}) =>
  applyTransform(name, args, values, context);

describe('date', () => {
  it.each([
    ['14/03/1987', '1987-03-14'],
    ['3/07/1923', '1923-07-03'],
    ['14-03-1987', '1987-03-14'],
    ['1987-03-14', '1987-03-14'],
    ['02/09/2011 10:14', '2011-09-02'],
  ])('reads %s day-first as %s', (cell, iso) => {
    expect(run('date', [cell])).toEqual({ ok: true, value: iso });
  });
  it('expands a two-digit year around the export year', () => {
    expect(run('date', ['3/07/23'], {}, { referenceYear: 2025 })).toEqual({ ok: true, value: '2023-07-03' });
    expect(run('date', ['3/07/52'], {}, { referenceYear: 2025 })).toEqual({ ok: true, value: '1952-07-03' });
  });
  it('reports impossible, month-first, placeholder and non-dates', () => {
    for (const cell of ['31/02/2020', '03/14/1987', '00/00/0000', 'gisteren']) {
      expect(run('date', [cell])).toMatchObject({ ok: false, defect: { code: 'date_invalid', severity: 'error' } });
    }
    expect(run('date', ['03/14/1987'])).toMatchObject({ defect: { message: expect.stringContaining('month-first') } });
  });
});

describe('timestamp', () => {
  it('reads Brussels wall time and gives UTC (summer and winter)', () => {
    expect(run('timestamp', ['02/09/2011 10:14'])).toEqual({ ok: true, value: '2011-09-02T08:14:00Z' });
    expect(run('timestamp', ['14/01/2025 09:00'])).toEqual({ ok: true, value: '2025-01-14T08:00:00Z' });
  });
  it('honours an offset written in the value', () => {
    expect(run('timestamp', ['2025-01-14T09:00:00Z'])).toEqual({ ok: true, value: '2025-01-14T09:00:00Z' });
    expect(run('timestamp', ['2025-07-14T09:00:00+02:00'])).toEqual({ ok: true, value: '2025-07-14T07:00:00Z' });
  });
  it('flags a wall time that happens twice on the autumn DST day', () => {
    const result = run('timestamp', ['27/10/2024 02:30']);
    expect(result).toMatchObject({ ok: true, value: '2024-10-27T00:30:00Z', warnings: [{ code: 'time_ambiguous' }] });
  });
  it('reports a value that is not a timestamp', () => {
    expect(run('timestamp', ['14/01/2025 25:00'])).toMatchObject({ ok: false, defect: { code: 'date_invalid' } });
  });
});

describe('brussels_to_utc', () => {
  it('gives UTC due_date and due_time (HH:MM)', () => {
    expect(run('brussels_to_utc', ['14/01/2025 09:00'])).toEqual({ ok: true, value: ['2025-01-14', '08:00'] });
    expect(run('brussels_to_utc', ['03/02/2025 00:30'])).toEqual({ ok: true, value: ['2025-02-02', '23:30'] });
  });
  it('gives an all-day activity for a date without time', () => {
    expect(run('brussels_to_utc', ['14/01/2025'])).toEqual({ ok: true, value: ['2025-01-14', null] });
  });
  it('moves a wall time that does not exist (spring DST) forward and flags it', () => {
    const result = run('brussels_to_utc', ['31/03/2024 02:30']);
    expect(result).toMatchObject({ ok: true, value: ['2024-03-31', '01:30'], warnings: [{ code: 'time_ambiguous' }] });
  });
  it('reports a start that is not a date and time', () => {
    expect(run('brussels_to_utc', ['morgen'])).toMatchObject({ ok: false, defect: { code: 'date_invalid' } });
  });
});

describe('appointment_done', () => {
  const args = { done: ['Aanwezig', 'Présent'] };
  const now = new Date('2025-11-01T12:00:00Z');
  it('is done when the patient was there', () => {
    expect(run('appointment_done', ['05/11/2025 16:00', 'aanwezig'], args, { now })).toEqual({ ok: true, value: true });
  });
  it('is done when it lies in the past, open when it lies ahead', () => {
    expect(run('appointment_done', ['17/03/2025 10:00', 'Afgezegd'], args, { now })).toEqual({ ok: true, value: true });
    expect(run('appointment_done', ['05/11/2025 16:00', 'Gepland'], args, { now })).toEqual({ ok: true, value: false });
  });
  it('decides by status only without a clock', () => {
    expect(run('appointment_done', ['17/03/2025 10:00', 'Gepland'], args)).toEqual({ ok: true, value: false });
  });
});

describe('rrule_occurrences', () => {
  it('expands a counted series in Brussels time, across the DST change', () => {
    const result = run('rrule_occurrences', ['FREQ=WEEKLY;BYDAY=MO;COUNT=25', '03/11/2025 12:00']);
    expect(result.ok).toBe(true);
    const list = result.ok ? (result.value as string[]) : [];
    expect(list).toHaveLength(25);
    expect(list[0]).toBe('2025-11-03T11:00:00Z');
    expect(list[24]).toBe('2026-04-20T10:00:00Z');
  });
  it('cuts an open-ended series at the horizon', () => {
    const result = run('rrule_occurrences', ['FREQ=DAILY', '01/01/2025 08:00'], { horizonDays: 7 });
    expect(result.ok && (result.value as string[]).length).toBe(8);
    const capped = run('rrule_occurrences', ['RRULE:FREQ=DAILY', '01/01/2025 08:00'], { max: 10 });
    expect(capped.ok && (capped.value as string[]).length).toBe(10);
  });
  it('gives nothing for an appointment that is not a series', () => {
    expect(run('rrule_occurrences', ['', '01/01/2025 08:00'])).toEqual({ ok: true, value: null });
  });
  it('reports an unreadable rule or a missing start', () => {
    expect(run('rrule_occurrences', ['elke maandag', '01/01/2025 08:00'])).toMatchObject({
      ok: false,
      defect: { code: 'recurrence_invalid' },
    });
    expect(run('rrule_occurrences', ['FREQ=DAILY', ''])).toMatchObject({
      ok: false,
      defect: { code: 'recurrence_invalid' },
    });
  });
});
