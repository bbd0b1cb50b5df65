import { EMPTY_RECORD_FORM, formFieldOf, toSubmission, validateRecordForm, type RecordForm } from './record-form';

const NOW = new Date('2026-11-26T10:00:00Z');
const penalty: RecordForm = {
  ...EMPTY_RECORD_FORM,
  kind: 'administrative_penalty',
  subjectName: '深圳市某某科技有限公司',
  subjectUscc: '91440300MA5FXT4K8N',
  decisionDocumentNumber: '深市监罚〔2026〕12号',
  legalBasis: '《中华人民共和国广告法》第五十五条',
  content: '罚款 2000 元',
  category: '罚款',
  decisionDate: '2026-11-02',
  validUntil: '2027-11-02',
  decidingAuthorityName: '深圳市市场监督管理局',
  decidingAuthorityUscc: '11440300690000015X',
  sourceOrganizationName: '深圳市市场监督管理局',
  sourceOrganizationUscc: '11440300690000015X',
  severity: 'general',
  fineAmountYuan: '2000',
};

describe('record form', () => {
  it('accepts a complete penalty and turns it into the submission', () => {
    expect(validateRecordForm(penalty, { now: NOW })).toEqual({});
    expect(toSubmission({ ...penalty, subjectUscc: ' 9144 0300 ma5fxt4k8n ' })).toEqual({
      kind: 'administrative_penalty',
      subject: { name: '深圳市某某科技有限公司', category: 'legal_person', uscc: '91440300MA5FXT4K8N' },
      decisionDocumentNumber: '深市监罚〔2026〕12号',
      legalBasis: '《中华人民共和国广告法》第五十五条',
      content: '罚款 2000 元',
      category: '罚款',
      decisionDate: '2026-11-02',
      validUntil: '2027-11-02',
      decidingAuthority: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
      sourceOrganization: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
      severity: 'general',
      fineAmountYuan: 2000,
    });
  });

  it('requires the 双公示 fields of a penalty, but not of an honour', () => {
    const blank = { ...EMPTY_RECORD_FORM, kind: 'administrative_penalty' };
    expect(Object.keys(validateRecordForm(blank, { now: NOW })).sort()).toEqual(
      [
        'subjectName',
        'subjectUscc',
        'decisionDocumentNumber',
        'content',
        'decisionDate',
        'legalBasis',
        'validUntil',
        'decidingAuthorityName',
        'decidingAuthorityUscc',
        'sourceOrganizationName',
        'sourceOrganizationUscc',
        'category',
        'severity',
      ].sort(),
    );
    const honour = {
      ...penalty,
      kind: 'honor',
      legalBasis: '',
      severity: '' as const,
      decidingAuthorityName: '',
      decidingAuthorityUscc: '',
    };
    expect(validateRecordForm(honour, { now: NOW })).toEqual({});
  });

  it('checks every USCC with GB 32100, dates, their order and the amount', () => {
    expect(
      validateRecordForm(
        {
          ...penalty,
          subjectUscc: '91440300MA5FXT4K8A',
          decidingAuthorityUscc: '1144030069',
          decisionDate: '2026-02-30',
          validFrom: '2026/01/01',
          fineAmountYuan: '12,5',
        },
        { now: NOW },
      ),
    ).toEqual({
      subjectUscc: { code: 'uscc', problem: { code: 'CHECKSUM', expected: 'N' } },
      decidingAuthorityUscc: { code: 'uscc', problem: { code: 'LENGTH', count: 10 } },
      decisionDate: { code: 'date' },
      validFrom: { code: 'date' },
      fineAmountYuan: { code: 'amount' },
    });
    expect(validateRecordForm({ ...penalty, decisionDate: '2026-11-27' }, { now: NOW })).toEqual({
      decisionDate: { code: 'futureDate' },
    });
    expect(validateRecordForm({ ...penalty, validUntil: '2026-11-01' }, { now: NOW })).toEqual({
      validUntil: { code: 'beforeDecision' },
    });
  });

  it('shows only the fields the user finished with, except a USCC that is already wrong', () => {
    const typing = { ...EMPTY_RECORD_FORM, subjectUscc: '91440300MA5FXT4K8A', decidingAuthorityUscc: '114403' };
    expect(validateRecordForm(typing, { now: NOW, only: new Set() })).toEqual({
      subjectUscc: { code: 'uscc', problem: { code: 'CHECKSUM', expected: 'N' } },
    });
    expect(
      Object.keys(validateRecordForm(typing, { now: NOW, only: new Set(['subjectName', 'decidingAuthorityUscc']) })).sort(),
    ).toEqual(['decidingAuthorityUscc', 'subjectName', 'subjectUscc']);
  });

  it("maps the platform's field paths onto the form", () => {
    expect(formFieldOf('subject.uscc')).toBe('subjectUscc');
    expect(formFieldOf('decidingAuthority.uscc')).toBe('decidingAuthorityUscc');
    expect(formFieldOf('nonsense')).toBeUndefined();
  });
});
