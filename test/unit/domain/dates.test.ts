import { describe, expect, it } from 'vitest';
import { dateNumberOfIso, isoOfDateNumber, quickDayFirstDate } from '../../../src/domain/date-numbers.js';
import {
  datePatternFamily,
  expandTwoDigitYear,
  parseDate,
  parseTimestamp,
  patternOf,
} from '../../../src/domain/dates.js';

const REF = 2025;

describe('parseDate', () => {
  it.each([
    ['14/03/1987', '1987-03-14', 'dd/MM/yyyy'],
    ['3/07/2023', '2023-07-03', 'd/MM/yyyy'],
    ['3/7/2023', '2023-07-03', 'd/M/yyyy'],
    ['14-03-1987', '1987-03-14', 'dd-MM-yyyy'],
    ['14.03.1987', '1987-03-14', 'dd.MM.yyyy'],
    ['1987-03-14', '1987-03-14', 'yyyy-MM-dd'],
    ['14/03/87', '1987-03-14', 'dd/MM/yy'],
    ['3/07/23', '2023-07-03', 'd/MM/yy'],
    [' 29/02/2024 ', '2024-02-29', 'dd/MM/yyyy'],
  ])('%s → %s (%s)', (raw, iso, pattern) => {
    expect(parseDate(raw, REF)).toEqual({ ok: true, iso, pattern });
  });

  it('rejects dates that do not exist', () => {
    expect(parseDate('31/02/2020', REF)).toEqual({ ok: false, error: 'impossible' });
    expect(parseDate('29/02/2023', REF)).toMatchObject({ error: 'impossible' });
    expect(parseDate('29/02/1900', REF)).toMatchObject({ error: 'impossible' });
    expect(parseDate('00/03/1987', REF)).toMatchObject({ error: 'impossible' });
    expect(parseDate('14/00/1987', REF)).toMatchObject({ error: 'impossible' });
    expect(parseDate('1987-02-30', REF)).toMatchObject({ error: 'impossible' });
    expect(parseDate('14/03/0987', REF)).toMatchObject({ error: 'impossible' });
  });

  it('calls the all-zero placeholder "zero"', () => {
    expect(parseDate('00/00/0000', REF)).toEqual({ ok: false, error: 'zero' });
    expect(parseDate('0000-00-00', REF)).toEqual({ ok: false, error: 'zero' });
  });

  it('never swaps US month-first dates, but hints at them', () => {
    expect(parseDate('03/14/1987', REF)).toEqual({ ok: false, error: 'impossible', hint: 'month_first' });
    expect(parseDate('14/13/1987', REF)).toEqual({ ok: false, error: 'impossible' });
    // 03/04/1987 is simply 3 April: day first is the convention
    expect(parseDate('03/04/1987', REF)).toMatchObject({ iso: '1987-04-03' });
  });

  it('rejects text, mixed separators, times and odd shapes', () => {
    for (const raw of [
      '',
      'gisteren',
      '14/03-1987',
      '14/03/1987 10:00',
      '1987/03/14',
      '14/03/198',
      '143/03/1987',
      '14//1987',
      '1987-3-14',
    ]) {
      expect(parseDate(raw, REF)).toEqual({ ok: false, error: 'unparseable' });
    }
  });
});

describe('expandTwoDigitYear', () => {
  it('pivots at the reference year + 1', () => {
    expect(expandTwoDigitYear(26, 2025)).toBe(2026);
    expect(expandTwoDigitYear(27, 2025)).toBe(1927);
    expect(expandTwoDigitYear(0, 2025)).toBe(2000);
    expect(expandTwoDigitYear(99, 2025)).toBe(1999);
  });

  it('is used by parseDate with its reference year', () => {
    expect(parseDate('01/01/27', 2025)).toMatchObject({ iso: '1927-01-01' });
    expect(parseDate('01/01/27', 2026)).toMatchObject({ iso: '2027-01-01' });
  });
});

describe('patternOf and datePatternFamily', () => {
  it('gives the pattern without checking the calendar', () => {
    expect(patternOf('31/02/2020')).toBe('dd/MM/yyyy');
    expect(patternOf('3/07/23')).toBe('d/MM/yy');
    expect(patternOf('14/01/2025 09:00')).toBe('dd/MM/yyyy');
    expect(patternOf('2025-01-14T09:00:00Z')).toBe('yyyy-MM-dd');
    expect(patternOf('n/a')).toBeNull();
    expect(patternOf('14/01/2025x')).toBeNull();
  });

  it('folds padding and time away, but keeps separators, order and year length', () => {
    expect(datePatternFamily('dd/MM/yyyy')).toBe('d/M/yyyy');
    expect(datePatternFamily('d/MM/yyyy')).toBe('d/M/yyyy');
    expect(datePatternFamily('dd/MM/yyyy HH:mm:ss')).toBe('d/M/yyyy');
    expect(datePatternFamily('dd/MM/yy')).toBe('d/M/yy');
    expect(datePatternFamily('dd-MM-yyyy')).toBe('d-M-yyyy');
    expect(datePatternFamily('yyyy-MM-ddTHH:mm:ss')).toBe('yyyy-MM-dd');
  });
});

