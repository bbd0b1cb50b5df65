import { ContractRegistry, deadLetterTopicOf, DLQ_HEADERS, topicOf } from '@credit-share/contracts';
import { CheckpointStore, PgEventStore, type Database, type EventMetadata, type Tx } from '@credit-share/event-store';
import { Metrics } from '@credit-share/observability';
import { migratedDatabase, waitFor } from '@credit-share/testing';
import { ConsumerHost } from './consumer-host';
import { InProcessTransport } from './in-process.transport';
import type { PublishMap } from './publication';
import { Relay } from './relay';
import { messagingMigrations } from './service-runtime';
import type { TransportMessage } from './transport';

// Real USCCs from test/fixtures/reference-data/uscc_vectors.txt, one per subject.
const USCC = {
  a: '91110000600037341L',
  b: '121200004013590816',
  c: '911522010783762860',
  d: '91152201078377449P',
} as const;

const metadata: EventMetadata = {
  correlationId: 'corr-1',
  causationId: null,
  actor: { user: 'u', org: 'platform' },
  traceparent: null,
};

interface Registered {
  type: 'Registered';
  data: { id: string; uscc: string };
}

const publish: PublishMap = (event) => {
  const e = event as unknown as Registered;
  if (e.type !== 'Registered') return null;
  return {
    type: 'OrganizationRegistered',
    version: 1,
    subject: e.data.uscc,
    data: {
      id: e.data.id,
      name: `org ${e.data.id}`,
      type: 'government_department',
      uscc: e.data.uscc,
      catalogueItems: [],
      sharingClasses: ['public'],
    },
  };
};

