// Objections and credit repair in the distributed mode (Kafka, services as processes from dist/): what the subject
// and the provider department do over HTTP reaches another service — the audit ledger — as contract events, in the
// subject's order (key = USCC), with the record's dispute flag on the record events.
import { TestCluster, waitFor } from '@credit-share/testing';
import { Client } from 'pg';
import { department, syntheticUscc } from './support';

describe('objections and credit repair (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'audit-ledger'] });
  });
  afterAll(() => cluster?.stop());

  it('files, decides, applies and approves over HTTP; the ledger receives every event in the subject order', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const registered = await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(1));
    expect(registered.status).toBe(201);
    const provider = await cluster.token({ org: 'dept-1', roles: ['provider'] });
    const regulator = await cluster.token({ org: 'dept-1', roles: ['regulator'] });
    const uscc = syntheticUscc(9001);
    const subject = await cluster.token({ org: uscc, roles: ['subject'], subject: uscc });

    // Serious, decided a year and more ago: still in publicity (3 years) and past its repair period (1 year).
    const published = await cluster.call('credit-records', 'POST', '/api/v1/records', provider, {
      kind: 'administrative_penalty',
      subject: { name: '端到端测试有限公司', uscc },
      decisionDocumentNumber: '深市监罚〔2025〕E2E号',
      legalBasis: '《中华人民共和国食品安全法》第一百二十二条',
      content: '罚款50000元',
      category: '罚款',
      decisionDate: '2025-11-03',
      validUntil: '2025-11-18',
      decidingAuthority: { name: '测试部门 1', uscc: syntheticUscc(1) },
      sourceOrganization: { name: '测试部门 1', uscc: syntheticUscc(1) },
      severity: 'serious',
      fineAmountYuan: 50000,
    });
    const record = (await published.json()) as { id: string };
    expect([published.status, record]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
    const recordId = record.id;

    const filed = await cluster.call('credit-records', 'POST', '/api/v1/objections', subject, {
      recordId,
      ground: 'wrong_facts',
      statement: '罚款已缴纳',
    });
    expect(filed.status).toBe(201);
    const objectionId = ((await filed.json()) as { id: string }).id;
    const disputed = await cluster.call('credit-records', 'GET', `/api/v1/records/${recordId}`, provider);
    expect(await disputed.json()).toMatchObject({ disputed: true });
    const decided = await cluster.call('credit-records', 'POST', `/api/v1/objections/${objectionId}/decision`, regulator, {
      outcome: 'rejected',
      reason: '事实清楚',
    });
    expect(decided.status).toBe(200);

    const applied = await cluster.call('credit-records', 'POST', '/api/v1/repairs', subject, {
      recordId,
      commitment: '本企业承诺依法诚信经营',
      evidence: ['罚款缴纳凭证'],
    });
    expect(applied.status).toBe(201);
    const repairId = ((await applied.json()) as { id: string }).id;
    const approved = await cluster.call('credit-records', 'POST', `/api/v1/repairs/${repairId}/decision`, regulator, {
      outcome: 'approved',
      reason: '已履行',
    });
    expect(approved.status).toBe(200);
    const repaired = await cluster.call('credit-records', 'GET', `/api/v1/records/${recordId}`, provider);
    expect(await repaired.json()).toMatchObject({ status: 'repaired', disputed: false });

    const db = new Client({ connectionString: cluster.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    try {
      const leaves = async () =>
        (
          await db.query<{ event: { type: string; data: Record<string, unknown> } }>(
            `SELECT convert_from(leaf, 'UTF8')::jsonb -> 'event' AS event FROM audit_ledger.ledger_leaves
              WHERE subject = $1 ORDER BY leaf_index`,
            [uscc],
          )
        ).rows.map((r) => r.event);
      const events = await waitFor(
        async () => {
          const seen = await leaves();
          return seen.some((e) => e.type === 'RepairDecided') ? seen : undefined;
        },
        { timeoutMs: 60_000, description: 'RepairDecided in the audit ledger' },
      );
      expect(events.map((e) => e.type)).toEqual([
        'SubjectRegistered',
        'RecordPublished',
        'ObjectionFiled',
        'ObjectionDecided',
        'RepairApplied',
        'RecordRepaired',
        'RepairDecided',
      ]);
      expect(events.find((e) => e.type === 'ObjectionFiled')!.data).toMatchObject({ objectionId, recordId, filedBy: 'subject' });
      expect(events.find((e) => e.type === 'RecordRepaired')!.data).toMatchObject({ repairId, disputed: false });
    } finally {
      await db.end();
    }
  });
});
