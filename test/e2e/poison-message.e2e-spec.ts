// A message that can never be applied goes to <topic>.dlq with error headers after bounded retries; the consumer
// keeps applying other subjects' messages meanwhile.
import { DLQ_HEADERS, topicOf } from '@credit-share/contracts';
import { TestCluster, waitFor } from '@credit-share/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { department, syntheticUscc, type DirectoryRow } from './support';

describe('a poison message (Kafka)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'enforcement-coordination'] });
  });
  afterAll(() => cluster?.stop());

  it('lands on the DLQ while other subjects keep flowing', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const kafka = new Kafka({ clientId: 'e2e-poison', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const poisonSubject = syntheticUscc(900);
    const poisonId = '0192f0c4-0000-7000-8000-000000000900';
    // Breaks the OrganizationRegistered contract (no name, no type): it can never be applied.
    await producer.send({
      topic: topicOf('credit-records'),
      messages: [
        {
          key: poisonSubject,
          value: JSON.stringify({
            id: poisonId,
            type: 'OrganizationRegistered',
            version: 1,
            occurredAt: new Date().toISOString(),
            recordedAt: new Date().toISOString(),
            subject: poisonSubject,
            producer: 'credit-records',
            data: { id: 'poison', uscc: poisonSubject },
          }),
          headers: { 'message-id': poisonId, type: 'OrganizationRegistered', 'schema-version': '1' },
        },
      ],
    });
    await producer.disconnect();
    for (let n = 1; n <= 3; n++) {
      expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(n))).status).toBe(201);
    }

    const copy = await waitFor(
      async () => {
        const response = await cluster.call('enforcement-coordination', 'GET', '/api/v1/organizations', operator);
        const rows = response.status === 200 ? ((await response.json()) as DirectoryRow[]) : [];
        return rows.length === 4 ? rows : undefined;
      },
      { timeoutMs: 60_000, description: 'the three valid organisations in the copy' },
    );
    expect(copy.map((r) => r.id)).toEqual(['platform', 'dept-1', 'dept-2', 'dept-3']);

    const consumer = kafka.consumer({ groupId: 'e2e-dlq-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: `${topicOf('credit-records')}.dlq`, fromBeginning: true });
    const dead = await new Promise<{ key: string; headers: Record<string, string> }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) =>
          resolve({
            key: message.key!.toString(),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          }),
      });
    });
    await consumer.disconnect();
    expect(dead.key).toBe(poisonSubject);
    expect(dead.headers[DLQ_HEADERS.consumer]).toBe('credit-share.enforcement-coordination');
    expect(dead.headers[DLQ_HEADERS.error]).toMatch(/breaks its contract/);
    expect(dead.headers['message-id']).toBe(poisonId);

    const metrics = await (await cluster.call('enforcement-coordination', 'GET', '/metrics')).text();
    expect(metrics).toMatch(/credit_share_dead_letter_messages\{service="enforcement-coordination",reason="poison"\} 1/);
  });
});
