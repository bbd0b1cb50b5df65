import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  normalizeUscc,
  organizationCodeCheckCharacter,
  usccAllowList,
  USCC_ALPHABET,
  USCC_AUTHORITY_TYPES,
  usccCheckCharacter,
  USCC_WEIGHTS,
  validateUscc,
} from './uscc';
import { IdentifierErrorCode, PROVINCE_CODES } from './identifier';

interface VectorRow {
  line: number;
  code: string;
  label: 'valid' | 'invalid';
  reason: string;
  embeddedCheck: string;
  source: string;
}

const FIXTURE = join(__dirname, '../../../../test/fixtures/reference-data/uscc_vectors.txt');

function readVectors(): VectorRow[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [code, label, reason, embeddedCheck, source] = text.split('\t');
      if (source === undefined || (label !== 'valid' && label !== 'invalid')) {
        throw new Error(`uscc_vectors.txt line ${line} is malformed`);
      }
      return { line, code: code!, label, reason: reason!, embeddedCheck: embeddedCheck!, source };
    });
}

const vectors = readVectors();
const validRows = vectors.filter((r) => r.label === 'valid');
const invalidRows = vectors.filter((r) => r.label === 'invalid');

// The real codes issued in Fujian's pilot before GB 32100 (bluesky335/IDCheck README; hutool's CreditCodeUtilTest).
const FUJIAN_PILOT_CODES = ['91350211M00013FA1N', '91350211M0000XUF46', '91350100M0001TGQXM', '91350203M0001FUE2P'];

/**
 * Expected error per invalid row, derived from the reason column (python-stdnum's exception names).
 * One deliberate divergence: python-stdnum rejects A1110000600037341L as InvalidFormat because it demands digits in
 * positions 1–8, which would also reject real codes of authorities Y, A and N. In the GB 32100 code table 'A1' is a
 * valid pair (军队事业单位), so the only thing wrong with that code is its check character.
 */
const REASON_OVERRIDES: Record<string, IdentifierErrorCode> = { A1110000600037341L: 'CHECKSUM' };

function expectedError(row: VectorRow): IdentifierErrorCode {
  const override = REASON_OVERRIDES[row.code];
  if (override) return override;
  if (/InvalidLength/.test(row.reason)) return 'LENGTH';
  if (/InvalidFormat/.test(row.reason)) return 'FORMAT';
  if (/InvalidChecksum|check character/.test(row.reason)) return 'CHECKSUM';
  throw new Error(`no expected error for uscc_vectors.txt line ${row.line}: ${row.reason}`);
}

const withCheck = (first17: string): string => first17 + usccCheckCharacter(first17);
const orgCode = (body8: string): string => body8 + organizationCodeCheckCharacter(body8);

describe('USCC reference vectors (test/fixtures/reference-data/uscc_vectors.txt)', () => {
  it('has the 225 rows the README describes: 217 valid, 8 invalid', () => {
    expect(vectors).toHaveLength(225);
    expect(validRows).toHaveLength(217);
    expect(invalidRows).toHaveLength(8);
  });

  it.each(validRows.map((r) => [r.line, r.code, r.source] as const))('line %i: %s is valid (%s)', (_line, code) => {
    const result = validateUscc(code);
    expect(result).toEqual({ ok: true, uscc: code.replace(/\s/g, ''), flags: [] });
  });

  it.each(invalidRows.map((r) => [r.line, r.code, expectedError(r), r.reason] as const))(
    'line %i: %s is rejected with %s (%s)',
    (_line, code, error) => {
      const result = validateUscc(code);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe(error);
    },
  );

  it('agrees with the embedded-organisation-code column on every row that has one', () => {
    const rows = vectors.filter((r) => r.embeddedCheck !== '-');
    expect(rows.length).toBeGreaterThanOrEqual(222);
    for (const row of rows) {
      const embedded = normalizeUscc(row.code).slice(8, 17);
      const conforms = organizationCodeCheckCharacter(embedded.slice(0, 8)) === embedded.charAt(8);
      expect({ line: row.line, conforms }).toEqual({ line: row.line, conforms: row.embeddedCheck === 'True' });
    }
  });

  it('lists exactly the four Fujian pilot codes as check-character failures beyond the stdnum test suite', () => {
    const pilotRows = invalidRows.filter((r) => /pilot-era/.test(r.reason)).map((r) => r.code);
    expect(pilotRows.sort()).toEqual([...FUJIAN_PILOT_CODES].sort());
  });
});

