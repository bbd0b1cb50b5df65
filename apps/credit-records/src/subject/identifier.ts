/**
 * Vocabulary shared by the subject identifiers (PRODUCT.md §3.1). The precedence is the same for every identifier:
 * LENGTH, then FORMAT, then CHECKSUM, then COMPONENT. A checksum failure is reported before a component failure
 * because a wrong check character almost always means a transcription error somewhere in the code, and pointing at
 * "bad region" for a typo in the region would send the user to the wrong place. python-stdnum orders its resident-ID
 * checks the same way (see the reasons in cn_resident_id_vectors.txt).
 */
export type IdentifierErrorCode = 'LENGTH' | 'FORMAT' | 'CHECKSUM' | 'COMPONENT';

export interface IdentifierError {
  readonly code: IdentifierErrorCode;
  readonly message: string;
}

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
// \s covers U+3000 (ideographic space) and U+FEFF; zero-width characters arrive with text copied from web pages.
const BLANKS = /[\s\u200B-\u200D\u2060]/g;

/**
 * Canonical form used before any check: full-width ASCII (what Chinese input methods produce, e.g. "９１") folded
 * to ASCII, every blank removed (not only at the ends: codes are printed in groups), upper-cased.
 */
export function compactIdentifier(input: string): string {
  return input
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(BLANKS, '')
    .toUpperCase();
}

/**
 * First two digits of GB/T 2260 administrative-division codes (provinces, autonomous regions, municipalities,
 * 71 Taiwan, 81 Hong Kong, 82 Macao). Only the province level is checked: county and city codes are re-issued and
 * retired every year, while identifiers keep the code of the day they were issued for life, so a county-level check
 * needs a dated GB/T 2260 history and would still reject legitimately issued identifiers.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function identifierError(code: IdentifierErrorCode, message: string): IdentifierError {
  return { code, message };
}
