// What leaves credit-records through the relay (in-process transport, as in `npm start`): every record and subject
// event as its contract, keyed by the subject's USCC, and nothing at all about natural persons.
import { ContractRegistry, topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { TRANSPORT, type Transport, type TransportMessage } from '@credit-share/messaging';
import { FixedClock, startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from './credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from './record/record.fixture';

describe('credit-records publishes its contracts through the relay (real PostgreSQL, in-process transport)', () => {
  let t: TestApp;
  const received: TransportMessage[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })],
      clock: new FixedClock('2026-03-02T10:00:00+08:00'),
    });
    const transport = t.app.get<Transport>(TRANSPORT, { strict: false });
    await transport.subscribe({
      group: 'test-observer',
      topics: [topicOf('credit-records')],
      handle: async (batch) => {
        received.push(...batch.messages);
      },
    });
  });
  afterAll(() => t.close());

  it('publishes SubjectRegistered, RecordPublished and RecordWithdrawn that validate, and nothing about a person', async () => {
    const http = call(t);
    const operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    const amr = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
    const residentId = '360426199101010071';
    const report = (await (
      await http('POST', '/api/v1/records/batch', amr, {
        records: [
          penalty({ decisionDocumentNumber: 'PUB-1' }),
          penalty({ decisionDocumentNumber: 'PUB-2', subject: { name: '张三', category: 'natural_person', residentId } }),
        ],
      })
    ).json()) as { rows: { recordId: string }[] };
    await http('POST', `/api/v1/records/${report.rows[0]!.recordId}/withdrawal`, amr, { reason: '撤销' });
    await http('POST', `/api/v1/records/${report.rows[1]!.recordId}/withdrawal`, amr, { reason: '撤销' });

    const types = () =>
      received.map((m) => (JSON.parse(m.value) as IntegrationEvent).type).filter((x) => !x.startsWith('Organization'));
    await waitFor(async () => types().includes('RecordWithdrawn'), { description: 'RecordWithdrawn on the transport' });
    expect(types()).toEqual(['SubjectRegistered', 'RecordPublished', 'RecordWithdrawn']);
    const registry = new ContractRegistry();
    for (const message of received) {
      expect(registry.validate(JSON.parse(message.value))).toEqual([]);
      expect(message.value).not.toContain(residentId);
      expect(message.value).not.toContain('张三');
    }
    const published = received.map((m) => JSON.parse(m.value) as IntegrationEvent).find((e) => e.type === 'RecordPublished')!;
    expect(published).toMatchObject({
      subject: SUBJECTS[0],
      producer: 'credit-records',
      data: { recordId: report.rows[0]!.recordId },
    });
    expect(received.find((m) => m.headers['type'] === 'RecordPublished')!.key).toBe(SUBJECTS[0]);
  });
});
