// Tenant isolation (PRODUCT.md §1, §6; issue 3 "Done when"): every credit-records route × organisation × role, as
// data. A provider never touches another organisation's records; regulators and the operator see the sharing
// classes of their organisation; a subject only its own USCC; roles a route does not admit get 403.
//
// Add rows to CASES for new routes (objections, repairs, import): `path` and `body` receive the fixture's ids.
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from './credit-records.module';
import { INITIAL_CATALOGUE } from './catalogue/catalogue';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from './record/record.fixture';

const CALLERS = {
  operator: { org: 'platform', roles: ['operator'] },
  amrProvider: { org: ORGS.amr.id, roles: ['provider'] },
  amrRegulator: { org: ORGS.amr.id, roles: ['regulator'] },
  amrEnforcer: { org: ORGS.amr.id, roles: ['enforcer'] },
  amrAuditor: { org: ORGS.amr.id, roles: ['auditor'] },
  taxProvider: { org: ORGS.tax.id, roles: ['provider'] },
  taxRegulator: { org: ORGS.tax.id, roles: ['regulator'] },
  bakersProvider: { org: ORGS.bakers.id, roles: ['provider'] },
  ownSubject: { org: SUBJECTS[0], roles: ['subject'], subject: SUBJECTS[0] },
  otherSubject: { org: SUBJECTS[3], roles: ['subject'], subject: SUBJECTS[3] },
} as const;

type CallerName = keyof typeof CALLERS;
const ALL = Object.keys(CALLERS) as CallerName[];

/** Ids the fixture created: a public penalty of sz-amr and a conditional tax rating of sz-tax, both about SUBJECTS[0]. */
interface Fixture {
  amrRecord: string;
  taxRecord: string;
}

interface Case {
  route: string;
  method: 'GET' | 'POST';
  path: (f: Fixture) => string;
  body?: (f: Fixture, caller: CallerName) => unknown;
  /** Expected status per caller; callers not named get `otherwise`. */
  expect: Partial<Record<CallerName, number>>;
  otherwise: number;
  /** For list routes: the record ids each caller may see. */
  sees?: Partial<Record<CallerName, (f: Fixture) => string[]>>;
}

const penaltyFor = (caller: CallerName) => penalty({ decisionDocumentNumber: `ISO-${caller}` });

