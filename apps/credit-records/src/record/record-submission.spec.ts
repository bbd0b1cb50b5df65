import fc from 'fast-check';
import { INITIAL_CATALOGUE } from '../catalogue/catalogue';
import { usccCheckCharacter } from '../subject/uscc';
import { validateSubmission, type SubmissionContext } from './record-submission';
import { penalty } from './record.fixture';

const context: SubmissionContext = {
  catalogue: INITIAL_CATALOGUE,
  provider: { id: 'sz-amr', type: 'government_department', catalogueItems: ['administrative_penalty', 'administrative_license'] },
  allowList: new Set(),
  now: new Date('2026-03-02T10:00:00+08:00'),
};

const errorsOf = (input: unknown, ctx = context) => {
  const result = validateSubmission(input, ctx);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe('validateSubmission (one path for every channel)', () => {
  it('accepts the 双公示 sample penalty, normalised', () => {
    const result = validateSubmission(
      penalty({ subject: { name: ' 双鸭山智慧城市运营有限公司 ', uscc: '91230500ma1b3n1n2m' } }),
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      submission: {
        kind: 'administrative_penalty',
        catalogueVersion: 1,
        severity: 'general',
        subject: {
          category: 'legal_person',
          uscc: '91230500MA1B3N1N2M',
          name: '双鸭山智慧城市运营有限公司',
          nonConformingIdentifier: false,
        },
        details: { fineAmountYuan: 2000, decisionDate: '2026-02-27' },
      },
    });
  });

  it('reports every field error of a row at once, with stable codes', () => {
    expect(
      errorsOf({
        ...penalty(),
        kind: 'administrative_penalty',
        subject: { name: '', uscc: '9123' },
        decisionDocumentNumber: '',
        decisionDate: '2026-03-03',
        validUntil: '2026/03/06',
        decidingAuthority: { name: '深圳市市场监督管理局', uscc: '11440300690000015Y' },
        sourceOrganization: undefined,
        severity: 'grave',
        fineAmountYuan: -1,
        extra: 1,
      }).sort(),
    ).toEqual(
      [
        'extra:UNKNOWN_FIELD',
        'subject.name:REQUIRED',
        'subject.uscc:LENGTH',
        'decisionDocumentNumber:REQUIRED',
        'decisionDate:FUTURE_DATE',
        'validUntil:FORMAT',
        'decidingAuthority.uscc:CHECKSUM',
        'sourceOrganization:REQUIRED',
        'severity:INVALID',
        'fineAmountYuan:INVALID',
      ].sort(),
    );
  });

  it('checks the catalogue item against the provider: unknown, not authorised, not market credit', () => {
    expect(errorsOf(penalty({ kind: 'gossip' }))).toEqual(['kind:UNKNOWN_CATALOGUE_ITEM']);
    expect(errorsOf({ ...penalty({ kind: 'tax_rating' }), severity: undefined })).toEqual(['kind:NOT_AUTHORISED']);
    const association = {
      ...context,
      provider: { id: 'sz-bakers', type: 'industry_association' as const, catalogueItems: ['industry_self_discipline'] },
    };
    expect(errorsOf(penalty(), association)).toEqual(['kind:NOT_MARKET_CREDIT_ITEM']);
    expect(errorsOf(penalty({ kind: 'industry_self_discipline' }), association)).toEqual([]);
  });

  it('validates natural persons by resident ID and refuses a resident ID anywhere else', () => {
    const person = { name: '张三', category: 'natural_person', residentId: '44011320141005001x' };
    const result = validateSubmission(penalty({ subject: person as never }), context);
    expect(result).toMatchObject({
      ok: true,
      submission: { subject: { category: 'natural_person', residentId: '44011320141005001X' } },
    });
    expect(errorsOf(penalty({ subject: { ...person, residentId: '440113201410050010' } as never }))).toEqual([
      'subject.residentId:CHECKSUM',
    ]);
    expect(errorsOf(penalty({ subject: { name: 'x', uscc: '91230500MA1B3N1N2M', residentId: '44011320141005001X' } }))).toEqual([
      'subject.residentId:NOT_ALLOWED',
    ]);
  });

  it('accepts an allow-listed non-conforming USCC, flagged', () => {
    const fujian = '91350211M0000XUF46';
    expect(errorsOf(penalty({ subject: { name: 'x', uscc: fujian } }))).toEqual(['subject.uscc:CHECKSUM']);
    const result = validateSubmission(penalty({ subject: { name: 'x', uscc: fujian } }), {
      ...context,
      allowList: new Set([fujian]),
    });
    expect(result).toMatchObject({ ok: true, submission: { subject: { nonConformingIdentifier: true } } });
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateSubmission(input, context);
        return result.ok || result.errors.length > 0;
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(penalty())), fc.anything()), (partial) => {
        const result = validateSubmission({ ...penalty(), ...partial }, context);
        return result.ok || result.errors.every((e) => typeof e.field === 'string' && typeof e.code === 'string');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every well-formed USCC as the subject and rejects it with one changed check character (property)', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = fc
      .tuple(
        fc.constantFrom('91', '92', '93', '11', '12', '51', '52', '53'),
        fc.constantFrom('110000', '440300', '350200', '100000'),
      )
      .chain(([head, division]) =>
        fc.stringMatching(/^[0-9]{8}$/).map((body) => {
          const weights = [3, 7, 9, 10, 5, 8, 4, 2];
          const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
          const check = 11 - (sum % 11);
          const first17 = `${head}${division}${body}${check === 10 ? 'X' : check === 11 ? '0' : String(check)}`;
          return first17 + usccCheckCharacter(first17);
        }),
      );
    fc.assert(
      fc.property(code, fc.integer({ min: 1, max: 30 }), (uscc, shift) => {
        if (errorsOf(penalty({ subject: { name: 'x', uscc } })).length !== 0) return false;
        const wrong = alphabet[(alphabet.indexOf(uscc[17]!) + shift) % 31]!;
        return errorsOf(penalty({ subject: { name: 'x', uscc: uscc.slice(0, 17) + wrong } })).join() === 'subject.uscc:CHECKSUM';
      }),
      { numRuns: 300 },
    );
  });
});
