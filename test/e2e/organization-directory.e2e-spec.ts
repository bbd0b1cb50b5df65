// Distributed mode, real Kafka: an organisation registered in credit-records' process appears in every other
// service's own copy of the directory, which that service then uses to authorise requests.
import { SERVICES } from '@credit-share/contracts';
import { TestCluster, waitFor } from '@credit-share/testing';
import { department, type DirectoryRow } from './support';

describe('organisation directory across service processes (Kafka)', () => {
  let cluster: TestCluster;
  let operator: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: [...SERVICES] });
    operator = await cluster.token({ org: 'platform', roles: ['operator'] });
  });
  afterAll(() => cluster?.stop());

  it('reaches the copy of every other service', async () => {
    const created = await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(1));
    expect(created.status).toBe(201);
    for (const service of SERVICES.filter((s) => s !== 'credit-records')) {
      const copy = await waitFor(
        async () => {
          const response = await cluster.call(service, 'GET', '/api/v1/organizations', operator);
          if (response.status !== 200) return undefined;
          const rows = (await response.json()) as DirectoryRow[];
          return rows.some((r) => r.id === 'dept-1') ? rows : undefined;
        },
        { timeoutMs: 30_000, description: `dept-1 in ${service}'s copy` },
      );
      expect(copy.map((r) => [r.id, r.version])).toEqual([
        ['platform', 1],
        ['dept-1', 1],
      ]);
    }
  });

  it("authorises with the service's own copy: a newly registered organisation is admitted once its copy has it", async () => {
    const auditor = await cluster.token({ org: 'dept-2', roles: ['auditor'] });
    const before = await cluster.call('audit-ledger', 'GET', '/api/v1/organizations', auditor);
    expect(before.status).toBe(403);
    expect(await before.json()).toMatchObject({ code: 'AUTH.ORGANIZATION_UNKNOWN' });
    expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(2))).status).toBe(201);
    await waitFor(async () => (await cluster.call('audit-ledger', 'GET', '/api/v1/organizations', auditor)).status === 200, {
      timeoutMs: 30_000,
      description: 'audit-ledger to admit dept-2',
    });
  });
});
