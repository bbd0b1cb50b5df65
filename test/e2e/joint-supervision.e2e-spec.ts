// Joint supervision in the distributed mode (Kafka, services as processes): credit records' integration events —
// produced here to its topic with the envelope of libs/contracts, as credit records publishes them — drive grades
// and listings. A serious penalty changes the grade; an approved repair restores it and removes the listing whose
// only basis it was. What joint supervision publishes arrives on its own topic and keeps its contracts.
import { ContractRegistry, topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { TestCluster, waitFor } from '@credit-share/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { messageOf, recordPublished, recordRepaired } from '../../apps/joint-supervision/src/credit-records-events.fixture';
import { department, syntheticUscc } from './support';

describe('joint supervision (Kafka, services as processes)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'joint-supervision'] });
  });
  afterAll(() => cluster?.stop());

  it('grades from a serious penalty, lists with due process, and a repair restores the grade and removes the listing', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const dept = department(41);
    expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, dept)).status).toBe(201);
    const regulator = await cluster.token({ org: dept.id, roles: ['regulator'] });
    const uscc = syntheticUscc(4242);
    const subject = await cluster.token({ org: uscc, roles: ['subject'], subject: uscc });

    const kafka = new Kafka({ clientId: 'e2e-supervision', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    const produce = async (event: IntegrationEvent) => {
      const { topic, ...message } = messageOf(event);
      await producer.send({ topic, messages: [message] });
    };
    const json = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await cluster.call('joint-supervision', method, path, token, body);
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const grade = async () => {
      const response = await json('GET', `/api/v1/subjects/${uscc}/grade`, regulator);
      return response.status === 200 ? response.body : undefined;
    };

    try {
      const penalty = {
        recordId: 'e2e-penalty-1',
        uscc,
        name: '深圳市端到端测试有限公司',
        severity: 'serious' as const,
        providerOrg: dept.id,
        publicFrom: new Date(Date.now() - 60_000).toISOString(),
        publicUntil: new Date(Date.now() + 3 * 365 * 86_400_000).toISOString(),
      };
      await produce(recordPublished(penalty, new Date().toISOString()));
      const graded = await waitFor(async () => ((await grade())?.grade === 'C' ? await grade() : undefined), {
        timeoutMs: 60_000,
        description: 'the serious penalty to grade the subject C',
      });
      expect(graded).toMatchObject({
        score: 60,
        ruleSetVersion: 1,
        reasons: [{ recordId: 'e2e-penalty-1', rule: 'deduction.serious', points: -40 }],
      });

      // The regulator's organisation reached joint supervision's directory copy through Kafka too.
      const proposed = await waitFor(
        async () => {
          const r = await json('POST', '/api/v1/listings', regulator, {
            uscc,
            listType: 'serious_dishonesty',
            basisRecordIds: ['e2e-penalty-1'],
            legalBasis: '《企业信息公示暂行条例》第十八条',
          });
          return r.status === 201 ? r.body : undefined;
        },
        { timeoutMs: 30_000, description: 'the proposal to be accepted' },
      );
      expect(proposed.notice).toMatchObject({ basisRecordIds: ['e2e-penalty-1'] });
      expect(
        (await json('POST', `/api/v1/listings/${proposed.id}/decision`, regulator, { outcome: 'listed', reason: '情节严重' }))
          .status,
      ).toBe(422);
      expect((await json('POST', `/api/v1/listings/${proposed.id}/waiver`, subject)).status).toBe(200);
      const listed = await json('POST', `/api/v1/listings/${proposed.id}/decision`, regulator, {
        outcome: 'listed',
        reason: '情节严重',
      });
      expect(listed.body).toMatchObject({ status: 'listed' });
      expect(await grade()).toMatchObject({ grade: 'D' });

      await produce(recordRepaired(penalty, new Date().toISOString()));
      const removed = await waitFor(
        async () => {
          const r = await json('GET', `/api/v1/listings/${proposed.id}`, regulator);
          return r.body.status === 'removed' ? r.body : undefined;
        },
        { timeoutMs: 60_000, description: 'the repair to remove the listing' },
      );
      expect(removed.removal).toMatchObject({ cause: 'repaired' });
      expect(await grade()).toMatchObject({ grade: 'A', score: 100, reasons: [] });

      // Published on joint supervision's topic, keyed by the subject, valid against the contracts.
      const registry = new ContractRegistry();
      const consumer = kafka.consumer({ groupId: 'e2e-supervision-reader' });
      await consumer.connect();
      await consumer.subscribe({ topic: topicOf('joint-supervision'), fromBeginning: true });
      const seen: IntegrationEvent[] = [];
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(JSON.parse(message.value!.toString()) as IntegrationEvent);
        },
      });
      try {
        await waitFor(async () => seen.some((e) => e.type === 'ListingRemoved') || undefined, {
          timeoutMs: 60_000,
          description: 'ListingRemoved on the joint-supervision topic',
        });
      } finally {
        await consumer.disconnect();
      }
      const ours = seen.filter((e) => e.subject === uscc);
      expect(ours.map((e) => e.type)).toEqual([
        'GradeChanged',
        'ListingProposed',
        'ListingNoticed',
        'ListingWindowWaived',
        'ListingDecided',
        'GradeChanged',
        'ListingRemoved',
        'GradeChanged',
      ]);
      expect(ours.filter((e) => e.type === 'GradeChanged').map((e) => (e.data as { grade: string }).grade)).toEqual([
        'C',
        'D',
        'A',
      ]);
      for (const e of ours) expect(registry.validate(e)).toEqual([]);
    } finally {
      await producer.disconnect();
    }
  });
});