describe('allow-list of legitimately issued non-conforming codes', () => {
  const allowList = usccAllowList(FUJIAN_PILOT_CODES);

  it.each(FUJIAN_PILOT_CODES)('%s is rejected with CHECKSUM when not allow-listed', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: false, error: { code: 'CHECKSUM' } });
  });

  it.each(FUJIAN_PILOT_CODES)('%s is accepted with a flag and the waived error when allow-listed', (code) => {
    const result = validateUscc(code, allowList);
    expect(result).toMatchObject({ ok: true, uscc: code, flags: ['ALLOW_LISTED_NONCONFORMING'] });
    if (result.ok) expect(result.waived?.map((e) => e.code)).toEqual(['CHECKSUM']);
  });

  it('matches allow-list entries and input in normalised form', () => {
    const list = usccAllowList([' 91350211 m0000xuf46 ']);
    expect(validateUscc('91350211M0000XUF46\u3000', list)).toMatchObject({ ok: true, flags: ['ALLOW_LISTED_NONCONFORMING'] });
  });

  it('does not flag a conforming code that happens to be on the list', () => {
    const list = usccAllowList(['91110000600037341L']);
    expect(validateUscc('91110000600037341L', list)).toEqual({ ok: true, uscc: '91110000600037341L', flags: [] });
  });

  it('never waives LENGTH or FORMAT', () => {
    const list = usccAllowList(['12345', '9111000060003IOZSV']);
    expect(validateUscc('12345', list)).toMatchObject({ ok: false, error: { code: 'LENGTH' } });
    expect(validateUscc('9111000060003IOZSV', list)).toMatchObject({ ok: false, error: { code: 'FORMAT' } });
  });

  it('waives component errors too, listing every waived error', () => {
    const wrongOrgCheck = organizationCodeCheckCharacter('12345678') === '0' ? '1' : '0';
    // type 8 is not a 工商 type, 99 is no province, and the embedded organisation code fails its check
    const code = withCheck(`98990000${'12345678'}${wrongOrgCheck}`);
    expect(validateUscc(code)).toMatchObject({ ok: false, error: { code: 'COMPONENT' } });
    const result = validateUscc(code, usccAllowList([code]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.waived?.map((e) => e.code)).toEqual(['COMPONENT', 'COMPONENT', 'COMPONENT']);
  });
});

