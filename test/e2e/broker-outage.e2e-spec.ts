// The event store is the outbox: while the broker is down, registrations still succeed (their events wait in the
// store), and once the broker is back the relay publishes them and the other services catch up.
import { TestCluster, waitFor } from '@credit-share/testing';
import { department, type DirectoryRow } from './support';

describe('events appended while the broker is down (Kafka)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'credit-profiles'] });
  });
  afterAll(() => cluster?.stop());

  it('flow after it returns', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const copy = async () => {
      const response = await cluster.call('credit-profiles', 'GET', '/api/v1/organizations', operator);
      return response.status === 200 ? ((await response.json()) as DirectoryRow[]).map((r) => r.id) : [];
    };
    await waitFor(async () => (await copy()).includes('platform'), { timeoutMs: 30_000, description: 'platform in the copy' });

    await cluster.stopKafka();
    for (let n = 1; n <= 5; n++) {
      expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(n))).status).toBe(201);
    }
    const health = await (await cluster.call('credit-records', 'GET', '/health')).json();
    expect(health).toMatchObject({ status: 'degraded', checks: { transport: { status: 'down' } } });
    const metrics = await (await cluster.call('credit-records', 'GET', '/metrics')).text();
    expect(metrics).toMatch(/credit_share_relay_lag_events\{service="credit-records"\} [1-9]/);
    expect(await copy()).toEqual(['platform']);

    await cluster.startKafka();
    const ids = await waitFor(async () => ((await copy()).length === 6 ? copy() : undefined), {
      timeoutMs: 90_000,
      description: 'the five organisations to reach credit-profiles',
    });
    expect(ids).toEqual(['platform', 'dept-1', 'dept-2', 'dept-3', 'dept-4', 'dept-5']);
  });
});
