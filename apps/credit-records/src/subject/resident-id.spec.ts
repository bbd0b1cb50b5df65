import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { addDays } from '@credit-share/contracts';
import { IdentifierErrorCode, PROVINCE_CODES } from './identifier';
import { maskResidentId, normalizeResidentId, residentIdCheckCharacter, validateResidentId } from './resident-id';

interface VectorRow {
  line: number;
  number: string;
  label: string;
  notes: string;
  checksum: string;
  stdnum: string;
  validatorjs: string;
  source: string;
}

const FIXTURE = join(__dirname, '../../../../test/fixtures/reference-data/cn_resident_id_vectors.txt');

function readVectors(): VectorRow[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [number, label, notes, checksum, stdnum, validatorjs, source] = text.split('\t');
      if (source === undefined) throw new Error(`cn_resident_id_vectors.txt line ${line} is malformed`);
      return {
        line,
        number: number!,
        label: label!,
        notes: notes!,
        checksum: checksum!,
        stdnum: stdnum!,
        validatorjs: validatorjs!,
        source,
      };
    });
}

const vectors = readVectors();
const NOW = new Date('2025-06-01T12:00:00+08:00');
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);

/**
 * The 7 rows where python-stdnum (HEAD) and validator.js 13.15.35 disagree. We follow validator.js on all of them:
 * province-level address check (stdnum's county-by-birth-year table rejects genuine numbers, including the GB 11643
 * example born 1880, and raises a raw KeyError for one county) and acceptance of the 15-digit legacy form, which
 * stdnum HEAD does not parse at all.
 */
const DISAGREEMENTS = [
  '110111198012010078', // stdnum: county not yet registered in birth year
  '110201199312010077', // stdnum: county deregistered before birth year
  '440524188001010014', // stdnum: county not registered in 1880; GB 11643's own example
  '235407195106112745', // stdnum: KeyError for county 235407
  '210203197503102721', // stdnum: county/year mismatch
  '520323197806058856', // stdnum: county/year mismatch
  '110101491001001', // stdnum: 15-digit form unsupported (InvalidLength)
];

const STDNUM_TO_CODE: Record<string, IdentifierErrorCode> = {
  InvalidLength: 'LENGTH',
  InvalidFormat: 'FORMAT',
  InvalidChecksum: 'CHECKSUM',
  InvalidComponent: 'COMPONENT',
};

/** 15-digit rows that stdnum reports as InvalidLength only because it has no legacy support; ours fail on content. */
const LEGACY_OVERRIDES: Record<string, IdentifierErrorCode> = {
  '010101491001001': 'COMPONENT', // province 01
  '110101491041001': 'COMPONENT', // day 41
  '160101491001001': 'COMPONENT', // province 16
  '110101940231001': 'COMPONENT', // 1994-02-31
};

function expected(row: VectorRow): { ok: true } | { ok: false; code: IdentifierErrorCode } {
  if (row.validatorjs === 'true') return { ok: true };
  const code = LEGACY_OVERRIDES[row.number] ?? STDNUM_TO_CODE[row.stdnum];
  if (code === undefined) throw new Error(`no expected error for cn_resident_id_vectors.txt line ${row.line}`);
  return { ok: false, code };
}

describe('resident ID reference vectors (test/fixtures/reference-data/cn_resident_id_vectors.txt)', () => {
  it('has 46 rows, on 7 of which the two validators disagree — the 7 we list', () => {
    expect(vectors).toHaveLength(46);
    const disagreeing = vectors.filter((r) => (r.stdnum === 'ok') !== (r.validatorjs === 'true')).map((r) => r.number);
    expect(disagreeing.sort()).toEqual([...DISAGREEMENTS].sort());
  });

  it.each(vectors.map((r) => [r.line, r.number, expected(r), r.notes] as const))(
    'line %i: %s → %j (%s)',
    (_line, number, outcome) => {
      const result = validateResidentId(number, NOW);
      if (outcome.ok) {
        expect(result.ok).toBe(true);
      } else {
        expect(result).toMatchObject({ ok: false, error: { code: outcome.code } });
      }
    },
  );

  it('computes the check character the checksum column reports', () => {
    for (const row of vectors.filter((r) => r.checksum !== '-')) {
      const id = normalizeResidentId(row.number);
      const matches = residentIdCheckCharacter(id.slice(0, 17)) === id.charAt(17);
      expect({ line: row.line, matches }).toEqual({ line: row.line, matches: row.checksum === 'ok' });
    }
  });

  it('never puts the number or part of it into an error message', () => {
    for (const row of vectors) {
      const result = validateResidentId(row.number, NOW);
      if (!result.ok) expect(result.error.message).not.toMatch(/\d{5}/);
    }
  });
});

