// The audit ledger in the distributed mode (Kafka): it records what credit-records publishes, exactly once even when
// killed mid-stream, signs checkpoints a C2SP tool can read, and `npx credit-share audit verify` (the real CLI, from
// dist/) passes on it — and fails, naming the index, once a leaf is changed in the database.
import { TestCluster, waitFor } from '@credit-share/testing';
import { projectRoot } from '@credit-share/local-infra';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkpointFromSignedNote, parseVerifierKey } from '../../apps/audit-ledger/src/ledger/signed-note';
import { department } from './support';

const ORGANIZATIONS = 60;

function auditVerify(args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [join(projectRoot(), 'bin', 'credit-share.js'), 'audit', 'verify', ...args], {
    env: { PATH: process.env['PATH'] ?? '' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout + result.stderr };
}

describe('audit ledger (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'audit-ledger'] });
  });
  afterAll(() => cluster?.stop());

  it('records every published event once across a crash, and verifies; a changed leaf is named by the CLI', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const auditor = await cluster.token({ org: 'platform', roles: ['auditor'] });
    const db = new Client({ connectionString: cluster.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    try {
      const recorded = async () =>
        Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_ledger.ledger_leaves`)).rows[0]!.n);
      let next = 1;
      const registerAll = Promise.all(
        Array.from({ length: 3 }, async () => {
          while (next <= ORGANIZATIONS) {
            const n = next++;
            const response = await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(n));
            if (response.status !== 201) throw new Error(`registration ${n}: HTTP ${response.status}`);
          }
        }),
      );
      await waitFor(async () => (await recorded()) >= 10, { timeoutMs: 30_000, description: 'the ledger to be mid-stream' });
      const ledger = cluster.service('audit-ledger');
      await ledger.kill();
      await registerAll;
      await ledger.start();

      const checkpoint = await waitFor(
        async () => {
          const response = await cluster.call('audit-ledger', 'GET', '/api/v1/audit/checkpoint', auditor);
          const body = response.status === 200 ? ((await response.json()) as { treeSize: number; rootHash: string }) : null;
          return body?.treeSize === ORGANIZATIONS + 1 ? body : undefined;
        },
        { timeoutMs: 60_000, description: 'a checkpoint covering every registration' },
      );
      const { rows } = await db.query<{ id: string; n: string }>(
        `SELECT convert_from(leaf, 'UTF8')::jsonb #>> '{event,data,id}' AS id, count(*)::text AS n
           FROM audit_ledger.ledger_leaves GROUP BY 1 HAVING count(*) > 1`,
      );
      expect(rows).toEqual([]); // each message once, despite the redelivery after the crash

      const { verifierKey } = (await (await cluster.call('audit-ledger', 'GET', '/api/v1/audit/key')).json()) as {
        verifierKey: string;
      };
      const note = await (
        await fetch(`${cluster.service('audit-ledger').url}/api/v1/audit/checkpoint`, {
          headers: { authorization: `Bearer ${auditor}`, accept: 'text/plain' },
        })
      ).text();
      const { seq: _seq, ...signed } = checkpoint as typeof checkpoint & { seq: number };
      expect(checkpointFromSignedNote(note, [parseVerifierKey(verifierKey)])).toEqual(signed);

      const args = ['--url', cluster.service('audit-ledger').url, '--token', auditor, '--key', verifierKey];
      const verified = auditVerify(args);
      expect(verified.stdout).toContain(`audit ledger verified: ${ORGANIZATIONS + 1} entries`);
      expect(verified.status).toBe(0);

      await db.query(`ALTER TABLE audit_ledger.ledger_leaves DISABLE TRIGGER USER`);
      await db.query(
        `UPDATE audit_ledger.ledger_leaves SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '测试部门', '伪造部门'), 'UTF8')
          WHERE leaf_index = 17`,
      );
      await db.query(`ALTER TABLE audit_ledger.ledger_leaves ENABLE TRIGGER USER`);
      const tampered = auditVerify(args);
      expect(tampered.stdout).toContain('first bad index: 17');
      expect(tampered.status).toBe(1);
    } finally {
      await db.end();
    }
  });
});
