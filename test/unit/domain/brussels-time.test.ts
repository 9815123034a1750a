import { describe, expect, it } from 'vitest';
import { brusselsOffsetAt } from '../../../src/domain/brussels-time.js';
import { brusselsToUtc } from '../../../src/domain/dates.js';

describe('brusselsToUtc', () => {
  it('converts winter and summer wall time', () => {
    expect(brusselsToUtc('2025-01-14', '09:00')).toEqual({ utc: '2025-01-14T08:00:00Z', status: 'ok' });
    expect(brusselsToUtc('2025-07-14', '09:00:30')).toEqual({ utc: '2025-07-14T07:00:30Z', status: 'ok' });
  });

  it('flags the hour that happens twice in October and takes its first occurrence', () => {
    expect(brusselsToUtc('2024-10-27', '02:30')).toEqual({ utc: '2024-10-27T00:30:00Z', status: 'ambiguous' });
    expect(brusselsToUtc('2024-10-27', '03:00')).toEqual({ utc: '2024-10-27T02:00:00Z', status: 'ok' });
    expect(brusselsToUtc('2024-10-27', '01:59')).toEqual({ utc: '2024-10-26T23:59:00Z', status: 'ok' });
  });

  it('flags the hour that never happens in March and moves it forward', () => {
    expect(brusselsToUtc('2025-03-30', '02:30')).toEqual({ utc: '2025-03-30T01:30:00Z', status: 'nonexistent' });
    expect(brusselsToUtc('2025-03-30', '03:00')).toEqual({ utc: '2025-03-30T01:00:00Z', status: 'ok' });
    expect(brusselsToUtc('2025-03-30', '01:59')).toEqual({ utc: '2025-03-30T00:59:00Z', status: 'ok' });
  });

  it('handles years without summer time and the turn of the year', () => {
    expect(brusselsToUtc('1960-07-01', '12:00')).toEqual({ utc: '1960-07-01T11:00:00Z', status: 'ok' });
    expect(brusselsToUtc('2025-01-01', '00:30')).toEqual({ utc: '2024-12-31T23:30:00Z', status: 'ok' });
  });

  it('refuses inputs that are not ISO date and time', () => {
    expect(() => brusselsToUtc('14/01/2025', '09:00')).toThrow(RangeError);
    expect(() => brusselsToUtc('2025-01-14', '9h')).toThrow(RangeError);
  });
});

describe('brusselsOffsetAt', () => {
  it('changes exactly at 01:00 UTC on the transition Sundays', () => {
    expect(brusselsOffsetAt(Date.UTC(2025, 2, 30, 0, 59))).toBe(3_600_000);
    expect(brusselsOffsetAt(Date.UTC(2025, 2, 30, 1, 0))).toBe(7_200_000);
    expect(brusselsOffsetAt(Date.UTC(2025, 9, 26, 0, 59))).toBe(7_200_000);
    expect(brusselsOffsetAt(Date.UTC(2025, 9, 26, 1, 0))).toBe(3_600_000);
  });
});
