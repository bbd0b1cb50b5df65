// Kill -9 a consuming service while messages flow; after it restarts, every message is applied exactly once:
// nothing is missing and no organisation's copy counts an event twice (version stays 1).
import { TestCluster, waitFor } from '@credit-share/testing';
import { Client } from 'pg';
import { department } from './support';

const ORGANIZATIONS = 120;

describe('a consumer killed mid-stream (Kafka)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'joint-supervision'] });
  });
  afterAll(() => cluster?.stop());

  it('applies every message exactly once after restarting', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const db = new Client({ connectionString: cluster.databaseUrl });
    db.on('error', () => undefined); // the server stops at the end of the run
    await db.connect();
    try {
      const copied = async () =>
        Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM joint_supervision.organizations`)).rows[0]!.n);

      let next = 1;
      const registerAll = (async () => {
        // Four clients registering concurrently keep messages flowing while the consumer dies.
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next <= ORGANIZATIONS) {
              const n = next++;
              const response = await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(n));
              if (response.status !== 201) throw new Error(`registration ${n}: HTTP ${response.status} ${await response.text()}`);
            }
          }),
        );
      })();

      await waitFor(async () => (await copied()) >= 15, { timeoutMs: 30_000, description: 'the consumer to be mid-stream' });
      const consumer = cluster.service('joint-supervision');
      await consumer.kill();
      const atKill = await copied();
      expect(atKill).toBeLessThan(ORGANIZATIONS + 1);
      await registerAll;
      await consumer.start();

      await waitFor(async () => (await copied()) === ORGANIZATIONS + 1, {
        timeoutMs: 60_000,
        description: 'every organisation in the copy',
      });
      const { rows } = await db.query<{ id: string; version: number }>(`SELECT id, version FROM joint_supervision.organizations`);
      expect(rows.filter((r) => r.version !== 1)).toEqual([]);
      const inbox = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM joint_supervision.inbox`);
      expect(Number(inbox.rows[0]!.n)).toBe(ORGANIZATIONS + 1);
    } finally {
      await db.end();
    }
  });
});
