// Dates in 双公示 files come in several spellings (the sample records show all of them): `2019-10-10`, `20200508`,
// `2020年07月21日`, Unix epoch seconds (`1595260800`), and in XLSX a date cell is an Excel serial day number. Every
// one is turned into a calendar date `YYYY-MM-DD` in China Standard Time, the zone the decisions are dated in.

export type DateResult = { ok: true; date: string } | { ok: false; message: string };

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const EPOCH_SECONDS = /^\d{9,10}$/;
// Excel serial days (1900 date system): 1 = 1900-01-01; anything a spreadsheet shows as a date since 1900.
const EXCEL_SERIAL = /^\d{1,5}(?:\.\d+)?$/;
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
// Serial day 25569 is 1970-01-01 (Excel counts the non-existent 1900-02-29, so the epoch is 1899-12-30).
const EXCEL_EPOCH_SERIAL = 25_569;

export function parseImportDate(text: string): DateResult {
  const value = text.trim();
  // Fast path for the common YYYY-MM-DD (and YYYYMMDD) spellings: no regular expression, no Date object.
  if (value.length === 10 && value.charCodeAt(4) === 0x2d && value.charCodeAt(7) === 0x2d) {
    const year = digits(value, 0, 4);
    const month = digits(value, 5, 7);
    const day = digits(value, 8, 10);
    if (year >= 0 && month >= 0 && day >= 0) return calendarDate(year, month, day, text);
  } else if (value.length === 8) {
    const year = digits(value, 0, 4);
    const month = digits(value, 4, 6);
    const day = digits(value, 6, 8);
    if (year >= 0 && month >= 0 && day >= 0) return calendarDate(year, month, day, text);
  }
  const parts = ISO.exec(value) ?? COMPACT.exec(value) ?? CHINESE.exec(value);
  if (parts) return calendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]), text);
  if (EPOCH_SECONDS.test(value)) return { ok: true, date: cstDate(Number(value) * 1000) };
  if (EXCEL_SERIAL.test(value)) {
    const serial = Math.floor(Number(value));
    if (serial >= 61) return { ok: true, date: new Date((serial - EXCEL_EPOCH_SERIAL) * DAY_MS).toISOString().slice(0, 10) };
  }
  return {
    ok: false,
    message: `"${text}" is not a date; use YYYY-MM-DD, YYYYMMDD, YYYY年MM月DD日 or epoch seconds`,
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function calendarDate(year: number, month: number, day: number, text: string): DateResult {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (year < 1900 || year > 9999 || days === undefined || day < 1 || day > days) {
    return { ok: false, message: `"${text}" is not a real calendar date` };
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

/** The decimal value of text[from, to), or −1 if any character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function cstDate(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