describe('relay → in-process transport → consumer host (real PostgreSQL)', () => {
  let producer: Database;
  let consumer: Database;
  let store: PgEventStore;
  let transport: InProcessTransport;
  let relay: Relay;
  let host: ConsumerHost;
  let checkpoints: CheckpointStore;
  const poisoned = new Set<string>();
  const deadLetters: TransportMessage[] = [];
  const metrics = new Metrics({ defaultMetrics: false });

  beforeAll(async () => {
    producer = await migratedDatabase('producer');
    consumer = await migratedDatabase('consumer', [
      ...messagingMigrations(),
      {
        id: 'test/001_counts',
        sql: 'CREATE TABLE applied (subject text NOT NULL, org_id text NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY)',
      },
    ]);
    store = new PgEventStore(producer);
    checkpoints = new CheckpointStore(producer);
    transport = new InProcessTransport();
    relay = new Relay('credit-records', producer, store, checkpoints, transport, publish, metrics, { batchSize: 100 });
    host = new ConsumerHost('joint-supervision', consumer, transport, new ContractRegistry(), metrics, {
      maxAttempts: 3,
      retryDelayMs: 1,
    });
    // A deliberately non-idempotent effect: a duplicate delivery would add a second row.
    host.on<{ id: string; uscc: string }>('OrganizationRegistered', async (event, tx: Tx) => {
      if (poisoned.has(event.data.id)) throw new Error(`cannot apply ${event.data.id}`);
      await tx.query('INSERT INTO applied (subject, org_id) VALUES ($1, $2)', [event.subject, event.data.id]);
    });
    await host.subscribe([topicOf('credit-records')]);
    await transport.subscribe({
      group: 'dlq-recorder',
      topics: [deadLetterTopicOf(topicOf('credit-records'))],
      handle: async (batch) => void deadLetters.push(...batch.messages),
    });
    await transport.start();
  });

  afterAll(async () => {
    await relay.stop();
    await producer.close();
    await consumer.close();
  });

  const applied = async (subject?: string) =>
    (
      await consumer.query<{ org_id: string }>('SELECT org_id FROM applied WHERE $1::text IS NULL OR subject = $1 ORDER BY seq', [
        subject ?? null,
      ])
    ).rows.map((r) => r.org_id);

  const register = (id: string, uscc: string) =>
    store.append(`org-${id}`, 0, [{ type: 'Registered', data: { id, uscc } }], metadata);

  it('applies every event exactly once, even when the relay publishes everything again', async () => {
    for (let i = 0; i < 30; i++) await register(`once-${i}`, i % 2 ? USCC.a : USCC.c);
    await relay.publishPending();
    expect(await applied()).toHaveLength(30);
    await checkpoints.reset('relay'); // as after a crash between publish and checkpoint
    await relay.publishPending();
    expect(await applied()).toHaveLength(30);
    const { rows } = await consumer.query<{ n: string }>('SELECT count(*)::text AS n FROM inbox');
    expect(rows[0]!.n).toBe('30');
  });

  it('keeps per-subject order', async () => {
    for (let i = 0; i < 10; i++) await register(`order-${i}`, USCC.d);
    await relay.publishPending();
    expect(await applied(USCC.d)).toEqual(Array.from({ length: 10 }, (_, i) => `order-${i}`));
  });

  it('parks a poison message on the DLQ after bounded retries, holds that subject, and lets other subjects flow', async () => {
    poisoned.add('poison-1');
    await register('poison-1', USCC.b);
    await register('after-poison', USCC.b);
    await register('other-subject', USCC.a);
    await relay.publishPending();

    expect(await applied(USCC.a)).toContain('other-subject');
    expect(await applied(USCC.b)).toEqual([]);
    expect(await host.parkedCounts()).toEqual({ poison: 1, held: 1 });
    expect(deadLetters).toHaveLength(1);
    const dead = deadLetters[0]!;
    expect(dead.topic).toBe('credit-share.credit-records.v1.dlq');
    expect(dead.key).toBe(USCC.b);
    expect(dead.headers[DLQ_HEADERS.error]).toContain('cannot apply poison-1');
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('3');
    expect(dead.headers[DLQ_HEADERS.consumer]).toBe('credit-share.joint-supervision');
    expect(JSON.parse(dead.value).data.id).toBe('poison-1');

    // While the subject is blocked, its later messages keep being held, not applied out of order.
    await register('while-blocked', USCC.b);
    await relay.publishPending();
    expect(await applied(USCC.b)).toEqual([]);

    // Redrive before the cause is fixed: still parked, order kept.
    expect(await host.redrive(USCC.b)).toEqual({ resolved: 0, stillParked: 3 });

    poisoned.delete('poison-1');
    expect(await host.redrive(USCC.b)).toEqual({ resolved: 3, stillParked: 0 });
    expect(await applied(USCC.b)).toEqual(['poison-1', 'after-poison', 'while-blocked']);
    expect(await host.parkedCounts()).toEqual({ poison: 0, held: 0 });

    // Unblocked: new messages of the subject flow again.
    await register('unblocked', USCC.b);
    await relay.publishPending();
    expect(await applied(USCC.b)).toEqual(['poison-1', 'after-poison', 'while-blocked', 'unblocked']);
  });

  it('parks a message that breaks its contract without retrying it', async () => {
    const before = deadLetters.length;
    await transport.publish([
      {
        topic: topicOf('credit-records'),
        key: USCC.c,
        value: JSON.stringify({
          id: '0192f0c4-0000-7000-8000-00000000abcd',
          type: 'OrganizationRegistered',
          version: 1,
          occurredAt: 'x',
          recordedAt: 'y',
          subject: USCC.c,
          producer: 'credit-records',
          data: {},
        }),
        headers: { 'message-id': '0192f0c4-0000-7000-8000-00000000abcd' },
      },
      { topic: topicOf('credit-records'), key: USCC.c, value: '{not json', headers: {} },
    ]);
    expect(deadLetters.length).toBe(before + 2);
    expect(deadLetters[before]!.headers[DLQ_HEADERS.error]).toMatch(/breaks its contract/);
    expect(deadLetters[before]!.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect(deadLetters[before + 1]!.headers[DLQ_HEADERS.error]).toMatch(/not JSON/);
    expect((await host.parkedCounts()).poison).toBe(2);
  });

  it('hands every other event to a catch-all handler, with the topic it came from, checking only the envelope', async () => {
    const recorder = await migratedDatabase('recorder', [
      ...messagingMigrations(),
      { id: 'test/001_recorded', sql: 'CREATE TABLE recorded (type text NOT NULL, subject text NOT NULL, topic text NOT NULL)' },
    ]);
    const recorderTransport = new InProcessTransport();
    await recorderTransport.start();
    const recording = new ConsumerHost('audit-ledger', recorder, recorderTransport, new ContractRegistry(), metrics, {
      maxAttempts: 1,
    });
    recording.onAny(
      async (event, tx, delivery) =>
        void (await tx.query('INSERT INTO recorded VALUES ($1, $2, $3)', [event.type, event.subject, delivery.topic])),
    );
    const envelope = (id: string, type: string, data: unknown) =>
      JSON.stringify({
        id,
        type,
        version: 7,
        occurredAt: '2026-11-26T08:00:00.000Z',
        recordedAt: '2026-11-26T08:00:00.000Z',
        subject: USCC.a,
        producer: 'joint-supervision',
        data,
      });
    await recording.handle({
      topic: topicOf('joint-supervision'),
      partition: 0,
      messages: [
        {
          topic: 'x',
          key: USCC.a,
          value: envelope('0192f0c4-0000-7000-8000-0000000000e1', 'GradeChanged', { anything: true }),
          headers: {},
        },
        { topic: 'x', key: USCC.a, value: JSON.stringify({ type: 'NoEnvelope' }), headers: {} },
      ],
    });
    expect((await recorder.query('SELECT type, subject, topic FROM recorded')).rows).toEqual([
      { type: 'GradeChanged', subject: USCC.a, topic: 'x' },
    ]);
    expect((await recording.parkedCounts()).poison).toBe(1);
    await recorder.close();
  });

  it('hands a chunk of such events to a batch handler in one call per transaction, in order, each once', async () => {
    const recorder = await migratedDatabase('batch_recorder', [
      ...messagingMigrations(),
      { id: 'test/001_recorded', sql: 'CREATE TABLE recorded (call int NOT NULL, id uuid NOT NULL, topic text NOT NULL)' },
    ]);
    const recorderTransport = new InProcessTransport();
    await recorderTransport.start();
    const recording = new ConsumerHost('audit-ledger', recorder, recorderTransport, new ContractRegistry(), metrics, {
      maxAttempts: 1,
      chunkSize: 3,
    });
    let calls = 0;
    recording.onAnyBatch(async (events, tx) => {
      const call = ++calls;
      for (const { event, delivery } of events) {
        await tx.query('INSERT INTO recorded VALUES ($1, $2, $3)', [call, event.id, delivery.topic]);
      }
    });
    const message = (n: number) => {
      const id = `0192f0c4-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
      const value = JSON.stringify({
        id,
        type: 'GradeChanged',
        version: 1,
        occurredAt: '2026-11-26T08:00:00.000Z',
        recordedAt: '2026-11-26T08:00:00.000Z',
        subject: USCC.b,
        producer: 'joint-supervision',
        data: { n },
      });
      return { topic: topicOf('joint-supervision'), key: USCC.b, value, headers: {} };
    };
    const batch = { topic: topicOf('joint-supervision'), partition: 0, messages: [1, 2, 3, 4, 5].map(message) };
    await recording.handle(batch);
    await recording.handle(batch); // redelivered: all duplicates
    // A chunk with a poison message (of another subject) goes one by one: each event alone.
    await recording.handle({
      topic: topicOf('joint-supervision'),
      partition: 0,
      messages: [message(6), { ...message(7), key: USCC.c, value: '{' }, message(8)],
    });
    const { rows } = await recorder.query<{ call: number; id: string; topic: string }>(
      'SELECT call, id::text, topic FROM recorded ORDER BY call, id',
    );
    expect(rows.map((r) => [r.call, Number(r.id.slice(-2))])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 4],
      [2, 5],
      [3, 6],
      [4, 8],
    ]);
    expect(new Set(rows.map((r) => r.topic))).toEqual(new Set([topicOf('joint-supervision')]));
    expect(() => recording.onAny(async () => undefined)).toThrow(/already handles every event/);
    await recorder.close();
  });

  it('publishes on its own once started: an append wakes the relay', async () => {
    relay.start();
    await register('woken', USCC.a);
    await waitFor(async () => (await applied(USCC.a)).includes('woken'), { description: 'relay to deliver "woken"' });
    expect(await relay.lag()).toBe(0);
  });
});
