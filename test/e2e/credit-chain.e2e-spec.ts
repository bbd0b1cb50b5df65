// The whole chain in the distributed mode, black box over HTTP (services as processes, real Kafka between them): a
// serious penalty submitted to credit records grades the subject down in joint supervision; the listing decided with
// due process issues alerts in enforcement coordination; the regulator's profile shows all of it; an approved credit
// repair restores the grade, removes the listing whose only basis it was, and asks the enforcer to release the measure.
import { TestCluster, waitFor } from '@credit-share/testing';
import { department, syntheticUscc } from './support';

type Json = Record<string, any>;

describe('the credit chain across every service (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({
      services: ['credit-records', 'joint-supervision', 'enforcement-coordination', 'credit-profiles'],
    });
  });
  afterAll(() => cluster?.stop());

  it('penalty → grade → listing → alert → profile → repair → grade restored, listing removed, release alert', async () => {
    const call = async (
      service: Parameters<TestCluster['call']>[0],
      method: string,
      path: string,
      token: string,
      body?: unknown,
    ) => {
      const response = await cluster.call(service, method, path, token, body);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
    };
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const market = department(71); // the department that penalises, proposes the listing and decides the repair
    const finance = { ...department(72), catalogueItems: [] }; // implements the measure
    for (const org of [market, finance]) {
      expect((await call('credit-records', 'POST', '/api/v1/organizations', operator, org)).status).toBe(201);
    }
    const provider = await cluster.token({ org: market.id, roles: ['provider'] });
    const regulator = await cluster.token({ org: market.id, roles: ['regulator'] });
    const enforcer = await cluster.token({ org: finance.id, roles: ['enforcer'] });
    const uscc = syntheticUscc(7100);
    const subject = await cluster.token({ org: uscc, roles: ['subject'], subject: uscc });

    // Every service learns the organisations from credit records' topic before it authorises their staff.
    await waitFor(
      async () => {
        for (const service of ['joint-supervision', 'enforcement-coordination', 'credit-profiles'] as const) {
          const { status, body } = await call(service, 'GET', '/api/v1/organizations', operator);
          if (status !== 200 || !(body as unknown as { id: string }[]).some((o) => o.id === finance.id)) return undefined;
        }
        return true;
      },
      { timeoutMs: 60_000, description: 'both organisations in every directory copy' },
    );
    const measure = await call('enforcement-coordination', 'POST', '/api/v1/measures', operator, {
      id: 'e2e-procurement-exclusion',
      content: '依法限制参与政府采购活动',
      target: '严重失信主体',
      legalBasis: '《中华人民共和国政府采购法》第二十二条',
      implementingOrg: finance.id,
    });
    expect(measure.status).toBe(201);
    const memorandum = await call('enforcement-coordination', 'POST', '/api/v1/memoranda', operator, {
      listType: 'serious_dishonesty',
      measureIds: ['e2e-procurement-exclusion'],
    });
    expect(memorandum.status).toBe(201);

    // A serious penalty decided over a year ago: in publicity for three years, repairable after one.
    const published = await call('credit-records', 'POST', '/api/v1/records', provider, {
      kind: 'administrative_penalty',
      subject: { name: '深圳市链路测试有限公司', uscc },
      decisionDocumentNumber: '深市监罚〔2025〕7100号',
      legalBasis: '《中华人民共和国食品安全法》第一百二十二条',
      content: '罚款50000元',
      category: '罚款',
      decisionDate: '2025-10-09',
      validUntil: '2025-10-24',
      decidingAuthority: { name: market.name, uscc: market.uscc },
      sourceOrganization: { name: market.name, uscc: market.uscc },
      severity: 'serious',
      fineAmountYuan: 50000,
    });
    expect(published.status).toBe(201);
    const recordId = published.body.id as string;

    const grade = async () => {
      const { status, body } = await call('joint-supervision', 'GET', `/api/v1/subjects/${uscc}/grade`, regulator);
      return status === 200 ? body : undefined;
    };
    const gradedC = await waitFor(async () => ((await grade())?.grade === 'C' ? grade() : undefined), {
      timeoutMs: 60_000,
      description: 'the penalty to reach joint supervision and grade the subject C',
    });
    expect(gradedC).toMatchObject({ score: 60, reasons: [expect.objectContaining({ recordId, points: -40 })] });

    const proposed = await call('joint-supervision', 'POST', '/api/v1/listings', regulator, {
      uscc,
      listType: 'serious_dishonesty',
      basisRecordIds: [recordId],
      legalBasis: '《失信行为纠正后的信用信息修复管理办法（试行）》',
    });
    expect(proposed.status).toBe(201);
    const listingId = proposed.body.id as string;
    expect((await call('joint-supervision', 'POST', `/api/v1/listings/${listingId}/waiver`, subject)).status).toBe(200);
    const listed = await call('joint-supervision', 'POST', `/api/v1/listings/${listingId}/decision`, regulator, {
      outcome: 'listed',
      reason: '情节严重，陈述申辩权已放弃',
    });
    expect(listed.body).toMatchObject({ status: 'listed' });
    expect(await grade()).toMatchObject({ grade: 'D' });

    const alert = await waitFor(
      async () => {
        const { body } = await call('enforcement-coordination', 'GET', '/api/v1/alerts', enforcer);
        return (body as unknown as Json[]).find((a) => a.listingId === listingId && a.kind === 'apply');
      },
      { timeoutMs: 60_000, description: 'the apply alert at the implementing organisation' },
    );
    expect(alert).toMatchObject({ uscc, org: finance.id, measureId: 'e2e-procurement-exclusion', status: 'open' });
    expect((await call('enforcement-coordination', 'POST', `/api/v1/alerts/${alert.id}/acknowledgement`, enforcer)).status).toBe(
      200,
    );
    const applied = await call('enforcement-coordination', 'POST', `/api/v1/alerts/${alert.id}/feedback`, enforcer, {
      outcome: 'applied',
      reason: '已在采购系统中限制',
    });
    expect(applied.body).toMatchObject({ status: 'closed' });

    const profile = await waitFor(
      async () => {
        const { status, body } = await call('credit-profiles', 'GET', `/api/v1/profiles/${uscc}?purpose=inspection`, regulator);
        return status === 200 && body.grade?.grade === 'D' && body.listings?.length === 1 && body.measuresInForce?.length === 1
          ? body
          : undefined;
      },
      { timeoutMs: 60_000, description: 'the profile to show the record, grade D, the listing and the measure' },
    );
    expect(profile.records).toEqual([expect.objectContaining({ id: recordId, disputed: false })]);
    expect(profile.listings).toEqual([expect.objectContaining({ id: listingId, status: 'listed' })]);

    const repair = await call('credit-records', 'POST', '/api/v1/repairs', subject, {
      recordId,
      commitment: '本企业承诺依法诚信经营',
      evidence: ['罚款缴纳凭证'],
    });
    expect(repair.status).toBe(201);
    const approved = await call('credit-records', 'POST', `/api/v1/repairs/${repair.body.id}/decision`, regulator, {
      outcome: 'approved',
      reason: '已履行处罚决定并作出信用承诺',
    });
    expect(approved.status).toBe(200);

    const restored = await waitFor(async () => ((await grade())?.grade === 'A' ? grade() : undefined), {
      timeoutMs: 60_000,
      description: 'the repair to restore grade A',
    });
    expect(restored).toMatchObject({ score: 100, reasons: [] });
    const removed = await call('joint-supervision', 'GET', `/api/v1/listings/${listingId}`, regulator);
    expect(removed.body).toMatchObject({ status: 'removed' });
    const release = await waitFor(
      async () => {
        const { body } = await call('enforcement-coordination', 'GET', '/api/v1/alerts', enforcer);
        return (body as unknown as Json[]).find((a) => a.listingId === listingId && a.kind === 'release');
      },
      { timeoutMs: 60_000, description: 'the release alert at the organisation that applied the measure' },
    );
    expect(release).toMatchObject({ org: finance.id, status: 'open' });
  });
});
