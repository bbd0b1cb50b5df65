// Credit profiles in the distributed mode (Kafka, services as processes): contract-valid events of three producers'
// topics, produced to Kafka with the envelope and headers of libs/contracts, become a profile that a regulator queries
// for a purpose (cut by its organisation's sharing classes, asOf from the stored history); every query and every
// denial is published as AccessLogged and becomes a leaf of the audit ledger.
import { ContractRegistry, type IntegrationEvent } from '@credit-share/contracts';
import { TestCluster, waitFor } from '@credit-share/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import {
  alertIssued,
  gradeChanged,
  listingDecided,
  measureRegistered,
  messageOf,
  objectionFiled,
  recordPublished,
  subjectRegistered,
  type RecordSpec,
} from '../../apps/credit-profiles/src/profile/profile-events.fixture';
import { department, syntheticUscc } from './support';

describe('credit profiles (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'credit-profiles', 'audit-ledger'] });
  });
  afterAll(() => cluster?.stop());

  it('builds profiles from the producers’ topics, serves them by purpose and class, and logs every query to the ledger', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const dept = { ...department(1), sharingClasses: ['public'] };
    expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, dept)).status).toBe(201);
    const regulator = await cluster.token({ org: dept.id, roles: ['regulator'], user: `${dept.id}:inspector` });
    const auditor = await cluster.token({ org: 'platform', roles: ['auditor'] });

    const uscc = syntheticUscc(500);
    const publicRecord: RecordSpec = { recordId: 'e2e-public', uscc, publicFrom: '2026-03-01T00:00:00Z' };
    const conditional: RecordSpec = {
      recordId: 'e2e-conditional',
      uscc,
      sharingClass: 'conditional',
      publicFrom: '2026-03-02T00:00:00Z',
    };
    const events: IntegrationEvent[] = [
      subjectRegistered(uscc, '深圳市端到端科技有限公司', '2026-02-01T00:00:00Z'),
      recordPublished(publicRecord),
      recordPublished(conditional),
      objectionFiled(publicRecord, 'e2e-objection', '2026-04-01T00:00:00Z'),
      gradeChanged(uscc, 'C', 45, '2026-04-02T00:00:00Z', [{ recordId: 'e2e-public', rule: 'penalty.general', points: -15 }]),
      listingDecided(uscc, 'e2e-listing', ['e2e-public'], '2026-05-01T00:00:00Z', '2029-05-01T00:00:00Z'),
      measureRegistered('e2e-measure', '限制参与政府采购活动'),
      alertIssued(uscc, 'e2e-alert', 'e2e-listing', 'e2e-measure', 'apply', '2026-05-01T01:00:00Z'),
    ];
    const contracts = new ContractRegistry();
    for (const e of events) expect([e.type, contracts.validate(e)]).toEqual([e.type, []]);
    const kafka = new Kafka({ clientId: 'e2e-profiles', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    try {
      for (const e of events) {
        const { topic, key, value, headers } = messageOf(e);
        await producer.send({ topic, messages: [{ key, value, headers }] });
      }
    } finally {
      await producer.disconnect();
    }

    const profile = await waitFor(
      async () => {
        const response = await cluster.call('credit-profiles', 'GET', `/api/v1/profiles/${uscc}?purpose=inspection`, regulator);
        if (response.status !== 200) return undefined;
        const body = (await response.json()) as {
          records: { id: string; disputed: boolean }[];
          grade: { grade: string } | null;
          measuresInForce: unknown[];
        };
        return body.grade && body.measuresInForce.length === 1 && body.records.length === 1 ? body : undefined;
      },
      { timeoutMs: 60_000, description: 'the profile built from three topics' },
    );
    expect(profile.records).toEqual([expect.objectContaining({ id: 'e2e-public', disputed: true })]);
    expect(JSON.stringify(profile)).not.toContain('e2e-conditional');
    expect(profile.grade).toMatchObject({ grade: 'C' });

    const asOf = await cluster.call(
      'credit-profiles',
      'GET',
      `/api/v1/profiles/${uscc}?purpose=inspection&asOf=2026-03-15T00:00:00Z`,
      regulator,
    );
    expect(asOf.status).toBe(200);
    expect(await asOf.json()).toMatchObject({ records: [{ id: 'e2e-public', disputed: false }], grade: null, listings: [] });

    const denied = await cluster.call('credit-profiles', 'GET', `/api/v1/profiles/${uscc}`, regulator);
    expect(denied.status).toBe(400);

    // Every served and denied query reaches the ledger as an AccessLogged leaf.
    const db = new Client({ connectionString: cluster.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    try {
      const logged = await waitFor(
        async () => {
          const { rows } = await db.query<{ outcome: string; purpose: string | null }>(
            `SELECT convert_from(leaf, 'UTF8')::jsonb #>> '{event,data,outcome}' AS outcome,
                    convert_from(leaf, 'UTF8')::jsonb #>> '{event,data,purpose}' AS purpose
               FROM audit_ledger.ledger_leaves
              WHERE convert_from(leaf, 'UTF8')::jsonb #>> '{event,type}' = 'AccessLogged'
                AND convert_from(leaf, 'UTF8')::jsonb #>> '{event,data,uscc}' = $1`,
            [uscc],
          );
          return rows.some((r) => r.outcome === 'denied') && rows.filter((r) => r.outcome === 'served').length >= 2
            ? rows
            : undefined;
        },
        { timeoutMs: 60_000, description: 'AccessLogged leaves in the ledger' },
      );
      expect(logged).toEqual(
        expect.arrayContaining([
          { outcome: 'denied', purpose: null },
          { outcome: 'served', purpose: 'inspection' },
        ]),
      );
    } finally {
      await db.end();
    }
    const log = await cluster.call('credit-profiles', 'GET', `/api/v1/profiles/${uscc}/access-log`, auditor);
    expect(log.status).toBe(200);
    const { entries } = (await log.json()) as { entries: { org: string; user: string; purpose: string | null }[] };
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ org: dept.id, user: `${dept.id}:inspector`, purpose: 'inspection' })]),
    );
  });
});
