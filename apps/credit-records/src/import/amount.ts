// Fines in the 双公示 files are in 万元 (CF_NR_FK, decimal(18,6)); the platform stores yuan. The conversion is done on
// the decimal digits, never on a binary float: 0.2 万元 must become exactly 2000 yuan, and 0.000001 万元 exactly
// 0.01 yuan (one fen, the finest unit the column can express).

export type AmountResult = { ok: true; yuan: number } | { ok: false; code: 'FORMAT' | 'NEGATIVE' | 'TOO_LARGE'; message: string };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;
// 万元 → fen is a shift by six decimal places (1 万元 = 10,000 yuan = 1,000,000 fen).
const FEN_PER_WAN = 6;
const SIMPLE = /^(?=\.?\d)(\d{0,9})(?:\.(\d{1,6}))?$/;

/**
 * Converts a 万元 amount as written in a file (`0.2`, `1,234.5`, `2E-1` from a spreadsheet cell) into yuan, rounded
 * half-up to the fen. Digits beyond the fen only come from spreadsheet binary floats (`0.30000000000000004`).
 */
export function wanYuanToYuan(text: string): AmountResult {
  // Fast path: up to 9 integer and 6 fraction digits is at most 10^15 fen, exact in a double's integer range.
  const simple = SIMPLE.exec(text);
  if (simple) {
    const whole = simple[1] === '' ? 0 : Number(simple[1]);
    const fraction = simple[2] ?? '';
    const fen = whole * 1_000_000 + (fraction === '' ? 0 : Number(fraction.padEnd(6, '0')));
    return { ok: true, yuan: Math.floor(fen / 100) + (fen % 100) / 100 };
  }
  const compact = text.trim().replace(/[,，\s]/g, '');
  const match = DECIMAL.exec(compact);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    return { ok: false, code: 'FORMAT', message: `"${text}" is not a decimal amount in 万元` };
  }
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '') || '0';
  // value = digits × 10^(exponent − fraction.length) 万元; in fen: × 10^6.
  const shift = Number(exponent) - fraction.length + FEN_PER_WAN;
  let fen: bigint;
  if (shift >= 0) {
    if (digits.length + shift > 30) return tooLarge(text);
    fen = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const padded = digits.padStart(cut + 1, '0');
    const kept = BigInt(padded.slice(0, padded.length - cut));
    const roundUp = padded.charCodeAt(padded.length - cut) >= 0x35; // first dropped digit ≥ 5
    fen = kept + (roundUp ? 1n : 0n);
  }
  if (sign === '-' && fen !== 0n) return { ok: false, code: 'NEGATIVE', message: `a fine cannot be negative ("${text}")` };
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return tooLarge(text);
  const yuan = Number(fen / 100n) + Number(fen % 100n) / 100;
  return { ok: true, yuan };
}

function tooLarge(text: string): AmountResult {
  return { ok: false, code: 'TOO_LARGE', message: `"${text}" 万元 is larger than any fine the platform can store` };
}
