import { cstDateOf, formatIsoDate, IsoDate, parseIsoDate } from '@credit-share/contracts';
import { compactIdentifier, identifierError, IdentifierError, PROVINCE_CODES } from './identifier';

/**
 * Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit birth date
 * YYYYMMDD, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character. The 15-digit form issued before 1999
 * (YYMMDD, 19xx, no check character) is accepted and converted to 18 digits.
 *
 * Checks, in order: LENGTH (not 15 or 18), FORMAT (not digits, or a final character other than a digit or X),
 * CHECKSUM (18-digit form), COMPONENT (address code, birth date).
 *
 * Where the two reference validators disagree (cn_resident_id_vectors.txt) we follow validator.js: the address is
 * checked at province level only, not python-stdnum's county-by-birth-year table, and 15-digit numbers are accepted.
 * A person keeps one number for life while county codes are re-issued and retired, so the county-by-year rule needs a
 * complete dated GB/T 2260 history and still rejects genuine numbers — python-stdnum rejects GB 11643's own example
 * 440524188001010014. Rejecting a real person's identifier would lock them out of objections and repair; a
 * mistyped digit is still caught by the check character.
 *
 * Messages never contain the number or any part of it: person identifiers are not logged (PRODUCT.md §3.1).
 */

/**
 * GB/T 2260 provinces plus 83: residence permits for Taiwan residents (港澳台居民居住证) carry a citizen identity number
 * with address code 830000, as those of Hong Kong and Macao residents use 810000 and 820000. validator.js also accepts
 * 91 ("abroad"), which is not a GB/T 2260 code; we do not.
 */
const RESIDENT_ID_PROVINCES: ReadonlySet<string> = new Set([...PROVINCE_CODES, '83']);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/**
 * GB 11643-1999's own example is born in 1880, so 1900 would reject the standard's example; 1800 still catches
 * impossible years such as 0199 or 1099. Pass `earliestBirthDate` for a stricter bound.
 */
export const DEFAULT_EARLIEST_BIRTH_DATE: IsoDate = '1800-01-01';

export interface ResidentIdOptions {
  readonly earliestBirthDate?: IsoDate;
}

export type ResidentIdResult =
  { ok: true; id: string; birthDate: IsoDate; convertedFrom15: boolean } | { ok: false; error: IdentifierError };

export function normalizeResidentId(input: string): string {
  return compactIdentifier(input);
}

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i]!;
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/** `now` bounds the birth date: nobody is born after today (China Standard Time). */
export function validateResidentId(input: string, now: Date, options: ResidentIdOptions = {}): ResidentIdResult {
  const compact = normalizeResidentId(input);
  const fail = (error: IdentifierError): ResidentIdResult => ({ ok: false, error });

  if (compact.length !== 15 && compact.length !== 18) {
    const message = `a resident ID number has 18 characters (15 in the pre-1999 form), got ${compact.length}`;
    return fail(identifierError('LENGTH', message));
  }
  const legacy = compact.length === 15;
  if (legacy && !/^\d{15}$/.test(compact)) {
    return fail(identifierError('FORMAT', 'the 15-character form is digits only'));
  }
  if (!legacy && !/^\d{17}[\dX]$/.test(compact)) {
    return fail(identifierError('FORMAT', 'expected 17 digits and a digit or X'));
  }

  const first17 = legacy ? `${compact.slice(0, 6)}19${compact.slice(6)}` : compact.slice(0, 17);
  const check = residentIdCheckCharacter(first17);
  if (!legacy && check !== compact.charAt(17)) {
    return fail(identifierError('CHECKSUM', 'the check character does not match'));
  }

  if (!RESIDENT_ID_PROVINCES.has(first17.slice(0, 2))) {
    return fail(identifierError('COMPONENT', 'the address code is not in a known province'));
  }
  const birth = parseIsoDate(`${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`);
  if (birth === null) return fail(identifierError('COMPONENT', 'the birth date is not a calendar date'));
  const birthDate = formatIsoDate(birth);
  const earliest = options.earliestBirthDate ?? DEFAULT_EARLIEST_BIRTH_DATE;
  if (birthDate < earliest) return fail(identifierError('COMPONENT', `the birth date is before ${earliest}`));
  if (birthDate > cstDateOf(now)) return fail(identifierError('COMPONENT', 'the birth date is in the future'));

  return { ok: true, id: first17 + check, birthDate, convertedFrom15: legacy };
}

/**
 * Display form of an 18- or 15-character number: first 4 and last 4 characters, the rest '*' (3201**********1234).
 * Any other length is masked entirely, so a malformed value never shows most of itself.
 */
export function maskResidentId(id: string): string {
  const compact = normalizeResidentId(id);
  if (compact.length !== 18 && compact.length !== 15) return '*'.repeat(compact.length);
  return compact.slice(0, 4) + '*'.repeat(compact.length - 8) + compact.slice(-4);
}
