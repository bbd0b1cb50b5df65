// The standalone composition: every service in one process, the in-process transport between them.
import { SERVICES } from '@credit-share/contracts';
import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { StandaloneModule } from './standalone.module';

describe('standalone platform (in-process transport, real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      modules: [],
      root: ({ databaseUrl, dataDir }) =>
        StandaloneModule.forRoot(loadConfig(PlatformConfig, { DATA_DIR: dataDir }), databaseUrl),
    });
  });
  afterAll(() => t.close());

  it("delivers the directory to every service's own copy, each event applied once", async () => {
    const operator = await t.token({ org: 'platform', roles: ['operator'] });
    const response = await fetch(`${t.url}/api/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'sz-tax',
        name: '国家税务总局深圳市税务局',
        type: 'government_department',
        uscc: '11440300690000023Q',
        catalogueItems: ['tax_rating'],
        sharingClasses: ['public'],
      }),
    });
    expect(response.status).toBe(201);
    for (const service of SERVICES.filter((s) => s !== 'credit-records')) {
      const db = t.runtime(service).db;
      const rows = await waitFor(
        async () => {
          const { rows } = await db.query<{ id: string; version: number }>(
            `SELECT id, version FROM organizations ORDER BY registered_at`,
          );
          return rows.length === 2 ? rows : undefined;
        },
        { description: `${service}'s directory copy` },
      );
      expect(rows).toEqual([
        { id: 'platform', version: 1 },
        { id: 'sz-tax', version: 1 },
      ]);
    }
  });

  it('serves the web console, health and the OpenAPI document', async () => {
    expect((await fetch(`${t.url}/`)).headers.get('content-type')).toMatch(/text\/html/);
    const health = (await (await fetch(`${t.url}/health`)).json()) as { status: string; checks: Record<string, unknown> };
    expect(health.status).toBe('ok');
    expect(Object.keys(health.checks).sort()).toEqual(
      [...SERVICES.map((s) => `${s}.database`), 'audit-ledger.ledger', 'transport'].sort(),
    );
  });
});
