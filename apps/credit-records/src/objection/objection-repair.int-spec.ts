// Objections and credit repair over HTTP against a real PostgreSQL, with a clock the test moves: the dispute flag in
// the same transaction as the objection, every decision and its effect on the record, overdue by durable timers,
// eligibility periods, and who may do what.
import { ContractRegistry, topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { TRANSPORT, type Transport } from '@credit-share/messaging';
import { FixedClock, startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import fc from 'fast-check';
import { rebuildProjection } from '@credit-share/event-store';
import { CreditRecordsModule } from '../credit-records.module';
import { repairsProjection } from '../repair/repair.projection';
import { objectionsProjection } from './objection.projection';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from '../record/record.fixture';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('objections and credit repair over HTTP (real PostgreSQL, fixed clock)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  let operator: string;
  let amrProvider: string;
  let amrRegulator: string;
  let taxRegulator: string;
  let subject0: string;
  let subject1: string;
  // Monday 2 March 2026, 10:00 CST.
  const clock = new FixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })], clock });
    http = call(t);
    operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    amrProvider = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
    amrRegulator = await t.token({ org: ORGS.amr.id, roles: ['regulator'] });
    taxRegulator = await t.token({ org: ORGS.tax.id, roles: ['regulator'] });
    subject0 = await t.token({ org: SUBJECTS[0], roles: ['subject'], subject: SUBJECTS[0] });
    subject1 = await t.token({ org: SUBJECTS[1], roles: ['subject'], subject: SUBJECTS[1] });
    // What credit-records publishes, as a downstream service receives it.
    await t.app.get<Transport>(TRANSPORT).subscribe({
      group: 'test.downstream',
      topics: [topicOf('credit-records')],
      handle: async (batch) => {
        for (const message of batch.messages) published.push(JSON.parse(message.value) as IntegrationEvent);
      },
    });
  });
  const published: IntegrationEvent[] = [];
  afterAll(() => t.close());

  let documents = 0;
  async function publishRecord(overrides: Json = {}): Promise<string> {
    documents++;
    const response = await http(
      'POST',
      '/api/v1/records',
      amrProvider,
      penalty({ decisionDocumentNumber: `深市监罚〔2026〕${documents}号`, ...overrides }),
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function record(id: string): Promise<Json> {
    const response = await http('GET', `/api/v1/records/${id}`, operator);
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  }

  async function json(response: Response, status: number): Promise<Json> {
    const body = (await response.json()) as Json;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  async function eventsOf(streamId: string): Promise<{ type: string; transaction_id: string }[]> {
    const { rows } = await t
      .runtime('credit-records')
      .db.query<{ type: string; transaction_id: string }>(
        `SELECT type, transaction_id::text FROM events WHERE stream_id = $1 ORDER BY stream_version`,
        [streamId],
      );
    return rows;
  }

  const file = (token: string, recordId: string, extra: Json = {}) =>
    http('POST', '/api/v1/objections', token, { recordId, ground: 'wrong_facts', statement: '罚款已缴纳', ...extra });

  describe('objections', () => {
    it('files an objection: 201, the record is disputed in the same transaction, the deadline is 5 working days on', async () => {
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      expect(objection).toMatchObject({
        recordId,
        recordVersion: 1,
        providerOrg: 'sz-amr',
        subject: { uscc: SUBJECTS[0] },
        ground: 'wrong_facts',
        statement: '罚款已缴纳',
        filedBy: 'subject',
        filedAt: '2026-03-02T02:00:00.000Z',
        dueAt: '2026-03-09T15:59:59.999Z',
        policyVersion: 'objection-window-5wd',
        status: 'pending',
        overdue: false,
      });
      expect(await record(recordId)).toMatchObject({ disputed: true });
      const [filed] = await eventsOf(`objection-${objection['id']}`);
      const recordEvents = await eventsOf(`record-${recordId}`);
      expect(recordEvents.map((e) => e.type)).toEqual(['RecordPublished', 'RecordDisputed']);
      expect(filed!.transaction_id).toBe(recordEvents[1]!.transaction_id);
      const timers = await t.runtime('credit-records').timers.pending();
      expect(timers).toContainEqual(
        expect.objectContaining({ kind: 'objection-overdue', dueAt: new Date('2026-03-09T16:00:00.000Z') }),
      );
    });

    it('refuses a second objection while one is pending (409), and a record about another subject (404)', async () => {
      const recordId = await publishRecord();
      await json(await file(subject0, recordId), 201);
      expect(await json(await file(subject0, recordId, { ground: 'wrong_subject' }), 409)).toMatchObject({
        code: 'OBJECTION.ALREADY_PENDING',
      });
      expect(await json(await file(subject1, recordId), 404)).toMatchObject({ code: 'RECORD.NOT_FOUND' });
      expect(await json(await file(subject0, 'no-such-record'), 404)).toMatchObject({ code: 'RECORD.NOT_FOUND' });
    });

    it('lets the operator file on behalf of the subject, and nobody else', async () => {
      const recordId = await publishRecord();
      expect(await json(await file(operator, recordId), 201)).toMatchObject({ filedBy: 'operator' });
      expect((await file(amrProvider, recordId)).status).toBe(403);
      expect((await file(amrRegulator, recordId)).status).toBe(403);
      // A subject token whose subject claim is not its own organisation is refused.
      const forged = await t.token({ org: SUBJECTS[1], roles: ['subject'], subject: SUBJECTS[0] });
      expect((await file(forged, recordId)).status).toBe(403);
    });

    it('answers 400 with field errors for a bad objection and a bad decision', async () => {
      const bad = await json(await file(subject0, '', { ground: 'bad_luck', statement: 7, extra: true }), 400);
      expect([...new Set(bad['errors'].map((e: Json) => e['field']))].sort()).toEqual([
        'extra',
        'ground',
        'recordId',
        'statement',
      ]);
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      const decide = (body: unknown) => http('POST', `/api/v1/objections/${objection['id']}/decision`, amrRegulator, body);
      expect((await json(await decide({ outcome: 'upheld', reason: 'x' }), 400))['errors']).toContainEqual(
        expect.objectContaining({ field: 'resolution' }),
      );
      expect(
        (await json(await decide({ outcome: 'upheld', resolution: 'corrected', reason: 'x' }), 400))['errors'],
      ).toContainEqual(expect.objectContaining({ field: 'correction' }));
      expect((await decide('{not json')).status).toBe(400);
    });

    it('is decided by the provider department only: rejected clears the flag', async () => {
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      const path = `/api/v1/objections/${objection['id']}/decision`;
      const body = { outcome: 'rejected', reason: '处罚决定事实清楚，证据确凿' };
      expect(await json(await http('POST', path, taxRegulator, body), 404)).toMatchObject({ code: 'OBJECTION.NOT_FOUND' });
      expect((await http('POST', path, amrProvider, body)).status).toBe(403);
      expect((await http('POST', path, subject0, body)).status).toBe(403);
      clock.advance(60_000);
      const decided = await json(await http('POST', path, amrRegulator, body), 200);
      expect(decided).toMatchObject({
        status: 'rejected',
        decision: { outcome: 'rejected', reason: body.reason, decidedBy: 'sz-amr', late: false },
      });
      expect(await record(recordId)).toMatchObject({ disputed: false, status: 'published' });
      // The same decision again is a no-op; another one is a conflict.
      expect(await json(await http('POST', path, amrRegulator, body), 200)).toMatchObject({ status: 'rejected' });
      expect(
        await json(await http('POST', path, amrRegulator, { outcome: 'upheld', resolution: 'withdrawn', reason: 'x' }), 409),
      ).toMatchObject({ code: 'OBJECTION.ALREADY_DECIDED' });
      expect((await eventsOf(`record-${recordId}`)).map((e) => e.type)).toEqual([
        'RecordPublished',
        'RecordDisputed',
        'RecordDisputeCleared',
      ]);
      expect((await t.runtime('credit-records').timers.pending()).map((x) => x.id)).not.toContain(
        `objection-overdue:${objection['id']}`,
      );
      // A new objection may follow once the first is decided.
      expect((await file(subject0, recordId, { ground: 'beyond_publicity_period' })).status).toBe(201);
    });

    it("is decided by an association's own staff for its market credit records (it has no regulators)", async () => {
      const bakers = await t.token({ org: ORGS.bakers.id, roles: ['provider'] });
      documents++;
      const created = await http(
        'POST',
        '/api/v1/records',
        bakers,
        penalty({ kind: 'industry_self_discipline', decisionDocumentNumber: `深焙协〔2026〕${documents}号` }),
      );
      const recordId = (await json(created, 201))['id'];
      const objection = await json(await file(subject0, recordId), 201);
      expect(objection).toMatchObject({ providerOrg: 'sz-bakers' });
      const path = `/api/v1/objections/${objection['id']}/decision`;
      const body = { outcome: 'rejected', reason: '自律惩戒依章程作出' };
      expect(await json(await http('POST', path, amrProvider, body), 403)).toMatchObject({ code: 'OBJECTION.REGULATOR_DECIDES' });
      expect(await json(await http('POST', path, amrRegulator, body), 404)).toMatchObject({ code: 'OBJECTION.NOT_FOUND' });
      expect(await json(await http('POST', path, bakers, body), 200)).toMatchObject({ status: 'rejected' });
    });

    it('upheld + withdrawn withdraws the record with the objection id', async () => {
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      const decided = await json(
        await http('POST', `/api/v1/objections/${objection['id']}/decision`, amrRegulator, {
          outcome: 'upheld',
          resolution: 'withdrawn',
          reason: '处罚决定已被撤销',
        }),
        200,
      );
      expect(decided).toMatchObject({ status: 'upheld', decision: { resolution: 'withdrawn' } });
      expect(await record(recordId)).toMatchObject({ status: 'withdrawn', disputed: false });
      const { rows } = await t
        .runtime('credit-records')
        .db.query(`SELECT data FROM events WHERE stream_id = $1 AND type = 'RecordWithdrawn'`, [`record-${recordId}`]);
      expect(rows[0].data).toMatchObject({ objectionId: objection['id'], reason: '处罚决定已被撤销' });
      expect(await json(await file(subject0, recordId), 422)).toMatchObject({ code: 'OBJECTION.RECORD_NOT_PUBLISHED' });
    });

    it('upheld + corrected adds a corrected version; invalid corrected fields are 400 and change nothing', async () => {
      const recordId = await publishRecord({ fineAmountYuan: 20000, content: '罚款20000元' });
      const original = await record(recordId);
      const objection = await json(await file(subject0, recordId), 201);
      const path = `/api/v1/objections/${objection['id']}/decision`;
      const correction = penalty({
        decisionDocumentNumber: original['details']?.['decisionDocumentNumber'] ?? `深市监罚〔2026〕${documents}号`,
        fineAmountYuan: 2000,
        content: '罚款2000元',
      });
      const invalid = await json(
        await http('POST', path, amrRegulator, {
          outcome: 'upheld',
          resolution: 'corrected',
          reason: '罚款金额录入错误',
          correction: { ...correction, decisionDate: 'yesterday' },
        }),
        400,
      );
      expect(invalid['errors']).toContainEqual(expect.objectContaining({ field: 'correction.decisionDate' }));
      expect(await record(recordId)).toMatchObject({ version: 1, disputed: true });
      const decided = await json(
        await http('POST', path, amrRegulator, {
          outcome: 'upheld',
          resolution: 'corrected',
          reason: '罚款金额录入错误',
          correction,
        }),
        200,
      );
      expect(decided).toMatchObject({ status: 'upheld', decision: { resolution: 'corrected' } });
      expect(await record(recordId)).toMatchObject({ version: 2, disputed: false, status: 'published' });
      expect((await eventsOf(`record-${recordId}`)).map((e) => e.type)).toEqual([
        'RecordPublished',
        'RecordDisputed',
        'RecordDisputeCleared',
        'RecordCorrected',
      ]);
    });

    it('raises ObjectionOverdue by its durable timer once the deadline passes undecided', async () => {
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      const runtime = t.runtime('credit-records');
      clock.set('2026-03-09T23:59:59.999+08:00');
      await runtime.timers.fireDue();
      expect(await eventsOf(`objection-${objection['id']}`)).toHaveLength(1);
      clock.set('2026-03-10T00:00:00.000+08:00');
      await runtime.timers.fireDue();
      await waitFor(async () => (await eventsOf(`objection-${objection['id']}`)).length === 2, {
        description: 'ObjectionOverdue',
      });
      expect((await eventsOf(`objection-${objection['id']}`)).map((e) => e.type)).toEqual(['ObjectionFiled', 'ObjectionOverdue']);
      const overdue = await json(await http('GET', `/api/v1/objections?overdue=true&recordId=${recordId}`, amrRegulator), 200);
      expect(overdue).toEqual([expect.objectContaining({ id: objection['id'], overdue: true, status: 'pending' })]);
      // Deciding late is still possible, and says so.
      const decided = await json(
        await http('POST', `/api/v1/objections/${objection['id']}/decision`, amrRegulator, {
          outcome: 'rejected',
          reason: 'stands',
        }),
        200,
      );
      expect(decided).toMatchObject({ overdue: true, decision: { late: true } });
      clock.set('2026-03-02T10:00:00+08:00');
    });

    it('shows the dispute in every published record event, and publishes valid objection events', async () => {
      const recordId = await publishRecord();
      const objection = await json(await file(subject0, recordId), 201);
      // The provider corrects the record while the objection is pending: the correction goes out disputed.
      const current = await record(recordId);
      await json(
        await http('POST', `/api/v1/records/${recordId}/corrections`, amrProvider, {
          ...penalty({
            decisionDocumentNumber: current['details']?.['decisionDocumentNumber'] ?? `深市监罚〔2026〕${documents}号`,
          }),
          content: '罚款2000元（更正）',
          reason: '内容更正',
        }),
        200,
      );
      await json(
        await http('POST', `/api/v1/objections/${objection['id']}/decision`, amrRegulator, {
          outcome: 'upheld',
          resolution: 'withdrawn',
          reason: '处罚决定已撤销',
        }),
        200,
      );
      const about = (e: IntegrationEvent) =>
        (e.data as { recordId?: string }).recordId === recordId ||
        (e.data as { objectionId?: string }).objectionId === objection['id'];
      const events = await waitFor(
        async () => {
          const mine = published.filter(about);
          return mine.some((e) => e.type === 'ObjectionDecided') ? mine : undefined;
        },
        { description: 'the objection decision on the credit-records topic' },
      );
      expect(events.map((e) => [e.type, (e.data as { disputed?: boolean }).disputed])).toEqual([
        ['RecordPublished', false],
        ['ObjectionFiled', undefined],
        ['RecordCorrected', true],
        ['RecordWithdrawn', false],
        ['ObjectionDecided', undefined],
      ]);
      expect(events[3]!.data).toMatchObject({ objectionId: objection['id'] });
      expect(events[4]!.data).toMatchObject({ outcome: 'upheld', resolution: 'withdrawn', providerOrg: 'sz-amr' });
      const registry = new ContractRegistry();
      for (const event of events) expect([event.type, registry.validate(event)]).toEqual([event.type, []]);
      expect(new Set(events.map((e) => e.subject))).toEqual(new Set([SUBJECTS[0]]));
    });

    it('lists objections to their parties only', async () => {
      const own = (await json(await http('GET', '/api/v1/objections', subject0), 200)) as unknown as Json[];
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((o) => o['subject']['uscc'] === SUBJECTS[0])).toBe(true);
      expect(await json(await http('GET', `/api/v1/objections?uscc=${SUBJECTS[0]}`, subject1), 200)).toEqual([]);
      expect(await json(await http('GET', '/api/v1/objections', taxRegulator), 200)).toEqual([]);
      const amr = (await json(await http('GET', '/api/v1/objections?status=pending', amrRegulator), 200)) as unknown as Json[];
      expect(amr.length).toBeGreaterThan(0);
      expect(amr.every((o) => o['providerOrg'] === 'sz-amr' && o['status'] === 'pending')).toBe(true);
      const all = (await json(await http('GET', '/api/v1/objections', operator), 200)) as unknown as Json[];
      expect(all.length).toBeGreaterThanOrEqual(own.length);
      expect((await http('GET', `/api/v1/objections/${own[0]!['id']}`, subject1)).status).toBe(404);
      expect((await http('GET', `/api/v1/objections/${own[0]!['id']}`, subject0)).status).toBe(200);
      expect((await http('GET', '/api/v1/objections?uscc=nope', operator)).status).toBe(400);
      const auditor = await t.token({ org: 'platform', roles: ['auditor'] });
      expect((await http('GET', '/api/v1/objections', auditor)).status).toBe(403);
      expect((await http('GET', '/api/v1/objections')).status).toBe(401);
    });
  });

  describe('credit repair', () => {
    const apply = (token: string, recordId: string, extra: Json = {}) =>
      http('POST', '/api/v1/repairs', token, {
        recordId,
        commitment: '本企业承诺依法诚信经营，自觉接受监督',
        evidence: ['罚款缴纳凭证 2026-001', 'https://example.org/rectification.pdf'],
        ...extra,
      });

    it('refuses an application before the minimum period of a general record is served, admits it after', async () => {
      clock.set('2026-03-02T10:00:00+08:00');
      // Decided 2026-02-27: general → repair possible from 00:00 CST 2026-05-28 (3 months served).
      const recordId = await publishRecord();
      expect(await record(recordId)).toMatchObject({ severity: 'general' });
      expect(await json(await apply(subject0, recordId), 422)).toMatchObject({ code: 'REPAIR.NOT_YET_ELIGIBLE' });
      clock.set('2026-05-27T23:59:59.999+08:00');
      expect(await json(await apply(subject0, recordId), 422)).toMatchObject({ code: 'REPAIR.NOT_YET_ELIGIBLE' });
      // Thursday 28 May 2026, 09:00 CST.
      clock.set('2026-05-28T09:00:00+08:00');
      const repair = await json(await apply(subject0, recordId), 201);
      expect(repair).toMatchObject({
        recordId,
        providerOrg: 'sz-amr',
        subject: { uscc: SUBJECTS[0] },
        severity: 'general',
        evidence: ['罚款缴纳凭证 2026-001', 'https://example.org/rectification.pdf'],
        appliedAt: '2026-05-28T01:00:00.000Z',
        // 3 working days: Fri 29 May, Mon 1 Jun, Tue 2 Jun; 10 working days: Thu 11 Jun.
        dueAt: '2026-06-02T15:59:59.999Z',
        feedbackDueAt: '2026-06-11T15:59:59.999Z',
        status: 'pending',
        overdue: false,
      });
      expect(await json(await apply(subject0, recordId), 409)).toMatchObject({ code: 'REPAIR.ALREADY_PENDING' });

      const path = `/api/v1/repairs/${repair['id']}/decision`;
      const approve = { outcome: 'approved', reason: '已履行行政处罚决定，整改到位' };
      expect(await json(await http('POST', path, taxRegulator, approve), 404)).toMatchObject({ code: 'REPAIR.NOT_FOUND' });
      expect((await http('POST', path, amrProvider, approve)).status).toBe(403);
      expect((await http('POST', path, subject0, approve)).status).toBe(403);
      expect((await http('POST', path, amrRegulator, { outcome: 'maybe', reason: '' })).status).toBe(400);
      clock.set('2026-05-29T15:00:00+08:00');
      const decided = await json(await http('POST', path, amrRegulator, approve), 200);
      expect(decided).toMatchObject({
        status: 'approved',
        decision: { outcome: 'approved', late: false, withinFeedbackLimit: true, decidedBy: 'sz-amr' },
      });
      expect(await record(recordId)).toMatchObject({ status: 'repaired', inPublicity: false });
      const recordEvents = await eventsOf(`record-${recordId}`);
      const repairEvents = await eventsOf(`repair-${repair['id']}`);
      expect(recordEvents.map((e) => e.type)).toEqual(['RecordPublished', 'RecordRepaired']);
      expect(repairEvents.map((e) => e.type)).toEqual(['RepairApplied', 'RepairDecided']);
      expect(repairEvents[1]!.transaction_id).toBe(recordEvents[1]!.transaction_id);
      expect(await json(await apply(subject0, recordId), 422)).toMatchObject({ code: 'REPAIR.RECORD_NOT_IN_PUBLICITY' });
      // Downstream, RecordRepaired lets grades, lists and measures follow; the commitment and evidence stay here.
      const events = await waitFor(
        async () => {
          const mine = published.filter((e) => (e.data as { recordId?: string }).recordId === recordId);
          return mine.some((e) => e.type === 'RepairDecided') ? mine : undefined;
        },
        { description: 'the repair decision on the credit-records topic' },
      );
      expect(events.map((e) => e.type)).toEqual(['RecordPublished', 'RepairApplied', 'RecordRepaired', 'RepairDecided']);
      expect(events[1]!.data).toEqual({
        repairId: repair['id'],
        recordId,
        providerOrg: 'sz-amr',
        subject: repair['subject'],
        appliedAt: '2026-05-28T01:00:00.000Z',
        dueAt: '2026-06-02T15:59:59.999Z',
      });
      expect(events[2]!.data).toMatchObject({ repairId: repair['id'], disputed: false });
      const registry = new ContractRegistry();
      for (const event of events) expect([event.type, registry.validate(event)]).toEqual([event.type, []]);
    });

    it("refuses a light record (not repairable by application) and another subject's record", async () => {
      clock.set('2026-03-02T10:00:00+08:00');
      const light = await publishRecord({ severity: 'light' });
      clock.set('2026-03-03T10:00:00+08:00');
      expect(await json(await apply(subject0, light), 422)).toMatchObject({ code: 'REPAIR.NOT_REPAIRABLE' });
      expect(await json(await apply(subject1, light), 404)).toMatchObject({ code: 'RECORD.NOT_FOUND' });
      expect((await apply(operator, light)).status).toBe(403);
      expect((await apply(subject0, light, { evidence: [] })).status).toBe(400);
      expect((await apply(subject0, light, { commitment: '' })).status).toBe(400);
    });

    it('records a missed decision deadline as an SLA breach, shown on GET /repairs; rejection keeps publicity', async () => {
      clock.set('2026-03-02T10:00:00+08:00');
      const recordId = await publishRecord();
      clock.set('2026-06-01T10:00:00+08:00');
      const repair = await json(await apply(subject0, recordId), 201);
      expect(repair['dueAt']).toBe('2026-06-04T15:59:59.999Z');
      clock.set('2026-06-05T00:00:00+08:00');
      await t.runtime('credit-records').timers.fireDue();
      const listed = await waitFor(
        async () => {
          const rows = (await json(await http('GET', '/api/v1/repairs?overdue=true', amrRegulator), 200)) as unknown as Json[];
          return rows.find((r) => r['id'] === repair['id']);
        },
        { description: 'the overdue repair' },
      );
      expect(listed).toMatchObject({ overdue: true, status: 'pending', feedbackDueAt: '2026-06-15T15:59:59.999Z' });
      clock.set('2026-06-16T10:00:00+08:00');
      const rejected = await json(
        await http('POST', `/api/v1/repairs/${repair['id']}/decision`, amrRegulator, {
          outcome: 'rejected',
          reason: '罚款未缴清',
        }),
        200,
      );
      expect(rejected).toMatchObject({ status: 'rejected', overdue: true, decision: { late: true, withinFeedbackLimit: false } });
      expect(await record(recordId)).toMatchObject({ status: 'published' });
      expect((await eventsOf(`repair-${repair['id']}`)).map((e) => e.type)).toEqual([
        'RepairApplied',
        'RepairDecisionOverdue',
        'RepairDecided',
      ]);
    });

    it('lists applications to their parties only', async () => {
      expect(await json(await http('GET', '/api/v1/repairs', taxRegulator), 200)).toEqual([]);
      expect(await json(await http('GET', '/api/v1/repairs', subject1), 200)).toEqual([]);
      const own = (await json(await http('GET', '/api/v1/repairs', subject0), 200)) as unknown as Json[];
      expect(own.length).toBeGreaterThan(0);
      expect((await http('GET', `/api/v1/repairs/${own[0]!['id']}`, subject1)).status).toBe(404);
      expect((await http('GET', `/api/v1/repairs/${own[0]!['id']}`, amrProvider)).status).toBe(200);
    });
  });

  it('rebuilds the objections and repairs read models from the history, identical to the live tables', async () => {
    const runtime = t.runtime('credit-records');
    const snapshot = async (table: string, key: string) =>
      (await runtime.db.query(`SELECT * FROM ${table} ORDER BY ${key}`)).rows;
    for (const [projection, table, key] of [
      [objectionsProjection(), 'objections', 'objection_id'],
      [repairsProjection(), 'repairs', 'repair_id'],
    ] as const) {
      const live = await snapshot(table, key);
      expect(live.length).toBeGreaterThan(0);
      await runtime.db.query(`UPDATE ${table} SET overdue = NOT overdue`);
      await rebuildProjection(runtime.db, runtime.store, projection);
      expect(await snapshot(table, key)).toEqual(live);
    }
  });

  it('answers any JSON body on the objection and repair routes with a 2xx or a 4xx problem, never a 5xx (property)', async () => {
    clock.set('2026-06-01T10:00:00+08:00');
    const recordId = await publishRecord();
    const objection = await json(await file(subject0, recordId), 201);
    const repair = await json(
      await http('POST', '/api/v1/repairs', subject0, { recordId, commitment: '承诺', evidence: ['凭证'] }),
      201,
    );
    const valid: [string, string, Json][] = [
      ['/api/v1/objections', subject0, { recordId, ground: 'wrong_facts', statement: '有误' }],
      [
        `/api/v1/objections/${objection['id']}/decision`,
        amrRegulator,
        { outcome: 'upheld', resolution: 'corrected', reason: '更正', correction: penalty() },
      ],
      ['/api/v1/repairs', subject0, { recordId, commitment: '承诺', evidence: ['凭证'] }],
      [`/api/v1/repairs/${repair['id']}/decision`, amrRegulator, { outcome: 'rejected', reason: '未履行' }],
    ];
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.string({ maxLength: 12 }), fc.anything())
      .chain(([i, extra, value]) =>
        fc.constantFrom(...Object.keys(valid[i]![2]), extra).map((key) => ({ i, body: { ...valid[i]![2], [key]: value } })),
      );
    const correction = fc
      .tuple(fc.constantFrom(...Object.keys(penalty())), fc.anything())
      .map(([key, value]) => ({ i: 1, body: { ...valid[1]![2], correction: { ...penalty(), [key]: value } } }));
    const anything = fc.tuple(fc.nat(valid.length - 1), fc.anything()).map(([i, body]) => ({ i, body }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anything, mutated, correction), async ({ i, body }) => {
        const [path, token] = valid[i]!;
        const text = JSON.stringify(body) ?? 'null';
        const response = await http('POST', path, token, text);
        if (response.status >= 500) throw new Error(`${response.status} for POST ${path} ${text}: ${await response.text()}`);
        if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        else await response.arrayBuffer();
      }),
      { numRuns: 80 },
    );
  });
});
