import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CHINA_HOLIDAYS } from './china-holidays';
import { addDays, dayOfWeek, IsoDate } from './cst-date';
import { CalendarYearNotCoveredError, defaultCalendar, WorkingDayCalendar, WorkingDayCalendarData } from './working-days';

const cal = defaultCalendar;
const cst = (isoLocal: string): Date => new Date(`${isoLocal}+08:00`);
const deadline = (day: IsoDate): Date => cst(`${day}T23:59:59.999`);

function workingDaysIn(year: number): number {
  let count = 0;
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    if (cal.isWorkingDay(day)) count++;
  }
  return count;
}

describe('China holiday data', () => {
  it('covers 2025, 2026 and 2027, with only 2027 provisional', () => {
    expect(cal.coveredYears).toEqual([2025, 2026, 2027]);
    expect(cal.yearInfo('2025-06-01').provisional).toBe(false);
    expect(cal.yearInfo('2026-06-01').provisional).toBe(false);
    expect(cal.yearInfo('2027-06-01')).toMatchObject({ year: 2027, provisional: true });
    expect(cal.yearInfo('2027-06-01').source).toMatch(/PROVISIONAL/);
  });

  it('cites the State Council notices', () => {
    expect(CHINA_HOLIDAYS[2025]!.source).toMatch(/国务院办公厅关于2025年部分节假日安排的通知/);
    expect(CHINA_HOLIDAYS[2026]!.source).toMatch(/国务院办公厅关于2026年部分节假日安排的通知/);
  });

  // Hand count: 261 weekdays − weekday holidays + adjusted working weekends.
  it.each([
    [2025, 248], // 261 − 18 + 5
    [2026, 248], // 261 − 19 + 6
    [2027, 248], // 261 − 13 (every statutory day is a weekday or has a weekday substitute) + 0
  ])('%i has %i working days', (year, expected) => {
    expect(workingDaysIn(year)).toBe(expected);
  });

  it('holds the 13 statutory days of the 2024 放假办法 for provisional 2027, substitutes included, no 调休 weekends', () => {
    const weekdayHolidays = CHINA_HOLIDAYS[2027]!.holidays.filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
    expect(weekdayHolidays).toHaveLength(13);
    expect(CHINA_HOLIDAYS[2027]!.workdays).toEqual([]);
    // 正月初一 2027 is Sat 02-06 (new moon 23:56 CST that day), so 除夕 is Fri 02-05.
    expect(['2027-02-04', '2027-02-05', '2027-02-11'].map((d) => cal.isWorkingDay(d))).toEqual([true, false, true]);
  });

  it.each([
    ['2025-01-26', 'Sunday before Spring Festival 2025'],
    ['2025-02-08', 'Saturday after Spring Festival 2025'],
    ['2025-04-27', 'Sunday before Labour Day 2025'],
    ['2025-09-28', 'Sunday before National Day 2025'],
    ['2025-10-11', 'Saturday after National Day 2025'],
    ['2026-01-04', 'Sunday after New Year 2026'],
    ['2026-02-14', 'Saturday before Spring Festival 2026'],
    ['2026-02-28', 'Saturday after Spring Festival 2026'],
    ['2026-05-09', 'Saturday after Labour Day 2026'],
    ['2026-09-20', 'Sunday before National Day 2026'],
    ['2026-10-10', 'Saturday after National Day 2026'],
  ])('%s (%s) is an adjusted working day', (day) => {
    expect([0, 6]).toContain(dayOfWeek(day));
    expect(cal.isWorkingDay(day)).toBe(true);
  });

  it.each([
    ['2025-01-28', '除夕 2025 (Tue)'],
    ['2025-02-04', 'last day of Spring Festival 2025 (Tue)'],
    ['2025-05-02', 'added Labour Day holiday (Fri)'],
    ['2025-10-08', 'last day of National Day/Mid-Autumn 2025 (Wed)'],
    ['2026-02-23', 'last day of Spring Festival 2026 (Mon)'],
    ['2026-09-25', 'Mid-Autumn 2026 (Fri)'],
    ['2026-10-07', 'last day of National Day 2026 (Wed)'],
  ])('%s (%s) is a holiday', (day) => {
    expect(cal.isWorkingDay(day)).toBe(false);
  });

  it('treats ordinary weekdays as working and ordinary weekends as not', () => {
    expect(cal.isWorkingDay('2025-03-12')).toBe(true); // Wed
    expect(cal.isWorkingDay('2025-03-15')).toBe(false); // Sat
    expect(cal.isWorkingDay('2025-03-16')).toBe(false); // Sun
  });
});

