// InspectionResultReported from joint-supervision becomes an inspection_result record of the plan's organiser, once
// per result, through the in-process transport the standalone platform uses.
import type { InspectionResultReportedV1 } from '@credit-share/contracts';
import { uuidv7, type RecordedEvent } from '@credit-share/event-store';
import { TRANSPORT, toTransportMessage, type Transport } from '@credit-share/messaging';
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, registerOrganizations } from '../record/record.fixture';

describe('inspection results become records (real PostgreSQL, in-process transport)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  let operator: string;
  let transport: Transport;
  const clock = new FixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })], clock });
    http = call(t);
    operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    transport = t.app.get<Transport>(TRANSPORT);
  });
  afterAll(() => t.close());

  function result(overrides: Partial<InspectionResultReportedV1> = {}): InspectionResultReportedV1 {
    return {
      resultId: `result-${uuidv7()}`,
      planId: 'plan-2026-q1',
      uscc: SUBJECTS[1],
      subjectName: '某某科技有限公司',
      organizer: ORGS.amr.id,
      inspector: '执法人员甲',
      outcome: 'non_compliant',
      findings: '未按规定公示年度报告',
      inspectedOn: '2026-02-27',
      ...overrides,
    };
  }

  async function deliver(data: InspectionResultReportedV1, messageId = uuidv7()): Promise<void> {
    const recorded = {
      eventId: messageId,
      occurredAt: new Date('2026-02-27T08:00:00Z'),
      recordedAt: new Date('2026-02-27T08:00:00Z'),
      metadata: { correlationId: messageId, causationId: null, actor: { user: 'x', org: ORGS.amr.id }, traceparent: null },
    } as unknown as RecordedEvent;
    await transport.publish([
      toTransportMessage('joint-supervision', recorded, {
        type: 'InspectionResultReported',
        version: 1,
        subject: data.uscc,
        data,
      }),
    ]);
  }

  async function outcomeOf(resultId: string) {
    const { rows } = await t
      .runtime('credit-records')
      .db.query<{ record_id: string | null; status: string; errors: unknown }>(
        `SELECT record_id, status, errors FROM inspection_result_records WHERE result_id = $1`,
        [resultId],
      );
    return rows[0];
  }

  it('publishes a non-compliant result as a general inspection_result record of the organiser', async () => {
    const reported = result();
    await deliver(reported);
    const outcome = await outcomeOf(reported.resultId);
    expect(outcome).toMatchObject({ status: 'accepted' });
    const response = await http('GET', `/api/v1/records/${outcome!.record_id}`, operator);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: 'inspection_result',
      subject: { uscc: SUBJECTS[1], name: '某某科技有限公司' },
      status: 'published',
      severity: 'general',
      disputed: false,
    });
    const { rows } = await t
      .runtime('credit-records')
      .db.query(`SELECT provider_org FROM records WHERE record_id = $1`, [outcome!.record_id]);
    expect(rows).toEqual([{ provider_org: 'sz-amr' }]);
  });

  it('is idempotent by resultId: a redelivery (same or new message id) makes no second record', async () => {
    const reported = result({ outcome: 'compliant', findings: '未发现问题' });
    await deliver(reported);
    await deliver(reported);
    await deliver(reported, uuidv7());
    const outcome = await outcomeOf(reported.resultId);
    const { rows } = await t
      .runtime('credit-records')
      .db.query(
        `SELECT count(*)::int AS n FROM records WHERE kind = 'inspection_result' AND details->>'decisionDocumentNumber' = $1`,
        [`inspection-result:${reported.resultId}`],
      );
    expect(rows[0].n).toBe(1);
    expect(outcome).toMatchObject({ status: 'accepted' });
  });

  it('keeps a result the organiser may not record, with the reason, instead of retrying it', async () => {
    const reported = result({ organizer: ORGS.tax.id });
    await deliver(reported);
    const outcome = await outcomeOf(reported.resultId);
    expect(outcome).toMatchObject({ status: 'rejected', record_id: null });
    expect(JSON.stringify(outcome!.errors)).toMatch(/NOT_AUTHORISED/);
    const unknown = result({ organizer: 'no-such-org' });
    await deliver(unknown);
    expect(await outcomeOf(unknown.resultId)).toMatchObject({ status: 'rejected' });
  });
});
