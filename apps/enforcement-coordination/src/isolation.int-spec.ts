// Tenant isolation as a matrix (PRODUCT.md §6): every route of enforcement-coordination × every role × organisations.
// A route answers only the roles of PRODUCT.md §1 it admits; an enforcer only ever sees and acts on its own
// organisation's alerts and webhooks; bad input is a 4xx problem, never a 5xx.
import type { Role } from '@credit-share/auth';
import type { IntegrationEvent } from '@credit-share/contracts';
import { startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { listingDecided, messageOf, organizationRegistered } from './alert/integration-event.fixture';
import { openSse } from './delivery/sse-client';
import { EnforcementCoordinationModule } from './enforcement-coordination.module';

const SUBJECT = '91440300MA5G00007X';
const ORGS = [
  { id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' },
  { id: 'sz-finance', name: '深圳市财政局', type: 'government_department', uscc: '11440300690000031L' },
  { id: 'sz-amr', name: '深圳市市场监督管理局', type: 'government_department', uscc: '11440300690000015X' },
  { id: 'sz-bakers', name: '深圳市烘焙行业协会', type: 'industry_association', uscc: '51440300MJ00000180' },
] as const;

type Caller = { name: string; org: string; roles: Role[]; subject?: string };
const CALLERS: Caller[] = [
  { name: 'operator', org: 'platform', roles: ['operator'] },
  { name: 'platform auditor', org: 'platform', roles: ['auditor'] },
  { name: 'finance enforcer', org: 'sz-finance', roles: ['enforcer'] },
  { name: 'amr enforcer', org: 'sz-amr', roles: ['enforcer'] },
  { name: 'amr regulator', org: 'sz-amr', roles: ['regulator'] },
  { name: 'amr provider', org: 'sz-amr', roles: ['provider'] },
  { name: 'amr auditor', org: 'sz-amr', roles: ['auditor'] },
  { name: 'association "enforcer"', org: 'sz-bakers', roles: ['enforcer'] },
  { name: 'subject', org: SUBJECT, roles: ['subject'], subject: SUBJECT },
  { name: 'unregistered enforcer', org: 'nowhere', roles: ['enforcer'] },
];

describe('enforcement-coordination isolation matrix (real PostgreSQL, over HTTP)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const alertOf: Record<string, string> = {};

  const deliver = (...events: IntegrationEvent[]) =>
    t
      .runtime('enforcement-coordination')
      .consumers.handle({ topic: messageOf(events[0]!).topic, partition: 0, messages: events.map(messageOf) });
  const call = (method: string, path: string, caller: string | undefined, body?: unknown) =>
    fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: {
        ...(caller ? { authorization: `Bearer ${token[caller]}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestApp({ modules: [EnforcementCoordinationModule.forRoot({ serveDirectoryCopy: false })] });
    await deliver(...ORGS.map((o) => organizationRegistered({ ...o })));
    for (const c of CALLERS)
      token[c.name] = await t.token({ org: c.org, roles: c.roles, subject: c.subject, user: `${c.org}:u` });
    for (const [id, org] of [
      ['exclusion', 'sz-finance'],
      ['licence', 'sz-amr'],
    ]) {
      await call('POST', '/measures', 'operator', {
        id,
        content: id,
        target: '失信主体',
        legalBasis: '依据',
        implementingOrg: org,
      });
    }
    await call('POST', '/memoranda', 'operator', { listType: 'serious_dishonesty', measureIds: ['exclusion', 'licence'] });
    await deliver(listingDecided({ listingId: 'listing-iso', uscc: SUBJECT }));
    const all = (await (await call('GET', '/alerts', 'operator')).json()) as { id: string; org: string }[];
    for (const a of all) alertOf[a.org] = a.id;
    expect(Object.keys(alertOf).sort()).toEqual(['sz-amr', 'sz-finance']);
  });
  afterAll(() => t?.close());

  const admitted: Record<string, string[]> = {
    'GET /measures': ['operator', 'finance enforcer', 'amr enforcer', 'amr regulator'],
    'POST /measures': ['operator'],
    'GET /memoranda': ['operator', 'finance enforcer', 'amr enforcer', 'amr regulator'],
    'POST /memoranda': ['operator'],
    'GET /alerts': ['operator', 'finance enforcer', 'amr enforcer'],
    'GET /alerts/sla': ['operator'],
    'GET /alerts/stream': ['operator', 'finance enforcer', 'amr enforcer'],
    'POST /webhooks': ['operator', 'finance enforcer', 'amr enforcer'],
    'GET /webhooks': ['operator', 'finance enforcer', 'amr enforcer'],
    'GET /checks': ['finance enforcer', 'amr enforcer', 'amr regulator'],
  };
  const request: Record<string, () => [string, string, unknown?]> = {
    'GET /measures': () => ['GET', '/measures'],
    'POST /measures': () => [
      'POST',
      '/measures',
      { id: 'exclusion', content: 'exclusion', target: '失信主体', legalBasis: '依据', implementingOrg: 'sz-finance' },
    ],
    'GET /memoranda': () => ['GET', '/memoranda'],
    'POST /memoranda': () => ['POST', '/memoranda', { listType: 'red', measureIds: ['licence'] }],
    'GET /alerts': () => ['GET', '/alerts'],
    'GET /alerts/sla': () => ['GET', '/alerts/sla'],
    'GET /alerts/stream': () => ['GET', '/alerts/stream'],
    'POST /webhooks': () => ['POST', '/webhooks', { url: 'http://127.0.0.1:9/x', secret: 'a-secret-of-16-chars' }],
    'GET /webhooks': () => ['GET', '/webhooks'],
    'GET /checks': () => ['GET', `/checks/${SUBJECT}?purpose=enforcement`],
  };

  it.each(Object.keys(admitted))('%s answers exactly the roles it admits', async (route) => {
    const outcome: Record<string, number> = {};
    for (const caller of CALLERS) {
      const [method, path, body] = request[route]!();
      if (path.endsWith('/stream')) {
        const sse = await openSse(`${t.url}/api/v1${path}`, token[caller.name]!);
        sse.close();
        outcome[caller.name] = sse.status;
      } else {
        const response = await call(method, path, caller.name, body);
        await response.arrayBuffer();
        outcome[caller.name] = response.status;
      }
    }
    const expected = Object.fromEntries(
      CALLERS.map((c) => [c.name, admitted[route]!.includes(c.name) ? (outcome[c.name]! < 300 ? outcome[c.name]! : -1) : 403]),
    );
    expect(outcome).toEqual(expected);
    expect((await call(request[route]!()[0], request[route]!()[1], undefined, request[route]!()[2])).status).toBe(401);
  });

  it('lets an enforcer see and act on its own organisation’s alerts only', async () => {
    for (const [caller, org, other] of [
      ['finance enforcer', 'sz-finance', 'sz-amr'],
      ['amr enforcer', 'sz-amr', 'sz-finance'],
    ] as const) {
      const own = (await (await call('GET', '/alerts', caller)).json()) as { org: string }[];
      expect(own.map((a) => a.org)).toEqual([org]);
      const widened = (await (await call('GET', `/alerts?org=${other}`, caller)).json()) as { org: string }[];
      expect(widened.map((a) => a.org)).toEqual([org]);
      expect((await call('GET', `/alerts/${alertOf[other]}`, caller)).status).toBe(404);
      expect((await call('POST', `/alerts/${alertOf[other]}/acknowledgement`, caller)).status).toBe(404);
      expect((await call('POST', `/alerts/${alertOf[other]}/feedback`, caller, { outcome: 'applied', reason: 'x' })).status).toBe(
        404,
      );
      expect((await call('GET', `/alerts/${alertOf[org]}`, caller)).status).toBe(200);
    }
    // The operator reads every alert but does not act for an organisation.
    expect((await call('GET', `/alerts/${alertOf['sz-amr']}`, 'operator')).status).toBe(200);
    expect((await call('POST', `/alerts/${alertOf['sz-amr']}/acknowledgement`, 'operator')).status).toBe(403);
    // Each stream carries its own organisation's alerts only.
    const finance = await openSse(`${t.url}/api/v1/alerts/stream`, token['finance enforcer']!);
    await waitFor(async () => finance.events.length === 1);
    finance.close();
    expect(finance.events.map((e) => (JSON.parse(e.data) as { alert: { org: string } }).alert.org)).toEqual(['sz-finance']);
  });

  it('answers bad input with a 4xx problem, never a 5xx', async () => {
    const cases: [string, string, string, unknown?][] = [
      ['operator', 'POST', '/measures', '{"content": '],
      ['operator', 'POST', '/measures', { content: 1, target: [], implementingOrg: 'X' }],
      [
        'operator',
        'POST',
        '/measures',
        { id: 'UPPER', content: 'c', target: 't', legalBasis: 'l', implementingOrg: 'sz-finance' },
      ],
      [
        'operator',
        'POST',
        '/measures',
        { content: 'c', target: 't', legalBasis: 'l', implementingOrg: 'sz-finance', extra: true },
      ],
      ['operator', 'POST', '/memoranda', { listType: 'grey', measureIds: 'exclusion' }],
      ['operator', 'POST', '/memoranda', { listType: 'red', measureIds: [] }],
      ['operator', 'GET', '/alerts?limit=0', undefined],
      ['operator', 'GET', '/alerts?status=lost', undefined],
      ['operator', 'GET', '/alerts?uscc=123', undefined],
      [
        'finance enforcer',
        'POST',
        `/alerts/${alertOf['sz-finance']}/feedback`,
        { outcome: 'applied', reason: 'x'.repeat(3_000) },
      ],
      ['finance enforcer', 'POST', `/alerts/${alertOf['sz-finance']}/feedback`, []],
      ['finance enforcer', 'POST', '/webhooks', { url: 'ftp://example.org/x', secret: 'a-secret-of-16-chars' }],
      ['finance enforcer', 'GET', '/webhooks/webhook-nope/deliveries', undefined],
      ['finance enforcer', 'GET', '/webhooks/webhook-nope/deliveries?limit=x', undefined],
      ['finance enforcer', 'GET', `/checks/${SUBJECT}`, undefined],
      ['finance enforcer', 'GET', `/checks/${SUBJECT}?purpose=enforcement&purpose=inspection`, undefined],
      ['finance enforcer', 'GET', '/checks/%E4%B8%AD?purpose=enforcement', undefined],
    ];
    for (const [caller, method, path, body] of cases) {
      const response = await call(method, path, caller, body);
      const problem = (await response.json()) as { status: number; code: string };
      expect([method, path, response.status >= 400 && response.status < 500]).toEqual([method, path, true]);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem.status).toBe(response.status);
    }
  });
});