describe('addWorkingDays (deadline = end of the n-th working day after the start day, CST)', () => {
  it('5 working days from Tue 2025-09-30 skip National Day/Mid-Autumn and count Sat 10-11', () => {
    // 10-01…10-08 holiday; 10-09 Thu, 10-10 Fri, 10-11 Sat (working), 10-13 Mon, 10-14 Tue
    expect(cal.addWorkingDays(cst('2025-09-30T10:00'), 5)).toEqual(deadline('2025-10-14'));
  });

  it('5 working days from Fri 2025-09-26 count Sun 09-28', () => {
    // 09-28 Sun (working), 09-29 Mon, 09-30 Tue, 10-09 Thu, 10-10 Fri
    expect(cal.addWorkingDays(cst('2025-09-26T17:30'), 5)).toEqual(deadline('2025-10-10'));
  });

  it('5 working days from Fri 2025-03-14 in an ordinary week end next Friday', () => {
    expect(cal.addWorkingDays(cst('2025-03-14T09:00'), 5)).toEqual(deadline('2025-03-21'));
  });

  it('crosses Spring Festival 2025', () => {
    // 01-26 Sun (working), 01-27 Mon, [01-28…02-04], 02-05 Wed, 02-06 Thu, 02-07 Fri, 02-08 Sat (working)
    expect(cal.addWorkingDays(cst('2025-01-24T12:00'), 5)).toEqual(deadline('2025-02-07'));
    expect(cal.addWorkingDays(cst('2025-01-24T12:00'), 6)).toEqual(deadline('2025-02-08'));
  });

  it('crosses Spring Festival 2026', () => {
    // 02-13 Fri, 02-14 Sat (working), [02-15…02-23], 02-24 Tue, 02-25 Wed, 02-26 Thu, 02-27 Fri, 02-28 Sat (working)
    expect(cal.addWorkingDays(cst('2026-02-12T12:00'), 5)).toEqual(deadline('2026-02-26'));
    expect(cal.addWorkingDays(cst('2026-02-12T12:00'), 7)).toEqual(deadline('2026-02-28'));
  });

  it('crosses the year boundary into the New Year 2026 adjusted Sunday', () => {
    expect(cal.addWorkingDays(cst('2025-12-31T18:00'), 1)).toEqual(deadline('2026-01-04'));
  });

  it('does not count a filing made on a holiday or weekend', () => {
    expect(cal.addWorkingDays('2025-10-03', 1)).toEqual(deadline('2025-10-09'));
    expect(cal.addWorkingDays('2025-03-15', 1)).toEqual(deadline('2025-03-17'));
  });

  it('reads a Date in China Standard Time, not UTC', () => {
    // 2025-09-27T15:59Z is Sat 23:59 CST → next working day Sun 09-28; one minute later it is Sun → Mon 09-29.
    expect(cal.addWorkingDays(new Date('2025-09-27T15:59:00Z'), 1)).toEqual(deadline('2025-09-28'));
    expect(cal.addWorkingDays(new Date('2025-09-27T16:00:00Z'), 1)).toEqual(deadline('2025-09-29'));
    expect(deadline('2025-09-28').toISOString()).toBe('2025-09-28T15:59:59.999Z');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects n = %p', (n) => {
    expect(() => cal.addWorkingDays('2025-03-14', n)).toThrow(RangeError);
  });
});

describe('nextWorkingDay and workingDaysBetween', () => {
  it('finds the next working day strictly after the day', () => {
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(cal.nextWorkingDay('2025-09-27')).toBe('2025-09-28');
    expect(cal.nextWorkingDay(cst('2025-03-14T23:59:59.999'))).toBe('2025-03-17');
  });

  it('counts working days after a up to and including b', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-30', '2025-09-30')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-14', '2025-09-30')).toBe(-5);
    expect(cal.workingDaysBetween(cst('2025-01-24T08:00'), cst('2025-02-08T08:00'))).toBe(6);
  });

  it('is the inverse of addWorkingDays and lands on working days', () => {
    const start = fc.integer({ min: 0, max: 2 * 365 - 1 }).map((offset) => addDays('2025-01-01', offset));
    const instant = fc
      .tuple(start, fc.integer({ min: 0, max: 24 * 60 - 1 }))
      .map(([day, minute]) =>
        cst(`${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`),
      );
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const due = cal.addWorkingDays(from, n);
        expect(cal.workingDaysBetween(from, due)).toBe(n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due.getTime() % 1000).toBe(999);
      }),
    );
  });
});