describe('validateUscc structure checks', () => {
  const body = orgCode('MA1K3BTP'); // embedded code of 91310115MA1K3BTP2B (python-stdnum vector)

  it('checks the weights against 3^(i−1) mod 31', () => {
    let power = 1;
    const computed = Array.from({ length: 17 }, () => {
      const weight = power;
      power = (power * 3) % 31;
      return weight;
    });
    expect(USCC_WEIGHTS).toEqual(computed);
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it('computes the check character of a published code', () => {
    expect(usccCheckCharacter('91310115MA1K3BTP2')).toBe('B');
    expect(organizationCodeCheckCharacter('60003734')).toBe('1');
  });

  it('maps GB 11714 check values 10 and 11 to X and 0', () => {
    expect(organizationCodeCheckCharacter('00000030')).toBe('X'); // Σ = 3 × 4 = 12, 12 mod 11 = 1, 11 − 1 = 10
    expect(organizationCodeCheckCharacter('00000000')).toBe('0'); // Σ = 0, 11 − 0 = 11
  });

  it.each(Object.entries(USCC_AUTHORITY_TYPES).flatMap(([a, types]) => [...types].map((t) => `${a}${t}`)))(
    'accepts authority/type pair %s',
    (pair) => {
      expect(validateUscc(withCheck(`${pair}110000${body}`))).toMatchObject({ ok: true, flags: [] });
    },
  );

  it.each(['B1', '94', '99', 'Y2', 'Y9', '10', '54', 'A2', 'N4', '23'])('rejects authority/type pair %s as COMPONENT', (pair) => {
    expect(validateUscc(withCheck(`${pair}110000${body}`))).toMatchObject({ ok: false, error: { code: 'COMPONENT' } });
  });

  it.each([...PROVINCE_CODES].map((p) => `${p}0000`).concat(['100000', '350211']))('accepts division %s', (division) => {
    expect(validateUscc(withCheck(`91${division}${body}`)).ok).toBe(true);
  });

  it.each(['000000', '160000', '990000', '200000', '101000', '830000'])('rejects division %s as COMPONENT', (division) => {
    expect(validateUscc(withCheck(`91${division}${body}`))).toMatchObject({ ok: false, error: { code: 'COMPONENT' } });
  });

  it('rejects letters in positions 3–8 as FORMAT', () => {
    expect(validateUscc(withCheck(`9111000A${body}`))).toMatchObject({ ok: false, error: { code: 'FORMAT' } });
  });

  it('rejects an embedded organisation code that fails GB 11714 as COMPONENT', () => {
    const broken = `MA1K3BTP${organizationCodeCheckCharacter('MA1K3BTP') === '3' ? '4' : '3'}`;
    const result = validateUscc(withCheck(`91310115${broken}`));
    expect(result).toMatchObject({ ok: false, error: { code: 'COMPONENT' } });
    if (!result.ok) expect(result.error.message).toMatch(/GB 11714/);
  });

  it('reports CHECKSUM before COMPONENT', () => {
    const code = withCheck(`91990000${body}`);
    const wrongCheck = code.slice(0, 17) + (code.charAt(17) === '0' ? '1' : '0');
    expect(validateUscc(wrongCheck)).toMatchObject({ ok: false, error: { code: 'CHECKSUM' } });
  });

  it('reports LENGTH before FORMAT', () => {
    expect(validateUscc('9111000060003IOZS')).toMatchObject({ ok: false, error: { code: 'LENGTH' } });
    expect(validateUscc('')).toMatchObject({ ok: false, error: { code: 'LENGTH' } });
  });

  it('normalises before checking and returns the normalised code', () => {
    expect(normalizeUscc(' 91 110000\u3000600037341l\t')).toBe('91110000600037341L');
    expect(normalizeUscc('９１１１００００６０００３７３４１Ｌ')).toBe('91110000600037341L');
    expect(validateUscc('91-110000-600037341L')).toMatchObject({ ok: false, error: { code: 'LENGTH' } });
  });
});

describe('USCC properties', () => {
  const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
  const digit = fc.constantFrom(...'0123456789');
  const chars = (arb: fc.Arbitrary<string>, n: number) => fc.array(arb, { minLength: n, maxLength: n }).map((a) => a.join(''));
  const pairs = Object.entries(USCC_AUTHORITY_TYPES).flatMap(([a, types]) => [...types].map((t) => `${a}${t}`));

  const conformingCode = fc
    .tuple(fc.constantFrom(...pairs), fc.constantFrom(...PROVINCE_CODES), chars(digit, 4), chars(alphabetChar, 8))
    .map(([pair, province, county, body8]) => withCheck(`${pair}${province}${county}${orgCode(body8)}`));

  it('any 17 alphabet characters with the computed check character pass the checksum', () => {
    fc.assert(
      fc.property(chars(alphabetChar, 17), (first17) => {
        const result = validateUscc(withCheck(first17));
        return result.ok || result.error.code !== 'CHECKSUM';
      }),
    );
  });

  it('codes built from valid components are accepted', () => {
    fc.assert(fc.property(conformingCode, (code) => validateUscc(code).ok));
  });

  it('changing any single character breaks the checksum', () => {
    fc.assert(
      fc.property(conformingCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, shift) => {
        // Stay in the position's character class so FORMAT does not pre-empt the checksum.
        const set = pos >= 2 && pos <= 7 ? '0123456789' : USCC_ALPHABET;
        const replacement = set.charAt((set.indexOf(code.charAt(pos)) + (shift % (set.length - 1)) + 1) % set.length);
        const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(replacement).not.toBe(code.charAt(pos));
        const result = validateUscc(changed);
        return !result.ok && result.error.code === 'CHECKSUM';
      }),
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => normalizeUscc(normalizeUscc(s)) === normalizeUscc(s)),
    );
  });

  it('lower case and interspersed blanks are normalised away', () => {
    const blank = fc.constantFrom(' ', '\t', '\u3000', '\u00A0', '\n');
    fc.assert(
      fc.property(
        conformingCode,
        fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
        fc.array(fc.option(blank, { nil: '' }), { minLength: 19, maxLength: 19 }),
        (code, lower, blanks) => {
          const messy = [...code].map((c, i) => blanks[i]! + (lower[i] ? c.toLowerCase() : c)).join('') + blanks[18]!;
          expect(validateUscc(messy)).toEqual({ ok: true, uscc: code, flags: [] });
        },
      ),
    );
  });
});
