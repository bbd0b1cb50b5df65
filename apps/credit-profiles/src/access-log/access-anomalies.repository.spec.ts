import { offHoursFlags, type DayActivity } from './access-anomalies.repository';

const day = (d: Partial<DayActivity>): DayActivity => ({
  org: 'sz-tax',
  user: 'sz-tax:wang',
  day: '2026-11-25',
  nightQueries: 0,
  nightSubjects: 0,
  queries: 0,
  subjects: 0,
  firstAt: '2026-11-25T00:00:00.000Z',
  lastAt: '2026-11-25T12:00:00.000Z',
  ...d,
});

describe('off-hours bulk flags', () => {
  it('counts night queries on a working day and every query on a rest day', () => {
    const flags = offHoursFlags(
      [
        day({ day: '2026-11-25', nightQueries: 25, nightSubjects: 20, queries: 300, subjects: 250 }), // Wednesday
        day({ day: '2026-11-26', nightQueries: 5, queries: 300 }), // Thursday, busy by day: fine
        day({ day: '2026-11-29', nightQueries: 0, queries: 30, subjects: 30 }), // Sunday
        day({ day: '2026-10-01', queries: 21, subjects: 3 }), // National Day holiday
      ],
      20,
    );
    expect(flags.map((f) => [f.day, f.queries, f.subjects])).toEqual([
      ['2026-11-25', 25, 20],
      ['2026-11-29', 30, 30],
      ['2026-10-01', 21, 3],
    ]);
    expect(flags.every((f) => f.kind === 'off_hours_bulk')).toBe(true);
  });

  it('judges by the hour alone in a year the calendar does not cover', () => {
    expect(offHoursFlags([day({ day: '2031-06-01', nightQueries: 1, queries: 50 })], 20)).toEqual([]);
  });
});