describe('coverage and replaceable data', () => {
  it('throws an error naming the year outside the data', () => {
    expect(() => cal.isWorkingDay('2024-12-31')).toThrow(CalendarYearNotCoveredError);
    expect(() => cal.isWorkingDay('2024-12-31')).toThrow(/2024/);
    expect(() => cal.addWorkingDays('2027-12-28', 5)).toThrow(/no working-day calendar data for 2028/);
    expect(() => cal.workingDaysBetween('2024-12-30', '2025-01-03')).toThrow(/2024/);
  });

  it('builds from a plain object', () => {
    const data: WorkingDayCalendarData = {
      2030: { holidays: ['2030-01-01'], workdays: ['2030-01-05'], source: 'test data' },
    };
    const custom = new WorkingDayCalendar(data);
    expect(custom.coveredYears).toEqual([2030]);
    expect(custom.isWorkingDay('2030-01-01')).toBe(false); // Tue holiday
    expect(custom.isWorkingDay('2030-01-05')).toBe(true); // Sat working
    expect(custom.addWorkingDays('2029-12-31', 1)).toEqual(deadline('2030-01-02'));
    expect(() => custom.isWorkingDay('2025-10-01')).toThrow(/2025/);
  });

  it.each<[string, WorkingDayCalendarData, RegExp]>([
    ['a date outside its year', { 2030: { holidays: ['2031-01-01'], workdays: [], source: 's' } }, /not a date in 2030/],
    ['an impossible date', { 2030: { holidays: ['2030-02-30'], workdays: [], source: 's' } }, /not a date in 2030/],
    [
      'a weekday as adjusted working day',
      { 2030: { holidays: [], workdays: ['2030-01-07'], source: 's' } },
      /not a Saturday or Sunday/,
    ],
    ['a day in both lists', { 2030: { holidays: ['2030-01-05'], workdays: ['2030-01-05'], source: 's' } }, /both/],
    ['a duplicate', { 2030: { holidays: ['2030-01-01', '2030-01-01'], workdays: [], source: 's' } }, /twice/],
    ['a key that is not a year', { '20x0': { holidays: [], workdays: [], source: 's' } }, /not a year/],
  ])('rejects data with %s', (_case, data, message) => {
    expect(() => new WorkingDayCalendar(data)).toThrow(message);
  });

  it('rejects malformed dates and invalid Date objects', () => {
    expect(() => cal.isWorkingDay('2025-9-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('repair time limits pinned to rule_parameters.tsv', () => {
  const fixture = join(__dirname, '../../../../test/fixtures/reference-data/rule_parameters.tsv');
  const lines = readFileSync(fixture, 'utf8').split('\n');
  const value = (line: number, parameter: string): string => {
    const [area, name, text] = lines[line - 1]!.split('\t');
    expect({ area, name }).toEqual({ area: 'credit_repair_sla', name: parameter });
    return text!;
  };

  it('rule_parameters.tsv line 8 (credit_repair_sla, authority decision): 3 working days across National Day 2025', () => {
    expect(value(8, 'authority decision')).toBe('decide within 3 working days of receipt');
    // received Sun 09-28 (itself a working day, not counted) → 09-29, 09-30, 10-09
    expect(cal.addWorkingDays(cst('2025-09-28T15:00'), 3)).toEqual(deadline('2025-10-09'));
  });

  it('rule_parameters.tsv line 7 (credit_repair_sla, Credit China feedback): 10 working days over Spring Festival 2026', () => {
    expect(value(7, 'Credit China forwarding/feedback')).toBe('feedback to applicant within 10 working days of application');
    // applied Tue 02-10 → 02-11, 02-12, 02-13, 02-14 (Sat), [02-15…02-23], 02-24, 02-25, 02-26, 02-27, 02-28 (Sat), 03-02
    expect(cal.addWorkingDays(cst('2026-02-10T11:00'), 10)).toEqual(deadline('2026-03-02'));
  });
});
