import { rebuildProjection } from '@credit-share/event-store';
import { startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule, creditRecordsProjections } from '../credit-records.module';

const PLATFORM_USCC = '12440300MB2C00013E';

const amr = {
  id: 'sz-amr',
  name: '深圳市市场监督管理局',
  type: 'government_department',
  uscc: '11440300690000015X',
  catalogueItems: ['administrative_penalty', 'administrative_license'],
  sharingClasses: ['public', 'conditional'],
};

describe('organisation directory over HTTP (standalone mode, real PostgreSQL)', () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: { name: '信用中心', uscc: PLATFORM_USCC } })],
    });
    operator = await t.token({ org: 'platform', roles: ['operator'] });
  });
  afterAll(() => t.close());

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${t.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('exists with the platform operator from the first start', async () => {
    const response = await call('GET', '/api/v1/organizations', operator);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      expect.objectContaining({
        id: 'platform',
        type: 'platform_operator',
        uscc: PLATFORM_USCC,
        sharingClasses: ['public', 'conditional', 'restricted'],
      }),
    ]);
  });

  it('answers 401 without a token and with a token of another issuer', async () => {
    const none = await call('GET', '/api/v1/organizations');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ status: 401, code: 'AUTH.TOKEN_MISSING' });
    const forged = operator.slice(0, -6) + (operator.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect((await call('GET', '/api/v1/organizations', forged)).status).toBe(401);
  });

  it('answers 403 to a role the route does not admit, and to an organisation that is not registered', async () => {
    const provider = await t.token({ org: 'platform', roles: ['provider'] });
    expect(await (await call('GET', '/api/v1/organizations', provider)).json()).toMatchObject({
      status: 403,
      code: 'AUTH.ROLE_REQUIRED',
    });
    const stranger = await t.token({ org: 'nobody', roles: ['operator'] });
    expect(await (await call('POST', '/api/v1/organizations', stranger, amr)).json()).toMatchObject({
      status: 403,
      code: 'AUTH.ORGANIZATION_UNKNOWN',
    });
  });

  it('answers 400 with field errors for a bad body, and for malformed JSON', async () => {
    const response = await call('POST', '/api/v1/organizations', operator, {
      ...amr,
      type: 'guild',
      uscc: '91110000600037341M',
      sharingClasses: ['secret'],
      extra: 1,
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'sharingClasses', 'type']);
    const checksum = await (await call('POST', '/api/v1/organizations', operator, { ...amr, uscc: '91110000600037341M' })).json();
    expect(checksum).toMatchObject({ status: 400, errors: [{ field: 'uscc', code: 'CHECKSUM' }] });
    const malformed = await call('POST', '/api/v1/organizations', operator, '{"name": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });
  });

  it('registers an organisation (201), accepts the identical request again (200) and refuses conflicts (409)', async () => {
    const created = await call('POST', '/api/v1/organizations', operator, amr);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ...amr, version: 1, informationCategory: 'public_credit' });
    expect((await call('POST', '/api/v1/organizations', operator, amr)).status).toBe(200);
    const renamed = await call('POST', '/api/v1/organizations', operator, { ...amr, name: 'renamed' });
    expect(renamed.status).toBe(409);
    expect(await renamed.json()).toMatchObject({ code: 'ORGANIZATION.ALREADY_REGISTERED' });
    const sameUscc = await call('POST', '/api/v1/organizations', operator, { ...amr, id: 'sz-amr-copy' });
    expect(sameUscc.status).toBe(409);
    expect(await sameUscc.json()).toMatchObject({ code: 'ORGANIZATION.USCC_TAKEN' });
    const listed = (await (await call('GET', '/api/v1/organizations', operator)).json()) as Array<{ id: string }>;
    expect(listed.map((o) => o.id)).toEqual(['platform', 'sz-amr']);
  });

  it('lets the registered organisation act in the roles its type permits, and no others', async () => {
    const auditor = await t.token({ org: 'sz-amr', roles: ['auditor'] });
    expect((await call('GET', '/api/v1/organizations', auditor)).status).toBe(200);
    await call('POST', '/api/v1/organizations', operator, {
      ...amr,
      id: 'sz-bakers',
      type: 'industry_association',
      uscc: '51440300MJ00000180',
      catalogueItems: ['industry_self_discipline'],
    });
    const associationAuditor = await t.token({ org: 'sz-bakers', roles: ['auditor'] });
    expect(await (await call('GET', '/api/v1/organizations', associationAuditor)).json()).toMatchObject({
      status: 403,
      code: 'AUTH.ROLE_NOT_PERMITTED_FOR_ORGANIZATION',
    });
  });

  it('changes permissions, with a new directory version', async () => {
    const response = await call('PUT', '/api/v1/organizations/sz-amr/permissions', operator, {
      catalogueItems: ['administrative_penalty'],
      sharingClasses: ['public'],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      catalogueItems: ['administrative_penalty'],
      sharingClasses: ['public'],
      version: 2,
    });
    expect(
      (await call('PUT', '/api/v1/organizations/nope/permissions', operator, { catalogueItems: [], sharingClasses: [] })).status,
    ).toBe(404);
  });

  it('rebuilds the directory from history identical to the live table', async () => {
    const runtime = t.runtime('credit-records');
    const dump = async () => (await runtime.db.query(`SELECT * FROM organizations ORDER BY id`)).rows;
    const live = await dump();
    const [projection] = creditRecordsProjections(runtime);
    const result = await rebuildProjection(runtime.db, runtime.store, projection!);
    expect(result.events).toBe(4);
    expect(await dump()).toEqual(live);
  });

  it('serves health, OpenAPI and Swagger UI without a token', async () => {
    expect(await (await call('GET', '/health')).json()).toMatchObject({ status: 'ok' });
    const openapi = (await (await call('GET', '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/organizations', '/api/v1/organizations/{id}/permissions']),
    );
    expect((await call('GET', '/api/docs')).status).toBe(200);
    const metrics = await (await call('GET', '/metrics')).text();
    expect(metrics).toMatch(/credit_share_relay_lag_events\{service="credit-records"\} 0/);
  });
});
