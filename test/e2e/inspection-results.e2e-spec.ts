// A 双随机 inspection result reported to joint-supervision becomes an inspection_result record in credit-records,
// over Kafka between two service processes: the plan's organiser is the record's provider, and a repeated report is
// the same record.
import { TestCluster, waitFor } from '@credit-share/testing';
import { department, syntheticUscc } from './support';

describe('inspection results become records (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'joint-supervision'] });
  });
  afterAll(() => cluster?.stop());

  it('draws the subject, reports its result, and credit-records publishes the record of the organiser', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const organiser = { ...department(2), catalogueItems: ['administrative_penalty', 'inspection_result'] };
    expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, organiser)).status).toBe(201);
    const provider = await cluster.token({ org: organiser.id, roles: ['provider'] });
    const regulator = await cluster.token({ org: organiser.id, roles: ['regulator'] });
    const uscc = syntheticUscc(9002);

    const published = await cluster.call('credit-records', 'POST', '/api/v1/records', provider, {
      kind: 'administrative_penalty',
      subject: { name: '抽查对象有限公司', uscc },
      decisionDocumentNumber: '深市监罚〔2026〕E2E-2号',
      legalBasis: '《中华人民共和国市场主体登记管理条例》第四十六条',
      content: '罚款2000元',
      category: '罚款',
      decisionDate: '2026-11-02',
      validUntil: '2026-11-16',
      decidingAuthority: { name: organiser.name, uscc: organiser.uscc },
      sourceOrganization: { name: organiser.name, uscc: organiser.uscc },
      severity: 'general',
      fineAmountYuan: 2000,
    });
    const record = (await published.json()) as { id?: string };
    expect([published.status, record]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);

    // joint-supervision knows the subject (and the organiser) once it has applied credit-records' events.
    await waitFor(async () => (await cluster.call('joint-supervision', 'GET', `/api/v1/subjects/${uscc}/grade`, regulator)).ok, {
      timeoutMs: 60_000,
      description: "the subject's grade in joint-supervision",
    });
    const planResponse = await cluster.call('joint-supervision', 'POST', '/api/v1/inspection-plans', regulator, {
      seed: 'e2e-inspection-results',
      samplingRates: { A: 1, B: 1, C: 1, D: 1 },
      inspectors: ['执法员甲'],
    });
    expect(planResponse.status).toBe(201);
    const plan = (await planResponse.json()) as { id: string; subjects: { uscc: string; inspector: string }[] };
    const planned = plan.subjects.find((s) => s.uscc === uscc)!;
    expect(planned).toBeDefined();
    const result = {
      uscc,
      inspector: planned.inspector,
      outcome: 'non_compliant',
      findings: '未按规定公示年度报告',
      inspectedOn: '2026-11-20',
    };
    const reported = await cluster.call(
      'joint-supervision',
      'POST',
      `/api/v1/inspection-plans/${plan.id}/results`,
      regulator,
      result,
    );
    expect(reported.status).toBe(201);
    expect(
      (await cluster.call('joint-supervision', 'POST', `/api/v1/inspection-plans/${plan.id}/results`, regulator, result)).status,
    ).toBe(200);

    const records = await waitFor(
      async () => {
        const response = await cluster.call('credit-records', 'GET', `/api/v1/records?subject=${uscc}`, regulator);
        const list = response.ok ? ((await response.json()) as { kind: string }[]) : [];
        return list.some((r) => r.kind === 'inspection_result') ? list : undefined;
      },
      { timeoutMs: 60_000, description: 'the inspection_result record in credit-records' },
    );
    const inspections = records.filter((r) => r.kind === 'inspection_result');
    expect(inspections).toEqual([
      expect.objectContaining({
        kind: 'inspection_result',
        providerOrg: organiser.id,
        subject: expect.objectContaining({ uscc, name: '抽查对象有限公司' }),
        status: 'published',
        severity: 'general',
        disputed: false,
      }),
    ]);
  });
});
