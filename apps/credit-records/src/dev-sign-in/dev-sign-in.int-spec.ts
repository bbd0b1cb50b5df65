import { startTestApp, type TestApp } from '@credit-share/testing';
import { decodeJwt } from 'jose';
import { CreditRecordsModule } from '../credit-records.module';

const platform = { name: '信用中心', uscc: '12440300MB2C00013E' };

const call = (t: TestApp, method: string, path: string, body?: unknown, token?: string) =>
  fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('development sign-in for the console, AUTH_MODE=dev (real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform })] });
    const operator = await t.token({ org: 'platform', roles: ['operator'] });
    const registered = await call(
      t,
      'POST',
      '/api/v1/organizations',
      {
        id: 'sz-bakers',
        name: '深圳市烘焙行业协会',
        type: 'industry_association',
        uscc: '51440300MJ00000180',
        catalogueItems: ['industry_self_discipline'],
        sharingClasses: ['public'],
      },
      operator,
    );
    expect(registered.status).toBe(201);
  });
  afterAll(() => t.close());

  it('lists the directory without a token, with the roles each organisation type permits', async () => {
    const response = await call(t, 'GET', '/api/v1/dev/organizations');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { id: 'platform', name: '信用中心', type: 'platform_operator', roles: ['operator', 'auditor'] },
      { id: 'sz-bakers', name: '深圳市烘焙行业协会', type: 'industry_association', roles: ['provider'] },
    ]);
  });

  it('issues a token for an organisation and role that the platform then accepts', async () => {
    const response = await call(t, 'POST', '/api/v1/dev/tokens', { org: 'platform', role: 'operator' });
    expect(response.status).toBe(201);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    expect(decodeJwt(token)).toMatchObject({ sub: 'platform:console', org: 'platform', roles: ['operator'] });
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect((await call(t, 'GET', '/api/v1/organizations', undefined, token)).status).toBe(200);
  });

  it('issues an enterprise its own subject token from its USCC, normalised', async () => {
    const response = await call(t, 'POST', '/api/v1/dev/tokens', { role: 'subject', subject: ' 91440300ma5fxt4k8n ' });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    expect(decodeJwt(token)).toMatchObject({ org: '91440300MA5FXT4K8N', subject: '91440300MA5FXT4K8N', roles: ['subject'] });
  });

  it('refuses unknown organisations, roles the type does not permit, bad USCCs and malformed bodies, per field', async () => {
    const cases: Array<[unknown, { field: string; code: string }]> = [
      [
        { org: 'nobody', role: 'operator' },
        { field: 'org', code: 'UNKNOWN_ORGANIZATION' },
      ],
      [
        { org: 'sz-bakers', role: 'regulator' },
        { field: 'role', code: 'ROLE_NOT_PERMITTED' },
      ],
      [
        { role: 'subject', subject: '91440300MA5FXT4K8A' },
        { field: 'subject', code: 'CHECKSUM' },
      ],
      [
        { org: 'platform', role: 'emperor' },
        { field: 'role', code: 'IS_IN' },
      ],
      [{ role: 'operator' }, { field: 'org', code: 'IS_NOT_EMPTY' }],
    ];
    for (const [body, error] of cases) {
      const response = await call(t, 'POST', '/api/v1/dev/tokens', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining(error));
    }
  });

  it('is not part of the published API document', async () => {
    const openapi = (await (await call(t, 'GET', '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).filter((p) => p.startsWith('/api/v1/dev'))).toEqual([]);
  });
});

describe('development sign-in, AUTH_MODE=oidc', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform })],
      env: {
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: 'https://idp.example.test/realms/credit-share',
        AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
      },
    });
  });
  afterAll(() => t.close());

  it('answers 404 to every development route, whatever the body', async () => {
    const answers = [
      await call(t, 'GET', '/api/v1/dev/organizations'),
      await call(t, 'POST', '/api/v1/dev/tokens', { org: 'platform', role: 'operator' }),
      await call(t, 'POST', '/api/v1/dev/tokens', { role: 'emperor' }),
    ];
    for (const response of answers) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ status: 404, code: 'AUTH.NO_DEV_ISSUER' });
    }
  });
});
