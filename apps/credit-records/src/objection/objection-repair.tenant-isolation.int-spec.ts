// Tenant isolation of the routes on one objection or repair application (organisation × role × route, as data):
// only the record's provider department decides; parties see, nobody else learns it exists. The routes without an
// id are rows of the service's matrix (../tenant-isolation.int-spec.ts).
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from '../record/record.fixture';

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

/** An objection and a repair application of SUBJECTS[0] against sz-amr penalties. */
interface Fixture {
  objection: string;
  repair: string;
}

interface Case {
  route: string;
  method: 'GET' | 'POST';
  path: (f: Fixture) => string;
  body?: unknown;
  expect: Partial<Record<CallerName, number>>;
  otherwise: number;
  /** For list routes: the ids each caller sees. */
  sees?: Partial<Record<CallerName, (f: Fixture) => string[]>>;
}

const PARTIES_SEE = { operator: 200, amrProvider: 200, amrRegulator: 200, ownSubject: 200 } as const;
const OTHERS_DO_NOT = { taxProvider: 404, taxRegulator: 404, bakersProvider: 404, otherSubject: 404 } as const;

const CASES: Case[] = [
  {
    route: 'GET /objections/{id}',
    method: 'GET',
    path: (f) => `/api/v1/objections/${f.objection}`,
    expect: { ...PARTIES_SEE, ...OTHERS_DO_NOT },
    otherwise: 403,
  },
  {
    route: 'GET /objections',
    method: 'GET',
    path: () => '/api/v1/objections',
    expect: { amrEnforcer: 403, amrAuditor: 403 },
    otherwise: 200,
    sees: {
      operator: (f) => [f.objection],
      amrProvider: (f) => [f.objection],
      amrRegulator: (f) => [f.objection],
      ownSubject: (f) => [f.objection],
      taxProvider: () => [],
      taxRegulator: () => [],
      bakersProvider: () => [],
      otherSubject: () => [],
    },
  },
  {
    route: 'GET /repairs/{id}',
    method: 'GET',
    path: (f) => `/api/v1/repairs/${f.repair}`,
    expect: { ...PARTIES_SEE, ...OTHERS_DO_NOT },
    otherwise: 403,
  },
  {
    route: 'GET /repairs',
    method: 'GET',
    path: () => '/api/v1/repairs',
    expect: { amrEnforcer: 403, amrAuditor: 403 },
    otherwise: 200,
    sees: {
      operator: (f) => [f.repair],
      amrProvider: (f) => [f.repair],
      amrRegulator: (f) => [f.repair],
      ownSubject: (f) => [f.repair],
      taxProvider: () => [],
      taxRegulator: () => [],
      bakersProvider: () => [],
      otherSubject: () => [],
    },
  },
  {
    route: 'POST /objections/{id}/decision',
    method: 'POST',
    path: (f) => `/api/v1/objections/${f.objection}/decision`,
    body: { outcome: 'rejected', reason: '处罚决定事实清楚' },
    // Another organisation's decider is told the objection does not exist, even after it was decided; a department's
    // provider staff may not decide (its regulators do), an association's may (it has no regulators) — its own only.
    expect: { amrRegulator: 200, taxRegulator: 404, bakersProvider: 404 },
    otherwise: 403,
  },
  {
    route: 'POST /repairs/{id}/decision',
    method: 'POST',
    path: (f) => `/api/v1/repairs/${f.repair}/decision`,
    body: { outcome: 'approved', reason: '已履行处罚决定' },
    expect: { amrRegulator: 200, taxRegulator: 404, bakersProvider: 404 },
    otherwise: 403,
  },
];

describe('tenant isolation of objections and repairs: organisation × role × route', () => {
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
    const idOf = async (response: Response) => {
      const body = (await response.json()) as { id: string };
      if (response.status !== 201) throw new Error(`fixture: ${response.status} ${JSON.stringify(body)}`);
      return body.id;
    };
    const disputed = await idOf(
      await http('POST', '/api/v1/records', tokens.amrProvider, penalty({ decisionDocumentNumber: 'T-1' })),
    );
    const repairable = await idOf(
      await http('POST', '/api/v1/records', tokens.amrProvider, penalty({ decisionDocumentNumber: 'T-2' })),
    );
    fixture.objection = await idOf(
      await http('POST', '/api/v1/objections', tokens.ownSubject, {
        recordId: disputed,
        ground: 'wrong_facts',
        statement: '有误',
      }),
    );
    fixture.repair = await idOf(
      await http('POST', '/api/v1/repairs', tokens.ownSubject, { recordId: repairable, commitment: '承诺', evidence: ['凭证'] }),
    );
  });
  afterAll(() => t.close());

  it.each(CASES.map((c) => [c.route, c] as const))('%s', async (_, c) => {
    const outcomes: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const caller of ALL) {
      const response = await http(c.method, c.path(fixture), tokens[caller], c.body);
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
      expect([c.route, (await http(c.method, c.path(fixture), undefined, c.body)).status]).toEqual([c.route, 401]);
    }
  });
});
