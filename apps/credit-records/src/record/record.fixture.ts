// Shared fixtures of the credit-records integration specs: organisations and well-formed submissions built from the
// reference data (test/fixtures/reference-data, sample_records.jsonl of /work/shared/reference-data).
import type { RecordSubmissionV1 } from '@credit-share/contracts';

export const PLATFORM = { name: '信用中心', uscc: '12440300MB2C00013E' };

export const ORGS = {
  amr: {
    id: 'sz-amr',
    name: '深圳市市场监督管理局',
    type: 'government_department',
    uscc: '11440300690000015X',
    catalogueItems: ['administrative_penalty', 'administrative_license', 'inspection_result'],
    sharingClasses: ['public', 'conditional'],
  },
  tax: {
    id: 'sz-tax',
    name: '国家税务总局深圳市税务局',
    type: 'government_department',
    uscc: '11230500001755309F',
    catalogueItems: ['tax_rating', 'administrative_penalty'],
    sharingClasses: ['public'],
  },
  bakers: {
    id: 'sz-bakers',
    name: '深圳市烘焙商会',
    type: 'industry_association',
    uscc: '51440300MJ00000180',
    catalogueItems: ['industry_self_discipline', 'contract_performance'],
    sharingClasses: ['public'],
  },
} as const;

/** Valid codes from uscc_vectors.txt. */
export const SUBJECTS = ['91230500MA1B3N1N2M', '91152201078377449P', '91310112087994932F', '121200004013590816'] as const;

/** A penalty as the 2019+ 双公示 sample row of sample_records.jsonl has it (罚款2000元 = CF_NR_FK 0.2 万元). */
export function penalty(overrides: Partial<RecordSubmissionV1> = {}): RecordSubmissionV1 {
  return {
    kind: 'administrative_penalty',
    subject: { name: '双鸭山智慧城市运营有限公司', category: 'legal_person', uscc: '91230500MA1B3N1N2M' },
    decisionDocumentNumber: '市场【2026】1号',
    legalBasis: '依据《行业准入管理办法》第十二条',
    content: '罚款2000元',
    category: '罚款',
    decisionDate: '2026-02-27',
    validUntil: '2026-03-06',
    decidingAuthority: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
    sourceOrganization: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
    severity: 'general',
    fineAmountYuan: 2000,
    ...overrides,
  };
}

/** A running test app (TestApp of libs/testing); only its URL is needed. */
export interface HasUrl {
  url: string;
}

export function call(t: HasUrl) {
  return (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${t.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
}

export async function registerOrganizations(t: HasUrl, operator: string): Promise<void> {
  for (const org of Object.values(ORGS)) {
    const response = await call(t)('POST', '/api/v1/organizations', operator, org);
    if (response.status !== 201 && response.status !== 200) throw new Error(`registering ${org.id}: ${response.status}`);
  }
}
