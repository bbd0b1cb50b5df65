import fc from 'fast-check';
import {
  addCalendarMonths,
  addDays,
  cstDateOf,
  dayOfWeek,
  endOfCstDay,
  parseIsoDate,
  startOfCstDay,
  toIsoDate,
} from './cst-date';

describe('China Standard Time calendar days', () => {
  it('reads an instant in UTC+8', () => {
    expect(cstDateOf(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(cstDateOf(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
    expect(toIsoDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('gives the first and last instant of a CST day', () => {
    expect(startOfCstDay('2025-10-01').toISOString()).toBe('2025-09-30T16:00:00.000Z');
    expect(endOfCstDay('2025-10-01').toISOString()).toBe('2025-10-01T15:59:59.999Z');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', '']) {
      expect(parseIsoDate(bad)).toBeNull();
    }
    expect(() => toIsoDate('2025-02-29')).toThrow(RangeError);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(dayOfWeek('2025-09-28')).toBe(0);
  });

  // 民法典 第二百零二条: no corresponding day in the final month → that month's last day.
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2025-03-10', 3, '2025-06-10'],
    ['2025-08-31', 36, '2028-08-31'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addCalendarMonths(from, months)).toBe(expected);
  });

  it('keeps the day of month when the target month has it', () => {
    const day = fc
      .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (from, months) => {
        const to = addCalendarMonths(from, months);
        expect(to.slice(8)).toBe(from.slice(8));
        expect(addCalendarMonths(to, -months)).toBe(from);
      }),
    );
  });
});
