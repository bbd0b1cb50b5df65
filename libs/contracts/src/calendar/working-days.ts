import { CHINA_HOLIDAYS } from './china-holidays';
import { addDays, CalendarDateInput, dayOfWeek, endOfCstDay, IsoDate, parseIsoDate, toIsoDate } from './cst-date';

/** One year of calendar data: public holidays and adjusted working weekend days (调休上班), as ISO dates. */
export interface CalendarYearData {
  readonly holidays: readonly IsoDate[];
  readonly workdays: readonly IsoDate[];
  readonly source: string;
  /** Not yet backed by the year's official notice. */
  readonly provisional?: boolean;
}

/** Keyed by year, e.g. `{ 2025: { holidays: [...], workdays: [...], source: '...' } }`. */
export type WorkingDayCalendarData = Readonly<Record<string, CalendarYearData>>;

/**
 * Asked about a day in a year the calendar has no data for. Thrown rather than falling back to a plain Monday–Friday
 * year: that fallback would silently move every deadline near Spring Festival or National Day by up to a week.
 */
export class CalendarYearNotCoveredError extends RangeError {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `no working-day calendar data for ${year} (covered: ${coveredYears.join(', ') || 'none'}); ` +
        `load holiday data for ${year} before computing dates in it`,
    );
    this.name = 'CalendarYearNotCoveredError';
  }
}

interface YearDays {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly workdays: ReadonlySet<IsoDate>;
  readonly source: string;
  readonly provisional: boolean;
}

/**
 * Working days in mainland China: Monday–Friday, minus public holidays, plus adjusted working weekend days.
 *
 * Dates are ISO `YYYY-MM-DD` calendar days or `Date` instants read in China Standard Time (UTC+8); see cst-date.ts.
 *
 * Deadline convention (`addWorkingDays`): the start day never counts, whatever the time of day and whether or not it
 * is itself a working day, as the Civil Code counts periods (民法典 第二百零一条: 开始的当日不计入). "Within n working
 * days" of a filing therefore ends at 23:59:59.999 CST of the n-th working day after the filing's day (第二百零三条:
 * 期间的最后一日的截止时间为二十四时). A Friday filing with 5 working days in an ordinary week is due by the end of the
 * next Friday. `workingDaysBetween` counts the same way, so workingDaysBetween(a, addWorkingDays(a, n)) === n.
 */
export class WorkingDayCalendar {
  private readonly years: ReadonlyMap<number, YearDays>;

  constructor(data: WorkingDayCalendarData) {
    const years = new Map<number, YearDays>();
    for (const [key, value] of Object.entries(data)) {
      const year = Number(key);
      if (!/^\d{4}$/.test(key)) throw new RangeError(`calendar data key '${key}' is not a year`);
      years.set(year, checkedYear(year, value));
    }
    this.years = years;
  }

  get coveredYears(): readonly number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Where the data for the day's year comes from and whether it is provisional. */
  yearInfo(date: CalendarDateInput): { readonly year: number; readonly source: string; readonly provisional: boolean } {
    const day = toIsoDate(date);
    const { source, provisional } = this.yearOf(day);
    return { year: Number(day.slice(0, 4)), source, provisional };
  }

  isWorkingDay(date: CalendarDateInput): boolean {
    const day = toIsoDate(date);
    const year = this.yearOf(day);
    if (year.workdays.has(day)) return true;
    if (year.holidays.has(day)) return false;
    const weekday = dayOfWeek(day);
    return weekday !== 0 && weekday !== 6;
  }

  /** The first working day strictly after the given day. */
  nextWorkingDay(date: CalendarDateInput): IsoDate {
    let day = addDays(toIsoDate(date), 1);
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** End (23:59:59.999 CST) of the n-th working day after the start day; n ≥ 1. */
  addWorkingDays(start: CalendarDateInput, n: number): Date {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
    let day = toIsoDate(start);
    for (let i = 0; i < n; i++) day = this.nextWorkingDay(day);
    return endOfCstDay(day);
  }

  /** Working days after a's day up to and including b's day; negative when b is before a. */
  workingDaysBetween(a: CalendarDateInput, b: CalendarDateInput): number {
    const from = toIsoDate(a);
    const to = toIsoDate(b);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  private yearOf(day: IsoDate): YearDays {
    const year = Number(day.slice(0, 4));
    const data = this.years.get(year);
    if (data === undefined) throw new CalendarYearNotCoveredError(year, this.coveredYears);
    return data;
  }
}

function checkedYear(year: number, data: CalendarYearData): YearDays {
  const check = (list: readonly IsoDate[], kind: string): Set<IsoDate> => {
    const days = new Set<IsoDate>();
    for (const day of list) {
      const parts = parseIsoDate(day);
      if (parts === null || parts.year !== year) {
        throw new RangeError(`${year} ${kind}: '${day}' is not a date in ${year}`);
      }
      if (days.has(day)) throw new RangeError(`${year} ${kind}: ${day} is listed twice`);
      days.add(day);
    }
    return days;
  };
  const holidays = check(data.holidays, 'holidays');
  const workdays = check(data.workdays, 'workdays');
  for (const day of workdays) {
    if (holidays.has(day)) throw new RangeError(`${year}: ${day} is listed both as holiday and as working day`);
    const weekday = dayOfWeek(day);
    // 调休上班 only ever turns a Saturday or Sunday into a working day; a weekday here is a data error.
    if (weekday !== 0 && weekday !== 6) throw new RangeError(`${year} workdays: ${day} is not a Saturday or Sunday`);
  }
  return { holidays, workdays, source: data.source, provisional: data.provisional === true };
}

/** China 2025–2027 (2027 provisional, see china-holidays.ts). */
export const defaultCalendar = new WorkingDayCalendar(CHINA_HOLIDAYS);
