/**
 * Calendar days in China Standard Time. Deadlines, decision dates and publicity periods are Chinese administrative
 * dates, so a `Date` (an instant) is always read in UTC+8. China has observed no daylight saving time since 1991, so
 * Asia/Shanghai is a fixed offset for every date this platform handles and no tz database is needed.
 *
 * A calendar day is an ISO 8601 string `YYYY-MM-DD`; ISO strings order correctly with `<`.
 */
export type IsoDate = string;

/** A calendar day, or an instant whose China Standard Time date is meant. */
export type CalendarDateInput = Date | IsoDate;

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The parts of a real calendar date written `YYYY-MM-DD`, or null (rejects 2025-02-29, 2025-13-01, …). */
export function parseIsoDate(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

/** The China Standard Time calendar day of an instant. */
export function cstDateOf(instant: Date): IsoDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid Date');
  return isoDateOfUtc(new Date(time + CST_OFFSET_MS));
}

export function toIsoDate(input: CalendarDateInput): IsoDate {
  if (input instanceof Date) return cstDateOf(input);
  if (parseIsoDate(input) === null) throw new RangeError(`'${input}' is not a calendar date (YYYY-MM-DD)`);
  return input;
}

/** 00:00:00.000 China Standard Time of the day. */
export function startOfCstDay(day: IsoDate): Date {
  return new Date(utcMidnight(day) - CST_OFFSET_MS);
}

/** 23:59:59.999 China Standard Time of the day: the last instant at which something is still "on" that day. */
export function endOfCstDay(day: IsoDate): Date {
  return new Date(utcMidnight(day) - CST_OFFSET_MS + DAY_MS - 1);
}

export function addDays(day: IsoDate, n: number): IsoDate {
  return isoDateOfUtc(new Date(utcMidnight(day) + n * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: IsoDate): number {
  return new Date(utcMidnight(day)).getUTCDay();
}

/**
 * Calendar-month arithmetic as the Civil Code counts periods (民法典 第二百零二条): the period ends on the
 * corresponding day of the final month, or on that month's last day if it has none — 2025-01-31 + 1 month =
 * 2025-02-28, 2024-02-29 + 12 months = 2025-02-28.
 */
export function addCalendarMonths(day: IsoDate, months: number): IsoDate {
  const parts = parseIsoDate(day);
  if (parts === null) throw new RangeError(`'${day}' is not a calendar date (YYYY-MM-DD)`);
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
}

function utcMidnight(day: IsoDate): number {
  const parts = parseIsoDate(day);
  if (parts === null) throw new RangeError(`'${day}' is not a calendar date (YYYY-MM-DD)`);
  return utcMs(parts.year, parts.month - 1, parts.day);
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

function isoDateOfUtc(date: Date): IsoDate {
  return formatIsoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}
