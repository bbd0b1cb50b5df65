import { deadlineOf, windowEnd } from './deadline';

describe('working-day deadlines', () => {
  it('counts working days, skipping the weekend', () => {
    // Thursday 26 Nov 2026, 10:00 CST; due Tuesday 1 Dec 2026 end of day CST: Fri, Mon, Tue.
    expect(deadlineOf('2026-12-01T15:59:59.999Z', new Date('2026-11-26T02:00:00Z'))).toEqual({
      overdue: false,
      workingDaysLeft: 3,
    });
  });

  it('skips the National Day holidays', () => {
    // 30 Sep 2026 (Wed) → 9 Oct 2026 (Fri): 1–7 Oct are holidays; 8 and 9 Oct are working days.
    expect(deadlineOf('2026-10-09T15:59:59.999Z', new Date('2026-09-30T02:00:00Z'))!.workingDaysLeft).toBe(2);
  });

  it('is overdue once the instant has passed', () => {
    expect(deadlineOf('2026-11-25T15:59:59.999Z', new Date('2026-11-26T02:00:00Z'))).toEqual({
      overdue: true,
      workingDaysLeft: -1,
    });
    expect(deadlineOf('not a date')).toBeUndefined();
  });

  it('ends a 5-working-day window at the end of the fifth working day (CST)', () => {
    expect(windowEnd(new Date('2026-11-26T02:00:00Z'), 5)!.toISOString()).toBe('2026-12-03T15:59:59.999Z');
  });
});
