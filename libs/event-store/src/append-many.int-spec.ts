import { migratedDatabase } from '@credit-share/testing';
import type { Database } from './database';
import { WrongExpectedVersionError } from './errors';
import type { EventMetadata } from './event';
import { PgEventStore } from './pg-event-store';

const metadata: EventMetadata = {
  correlationId: '0192f0c4-0000-7000-8000-000000000002',
  causationId: null,
  actor: { user: 'u1', org: 'sz-amr' },
  traceparent: null,
};

const event = (n: number) => ({ type: 'ThingHappened', data: { n } });

describe('PgEventStore.appendMany (real PostgreSQL)', () => {
  let db: Database;
  let store: PgEventStore;

  beforeAll(async () => {
    db = await migratedDatabase('append_many_test');
    store = new PgEventStore(db);
  });
  afterAll(() => db.close());

  it('appends to many streams in one statement, continuing each head, in input order', async () => {
    await store.append('m-old', 0, [event(0)], metadata);
    const result = await store.appendMany(
      [
        { streamId: 'm-a', expectedVersion: 0, events: [event(1), event(2)] },
        { streamId: 'm-old', expectedVersion: 1, events: [event(3)] },
        { streamId: 'm-b', expectedVersion: 'any', events: [event(4)] },
      ],
      metadata,
    );
    expect(result.map((events) => events.map((e) => [e.streamId, e.streamVersion, e.data]))).toEqual([
      [
        ['m-a', 1, { n: 1 }],
        ['m-a', 2, { n: 2 }],
      ],
      [['m-old', 2, { n: 3 }]],
      [['m-b', 1, { n: 4 }]],
    ]);
    expect((await store.readStream('m-old')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 3 }]);
    // Global order follows input order (read directly: readAll waits for every transaction in the cluster).
    const { rows } = await db.query<{ n: number }>(
      `SELECT (data->>'n')::int AS n FROM events WHERE stream_id LIKE 'm-%' ORDER BY transaction_id, global_position`,
    );
    expect(rows.map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
    const positions = result.flat().map((e) => BigInt(e.cursor.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('appends nothing at all when one stream’s expected version is stale', async () => {
    await store.append('m-stale', 0, [event(1)], metadata);
    await expect(
      store.appendMany(
        [
          { streamId: 'm-fresh', expectedVersion: 0, events: [event(1)] },
          { streamId: 'm-stale', expectedVersion: 0, events: [event(2)] },
        ],
        metadata,
      ),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream('m-fresh')).toEqual([]);
    expect(await store.readStream('m-stale')).toHaveLength(1);
  });

  it('lets exactly one of two concurrent batches create the same new stream', async () => {
    const attempt = (n: number) =>
      db.transaction((tx) => store.appendMany([{ streamId: 'm-race', expectedVersion: 0, events: [event(n)] }], metadata, tx));
    const outcomes = await Promise.allSettled([attempt(1), attempt(2)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream('m-race')).toHaveLength(1);
  });

  it('commits or rolls back with the caller’s transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await store.appendMany([{ streamId: 'm-rolled-back', expectedVersion: 0, events: [event(1)] }], metadata, tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.readStream('m-rolled-back')).toEqual([]);
  });
});