const CASES: Case[] = [
  {
    route: 'GET /catalogue',
    method: 'GET',
    path: () => '/api/v1/catalogue',
    expect: Object.fromEntries(ALL.map((c) => [c, 200])),
    otherwise: 200,
  },
  {
    route: 'POST /catalogue',
    method: 'POST',
    path: () => '/api/v1/catalogue',
    body: () => ({ effectiveFrom: '2026-01-01', items: INITIAL_CATALOGUE.items }),
    expect: { operator: 201 },
    otherwise: 403,
  },
  {
    route: 'GET /identifier-exceptions',
    method: 'GET',
    path: () => '/api/v1/identifier-exceptions',
    expect: { operator: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /identifier-exceptions',
    method: 'POST',
    path: () => '/api/v1/identifier-exceptions',
    body: () => ({ uscc: '91350100M0001TGQXM', reason: 'pilot-era Fujian code', source: 'uscc_vectors.txt' }),
    expect: { operator: 201 },
    otherwise: 403,
  },
  {
    route: 'GET /records/{id} (public, sz-amr)',
    method: 'GET',
    path: (f) => `/api/v1/records/${f.amrRecord}`,
    expect: {
      operator: 200,
      amrProvider: 200,
      amrRegulator: 200,
      taxRegulator: 200,
      ownSubject: 200,
      taxProvider: 404,
      bakersProvider: 404,
      otherSubject: 404,
    },
    otherwise: 403,
  },
  {
    route: 'GET /records/{id} (conditional, sz-tax)',
    method: 'GET',
    path: (f) => `/api/v1/records/${f.taxRecord}`,
    // sz-tax's own organisation may see only public information; its provider sees its own record.
    expect: {
      operator: 200,
      taxProvider: 200,
      amrRegulator: 200,
      ownSubject: 200,
      taxRegulator: 404,
      amrProvider: 404,
      bakersProvider: 404,
      otherSubject: 404,
    },
    otherwise: 403,
  },
  {
    route: 'GET /records?subject=',
    method: 'GET',
    path: () => `/api/v1/records?subject=${SUBJECTS[0]}`,
    expect: {
      operator: 200,
      amrProvider: 200,
      amrRegulator: 200,
      taxProvider: 200,
      taxRegulator: 200,
      bakersProvider: 200,
      ownSubject: 200,
      otherSubject: 403,
    },
    otherwise: 403,
    sees: {
      amrProvider: (f) => [f.amrRecord],
      taxProvider: (f) => [f.taxRecord],
      taxRegulator: (f) => [f.amrRecord],
      amrRegulator: (f) => [f.amrRecord, f.taxRecord],
      bakersProvider: () => [],
    },
  },
  {
    // Without subject (provider, operator): the caller organisation's own records; others need a subject (400).
    route: 'GET /records (own, no subject)',
    method: 'GET',
    path: () => '/api/v1/records?limit=200',
    expect: {
      operator: 200,
      amrProvider: 200,
      taxProvider: 200,
      bakersProvider: 200,
      amrRegulator: 400,
      taxRegulator: 400,
      ownSubject: 400,
      otherSubject: 400,
    },
    otherwise: 403,
    sees: {
      operator: (f) => [f.amrRecord, f.taxRecord],
      amrProvider: (f) => [f.amrRecord],
      taxProvider: (f) => [f.taxRecord],
      bakersProvider: () => [],
    },
  },
  {
    route: 'POST /records',
    method: 'POST',
    path: () => '/api/v1/records',
    body: (_, caller) => penaltyFor(caller),
    // sz-tax may submit penalties; an industry association may not submit public credit information.
    expect: { amrProvider: 201, taxProvider: 201, bakersProvider: 400 },
    otherwise: 403,
  },
  {
    route: 'POST /records/batch',
    method: 'POST',
    path: () => '/api/v1/records/batch',
    body: (_, caller) => ({ records: [penalty({ decisionDocumentNumber: `ISO-B-${caller}` })] }),
    expect: { amrProvider: 200, taxProvider: 200, bakersProvider: 200 },
    otherwise: 403,
  },
  {
    route: 'POST /records/{id}/corrections',
    method: 'POST',
    path: (f) => `/api/v1/records/${f.amrRecord}/corrections`,
    body: () => ({ ...penalty({ decisionDocumentNumber: 'ISO-FIXTURE', fineAmountYuan: 2500 }), reason: 'correction' }),
    expect: { amrProvider: 200, taxProvider: 404, bakersProvider: 404 },
    otherwise: 403,
  },
  {
    route: 'POST /records/{id}/withdrawal',
    method: 'POST',
    path: (f) => `/api/v1/records/${f.taxRecord}/withdrawal`,
    body: () => ({ reason: 'revoked' }),
    expect: { taxProvider: 200, amrProvider: 404, bakersProvider: 404 },
    otherwise: 403,
  },
  // Objections and repairs (apps/credit-records/src/objection, src/repair). Routes on an objection's or an
  // application's id have their own matrix in objection/objection-repair.tenant-isolation.int-spec.ts.
  {
    route: 'POST /repairs',
    method: 'POST',
    path: () => '/api/v1/repairs',
    // The sz-amr penalty (general, decided 2026-02-27) is repairable from 2026-05-28; only its own subject applies.
    body: (f) => ({ recordId: f.amrRecord, commitment: '信用承诺', evidence: ['罚款缴纳凭证'] }),
    expect: { ownSubject: 201, otherSubject: 404 },
    otherwise: 403,
  },
  {
    route: 'POST /objections',
    method: 'POST',
    path: () => '/api/v1/objections',
    body: (f) => ({ recordId: f.amrRecord, ground: 'wrong_facts', statement: '罚款已缴纳' }),
    // The operator files on the subject's behalf first; the subject's own objection then meets the pending one.
    expect: { operator: 201, ownSubject: 409, otherSubject: 404 },
    otherwise: 403,
  },
  {
    route: 'GET /objections',
    method: 'GET',
    path: () => '/api/v1/objections',
    expect: { amrEnforcer: 403, amrAuditor: 403 },
    otherwise: 200,
  },
  {
    route: 'GET /repairs',
    method: 'GET',
    path: () => '/api/v1/repairs',
    expect: { amrEnforcer: 403, amrAuditor: 403 },
    otherwise: 200,
  },
  {
    route: 'GET /data-quality',
    method: 'GET',
    path: () => '/api/v1/data-quality',
    expect: { operator: 200, amrProvider: 200, taxProvider: 200, bakersProvider: 200 },
    otherwise: 403,
  },
];

describe('tenant isolation: organisation × role × route (credit-records)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  const tokens = {} as Record<CallerName, string>;
  const fixture = {} as Fixture;

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })],
      clock: new FixedClock('2026-06-01T10:00:00+08:00'),
    });
    http = call(t);
    for (const name of ALL) tokens[name] = await t.token({ ...CALLERS[name], roles: [...CALLERS[name].roles] });
    await registerOrganizations(t, tokens.operator);
    const amr = await http('POST', '/api/v1/records', tokens.amrProvider, penalty({ decisionDocumentNumber: 'ISO-FIXTURE' }));
    fixture.amrRecord = ((await amr.json()) as { id: string }).id;
    const tax = await http('POST', '/api/v1/records', tokens.taxProvider, {
      kind: 'tax_rating',
      subject: { name: '双鸭山智慧城市运营有限公司', uscc: SUBJECTS[0] },
      decisionDocumentNumber: 'TAX-A-2025',
      content: '2025年度纳税信用A级',
      decisionDate: '2026-04-01',
    });
    fixture.taxRecord = ((await tax.json()) as { id: string }).id;
    expect(fixture.amrRecord).toBeDefined();
    expect(fixture.taxRecord).toBeDefined();
  });
  afterAll(() => t.close());

  // Mutating routes run after the reads in the order of CASES; "sees" lists are checked before any withdrawal.
  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_, c) => {
    const outcomes: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const caller of ALL) {
      const response = await http(c.method, c.path(fixture), tokens[caller], c.body?.(fixture, caller));
      outcomes[caller] = response.status;
      expected[caller] = c.expect[caller] ?? c.otherwise;
      const sees = c.sees?.[caller];
      if (sees && response.status === 200) {
        const ids = ((await response.json()) as { id: string }[]).map((r) => r.id).sort();
        expect([caller, ids]).toEqual([caller, sees(fixture).sort()]);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('answers 401 on every route without a token', async () => {
    for (const c of CASES) {
      expect([c.route, (await http(c.method, c.path(fixture), undefined, c.body?.(fixture, 'operator'))).status]).toEqual([
        c.route,
        401,
      ]);
    }
  });
});