describe('parseTimestamp', () => {
  it('reads Belgian timestamps as wall time', () => {
    expect(parseTimestamp('14/01/2025 09:00', REF)).toEqual({
      ok: true,
      date: '2025-01-14',
      time: '09:00:00',
      pattern: 'dd/MM/yyyy HH:mm',
      offsetMinutes: null,
    });
    expect(parseTimestamp('3/07/2023 9:05:30', REF)).toMatchObject({
      date: '2023-07-03',
      time: '09:05:30',
      pattern: 'd/MM/yyyy H:mm:ss',
    });
  });

  it('reads ISO timestamps with and without offsets', () => {
    expect(parseTimestamp('2025-01-14T09:00:00Z', REF)).toMatchObject({ time: '09:00:00', offsetMinutes: 0 });
    expect(parseTimestamp('2025-01-14T09:00:00.123+02:00', REF)).toMatchObject({ offsetMinutes: 120 });
    expect(parseTimestamp('2025-01-14T09:00-0130', REF)).toMatchObject({ offsetMinutes: -90 });
    expect(parseTimestamp('2025-01-14 09:00:00', REF)).toMatchObject({
      pattern: 'yyyy-MM-dd HH:mm:ss',
      offsetMinutes: null,
    });
  });

  it('accepts a date alone as midnight', () => {
    expect(parseTimestamp('14/01/2025', REF)).toMatchObject({
      date: '2025-01-14',
      time: '00:00:00',
      pattern: 'dd/MM/yyyy',
    });
  });

  it('rejects impossible clock times and dates', () => {
    expect(parseTimestamp('14/01/2025 24:00', REF)).toMatchObject({ error: 'impossible' });
    expect(parseTimestamp('14/01/2025 12:60', REF)).toMatchObject({ error: 'impossible' });
    expect(parseTimestamp('31/02/2025 12:00', REF)).toMatchObject({ error: 'impossible' });
    expect(parseTimestamp('01/13/2025 12:00', REF)).toMatchObject({ error: 'impossible', hint: 'month_first' });
    expect(parseTimestamp('00/00/0000 00:00', REF)).toMatchObject({ error: 'zero' });
  });

  it('rejects malformed times', () => {
    for (const raw of [
      '14/01/2025 9h00',
      '14/01/2025 09:0',
      '14/01/2025T09:00',
      '14/01/2025 09:00Z',
      '2025-01-14T09:00+1',
      'x',
    ]) {
      expect(parseTimestamp(raw, REF)).toMatchObject({ ok: false, error: 'unparseable' });
    }
  });
});

describe('quickDayFirstDate', () => {
  /** What the full parsers say, as the quick reader would say it (-1: not its to answer). */
  function expected(value: string, withTime: boolean): number {
    // Surrounding whitespace is left to the full parsers, which trim it.
    if (value !== value.trim() || (value.length === 16 && !withTime)) return -1;
    const parsed = withTime ? parseTimestamp(value, REF) : parseDate(value, REF);
    if (!parsed.ok || !/^dd\/MM\/yyyy( HH:mm)?$/.test(parsed.pattern)) return -1;
    return dateNumberOfIso('iso' in parsed ? parsed.iso : parsed.date);
  }

  it('reads dd/MM/yyyy and dd/MM/yyyy HH:mm as the full parsers do', () => {
    const values = [
      '14/03/1987',
      '29/02/2024',
      '29/02/2023',
      '31/04/2020',
      '00/00/0000',
      '01/13/2025',
      '32/01/2025',
      '01/01/1799',
      '01/01/1800',
      '31/12/9999',
      '14/03/1987 09:30',
      '14/03/1987 23:59',
      '14/03/1987 24:00',
      '14/03/1987 12:60',
      '14/03/1987T09:30',
      '14/03/1987 9:30',
      '14-03-1987',
      '3/07/2023',
      '14/03/87',
      ' 14/03/1987',
      '14/03/1987 ',
      '1987-03-14',
      '14/03/1987 09:30:00',
      '14/0x/1987',
      'ab/cd/efgh',
      '14/03/198',
      '',
      '14/03/1987  9:30',
    ];
    for (const value of values) {
      for (const withTime of [false, true]) {
        expect([value, withTime, quickDayFirstDate(value, withTime)]).toEqual([
          value,
          withTime,
          expected(value, withTime),
        ]);
      }
    }
  });

  it('agrees with the full parsers on every day of two centuries', () => {
    for (let day = Date.UTC(1899, 0, 1); day < Date.UTC(2101, 0, 1); day += 86_400_000 * 3) {
      const iso = new Date(day).toISOString().slice(0, 10);
      const value = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      expect(quickDayFirstDate(value, false)).toBe(dateNumberOfIso(iso));
      expect(quickDayFirstDate(`${value} 07:05`, true)).toBe(dateNumberOfIso(iso));
      expect(isoOfDateNumber(quickDayFirstDate(value, false))).toBe(iso);
    }
  });
});