describe('validateResidentId', () => {
  it('accepts the GB 11643 examples and reports the birth date', () => {
    expect(validateResidentId('11010519491231002X', NOW)).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      convertedFrom15: false,
    });
    expect(validateResidentId('440524188001010014', NOW)).toMatchObject({ ok: true, birthDate: '1880-01-01' });
  });

  it('normalises a lower-case x and blanks', () => {
    expect(validateResidentId(' 440113 20141005 001x ', NOW)).toMatchObject({ ok: true, id: '44011320141005001X' });
  });

  it('converts the 15-digit legacy form to 18 digits (19xx century)', () => {
    // 11010119491001001 → Σ = 101, 101 mod 11 = 2 → 'X'
    expect(validateResidentId('110101491001001', NOW)).toEqual({
      ok: true,
      id: '11010119491001001X',
      birthDate: '1949-10-01',
      convertedFrom15: true,
    });
  });

  it('rejects a birth date after today (China Standard Time of now)', () => {
    const today = withCheck('11010520250601001');
    const tomorrow = withCheck('11010520250602001');
    expect(validateResidentId(today, NOW).ok).toBe(true);
    expect(validateResidentId(tomorrow, NOW)).toMatchObject({ ok: false, error: { code: 'COMPONENT' } });
    // 2025-06-01T16:00Z is already 06-02 in China.
    expect(validateResidentId(tomorrow, new Date('2025-06-01T16:00:00Z')).ok).toBe(true);
  });

  it('rejects impossible dates and dates before the earliest birth date', () => {
    expect(validateResidentId(withCheck('11010520230229001'), NOW)).toMatchObject({ error: { code: 'COMPONENT' } });
    expect(validateResidentId(withCheck('11010520240229001'), NOW).ok).toBe(true);
    expect(validateResidentId(withCheck('11010517991231001'), NOW)).toMatchObject({ error: { code: 'COMPONENT' } });
    const strict = { earliestBirthDate: '1900-01-01' };
    expect(validateResidentId('440524188001010014', NOW, strict)).toMatchObject({ error: { code: 'COMPONENT' } });
    expect(validateResidentId(withCheck('11010519000101001'), NOW, strict).ok).toBe(true);
  });

  it.each([...PROVINCE_CODES, '83'])('accepts address codes in province %s', (province) => {
    expect(validateResidentId(withCheck(`${province}010219900101001`), NOW).ok).toBe(true);
  });

  it.each(['00', '10', '16', '20', '39', '66', '70', '80', '84', '91', '99'])('rejects address codes in %s', (province) => {
    expect(validateResidentId(withCheck(`${province}010219900101001`), NOW)).toMatchObject({ error: { code: 'COMPONENT' } });
  });

  it('orders LENGTH, FORMAT, CHECKSUM, COMPONENT', () => {
    expect(validateResidentId('1101051949123100', NOW)).toMatchObject({ error: { code: 'LENGTH' } });
    expect(validateResidentId('11010149100100X', NOW)).toMatchObject({ error: { code: 'FORMAT' } });
    expect(validateResidentId('X1010519491231002X', NOW)).toMatchObject({ error: { code: 'FORMAT' } });
    const badRegionAndCheck = '99010519491231002X';
    expect(residentIdCheckCharacter(badRegionAndCheck.slice(0, 17))).not.toBe('X');
    expect(validateResidentId(badRegionAndCheck, NOW)).toMatchObject({ error: { code: 'CHECKSUM' } });
  });
});

describe('maskResidentId', () => {
  it('shows the first and last four characters only', () => {
    expect(maskResidentId('320102199001011234')).toBe('3201**********1234');
    expect(maskResidentId('11010519491231002x')).toBe('1101**********002X');
    expect(maskResidentId('110101491001001')).toBe('1101*******1001');
  });

  it('masks anything that is not 15 or 18 characters entirely', () => {
    expect(maskResidentId('123456789')).toBe('*********');
    expect(maskResidentId('')).toBe('');
  });
});

describe('resident ID properties', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  // 1900-01-01 … 2025-06-01 (NOW)
  const birthDate = fc.integer({ min: 0, max: 45_807 }).map((offset) => addDays('1900-01-01', offset));
  const validId = fc
    .tuple(fc.constantFrom(...PROVINCE_CODES, '83'), digits(4), birthDate, digits(3))
    .map(([province, county, date, seq]) => withCheck(`${province}${county}${date.replace(/-/g, '')}${seq}`));

  it('accepts every well-formed number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const result = validateResidentId(id, NOW);
        expect(result).toMatchObject({ ok: true, id, convertedFrom15: false });
      }),
    );
  });

  it('detects any single changed character', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, shift) => {
        const set = pos === 17 ? '0123456789X' : '0123456789';
        const replacement = set.charAt((set.indexOf(id.charAt(pos)) + shift) % set.length);
        fc.pre(replacement !== id.charAt(pos));
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(validateResidentId(changed, NOW)).toMatchObject({ ok: false, error: { code: 'CHECKSUM' } });
      }),
    );
  });

  it('detects any swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 15 }), (id, pos) => {
        fc.pre(id.charAt(pos) !== id.charAt(pos + 1));
        const swapped = id.slice(0, pos) + id.charAt(pos + 1) + id.charAt(pos) + id.slice(pos + 2);
        expect(validateResidentId(swapped, NOW)).toMatchObject({ ok: false, error: { code: 'CHECKSUM' } });
      }),
    );
  });

  it('converts every valid 15-digit number to the 18-digit number of the same person', () => {
    const legacyDate = fc.integer({ min: 0, max: 99 * 365 }).map((offset) => addDays('1900-01-01', offset));
    fc.assert(
      fc.property(fc.constantFrom(...PROVINCE_CODES), digits(4), legacyDate, digits(3), (province, county, date, seq) => {
        const yymmdd = date.slice(2).replace(/-/g, '');
        const result = validateResidentId(`${province}${county}${yymmdd}${seq}`, NOW);
        const expectedId = withCheck(`${province}${county}${date.replace(/-/g, '')}${seq}`);
        expect(result).toEqual({ ok: true, id: expectedId, birthDate: date, convertedFrom15: true });
        expect(validateResidentId(expectedId, NOW)).toMatchObject({ ok: true, id: expectedId, convertedFrom15: false });
      }),
    );
  });

  it('normalises lower case and blanks', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 18 }), fc.constantFrom(' ', '\u3000', '\t'), (id, at, blank) => {
        const messy = (id.slice(0, at) + blank + id.slice(at)).toLowerCase();
        expect(validateResidentId(messy, NOW)).toMatchObject({ ok: true, id });
      }),
    );
  });

  it('masking keeps length and exposes only the ends', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked).toBe(`${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`);
      }),
    );
  });
});
