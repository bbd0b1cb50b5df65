// Deadlines in working days (PRODUCT.md §3: time limits count China's working days, holidays and adjusted weekends
// included), with the platform's own calendar from libs/contracts, so the console and the services agree.
import { defaultCalendar } from '../../../../../libs/contracts/src/calendar/working-days';

export interface Deadline {
  overdue: boolean;
  /** Working days from today (CST) to the due day; 0 when due today. Negative when overdue by whole days. */
  workingDaysLeft: number;
}

export function deadlineOf(dueAt: string | Date, now: Date = new Date()): Deadline | undefined {
  const due = dueAt instanceof Date ? dueAt : new Date(dueAt);
  if (Number.isNaN(due.getTime())) return undefined;
  try {
    return { overdue: due.getTime() < now.getTime(), workingDaysLeft: defaultCalendar.workingDaysBetween(now, due) };
  } catch {
    // A year the calendar does not cover: the date alone is still shown.
    return { overdue: due.getTime() < now.getTime(), workingDaysLeft: NaN };
  }
}

/** The end of a window of `n` working days that starts on the day of `from` (e.g. a statement window). */
export function windowEnd(from: string | Date, n: number): Date | undefined {
  try {
    return defaultCalendar.addWorkingDays(from instanceof Date ? from : new Date(from), n);
  } catch {
    return undefined;
  }
}
