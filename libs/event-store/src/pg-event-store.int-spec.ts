import { migratedDatabase, adminUrl } from '@credit-share/testing';
import { Client } from 'pg';
import { CheckpointStore } from './checkpoints';
import { Database } from './database';
import { eventStoreMigrations } from './index';
import { migrate } from './migrations';
import { WrongExpectedVersionError } from './errors';
import { START, type Cursor, type EventMetadata, type RecordedEvent } from './event';
import { PgEventStore } from './pg-event-store';
import { UpcasterRegistry } from './upcasters';

const metadata: EventMetadata = {
  correlationId: '0192f0c4-0000-7000-8000-000000000001',
  causationId: null,
  actor: { user: 'u1', org: 'sz-amr' },
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
};

const event = (n: number) => ({ type: 'ThingHappened', data: { n } });

describe('PgEventStore (real PostgreSQL)', () => {
  let db: Database;
  let store: PgEventStore;

  beforeAll(async () => {
    db = await migratedDatabase('store_test');
    store = new PgEventStore(db);
  });
  afterAll(() => db.close());

  it('appends with metadata and reads the stream back in version order', async () => {
    const { nextExpectedVersion, events } = await store.append('s-roundtrip', 0, [event(1), event(2)], metadata);
    expect(nextExpectedVersion).toBe(2);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
    const read = await store.readStream('s-roundtrip');
    expect(read.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(read[0]!.metadata).toEqual(metadata);
    expect(read[0]!.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(read[0]!.recordedAt).toBeInstanceOf(Date);
    expect(read[0]!.schemaVersion).toBe(1);
  });

  it('refuses an append whose expected version is stale or ahead', async () => {
    await store.append('s-expect', 0, [event(1)], metadata);
    await expect(store.append('s-expect', 0, [event(2)], metadata)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append('s-expect', 5, [event(2)], metadata)).rejects.toThrow('expected version 5, actual 1');
    await store.append('s-expect', 'any', [event(2)], metadata);
    expect((await store.readStream('s-expect')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('lets exactly one of many concurrent writers win each version', async () => {
    await store.append('s-race', 0, [event(0)], metadata);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append('s-race', 1, [event(i)], metadata)),
    );
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream('s-race')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('keeps a stream gap-free when 16 writers retry on conflicts', async () => {
    const perWriter = 15;
    await Promise.all(
      Array.from({ length: 16 }, async (_, writer) => {
        for (let i = 0; i < perWriter; i++) {
          for (;;) {
            const version = await store.streamVersion('s-retry');
            try {
              await store.append('s-retry', version, [event(writer * 1000 + i)], metadata);
              break;
            } catch (error) {
              if (!(error instanceof WrongExpectedVersionError)) throw error;
            }
          }
        }
      }),
    );
    const versions = (await store.readStream('s-retry')).map((e) => e.streamVersion);
    expect(versions).toEqual(Array.from({ length: 16 * perWriter }, (_, i) => i + 1));
  });

  it('never lets a catch-up reader skip an event while 16+ writers hold transactions open at random', async () => {
    const isolated = await migratedDatabase('horizon_test');
    const horizonStore = new PgEventStore(isolated);
    const committed = new Set<string>();
    const seen: RecordedEvent[] = [];
    let writing = true;

    const reader = (async () => {
      let cursor: Cursor = START;
      for (;;) {
        const batch = await horizonStore.readAll(cursor, 500);
        for (const e of batch) seen.push(e);
        if (batch.length > 0) cursor = batch[batch.length - 1]!.cursor;
        else if (!writing) {
          // One last read after every writer has finished: everything committed must now be below the horizon.
          const rest = await horizonStore.readAll(cursor, 100_000);
          seen.push(...rest);
          return;
        }
      }
    })();

    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; i < 12; i++) {
        const rolledBack = Math.random() < 0.15;
        await isolated
          .transaction(async (tx) => {
            const { events } = await horizonStore.append(`w${w}-${i}`, 0, [event(i), event(i + 1)], metadata, tx);
            // Hold the transaction open for a random while, so later transactions commit first.
            await new Promise((r) => setTimeout(r, Math.random() * 40));
            if (rolledBack) throw new Error('rollback on purpose');
            for (const e of events) committed.add(e.eventId);
          })
          .catch((error: Error) => {
            if (error.message !== 'rollback on purpose') throw error;
          });
      }
    });
    await Promise.all(writers);
    writing = false;
    await reader;
    await isolated.close();

    const seenIds = seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length); // nothing twice
    expect(new Set(seenIds)).toEqual(committed); // nothing skipped, nothing rolled back
    // Global order: the cursor only moves forward.
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!.cursor, seen[i]!.cursor];
      expect(
        BigInt(a.transactionId) < BigInt(b.transactionId) ||
          (a.transactionId === b.transactionId && BigInt(a.position) < BigInt(b.position)),
      ).toBe(true);
    }
    expect(committed.size).toBeGreaterThan(300);
  });

  it('holds back events committed after a still-running transaction until it ends', async () => {
    const isolated = await migratedDatabase('horizon_hold');
    const s = new PgEventStore(isolated);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appendedInOpen!: () => void;
    const openAppended = new Promise<void>((r) => (appendedInOpen = r));
    const open = isolated.transaction(async (tx) => {
      await s.append('early', 0, [event(1)], metadata, tx);
      appendedInOpen();
      await held;
    });
    await openAppended;
    await s.append('late', 0, [event(2)], metadata);
    expect(await s.readAll(START, 100)).toEqual([]);
    release();
    await open;
    const all = await s.readAll(START, 100);
    expect(all.map((e) => e.streamId)).toEqual(['early', 'late']);
    await isolated.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE on events, even for a superuser', async () => {
    await store.append('s-immutable', 0, [event(1)], metadata);
    await expect(db.query(`UPDATE events SET data = '{}' WHERE stream_id = 's-immutable'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(db.query(`DELETE FROM events WHERE stream_id = 's-immutable'`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query(`TRUNCATE events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await store.streamVersion('s-immutable')).toBe(1);
  });

  it('denies UPDATE and DELETE by privilege to the (non-superuser) role that owns the store', async () => {
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    const role = `store_owner_${Date.now()}`;
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
    await admin.query(`CREATE DATABASE ${role} OWNER ${role}`);
    await admin.end();
    const url = new URL(adminUrl());
    url.username = role;
    url.pathname = `/${role}`;
    const owned = new Database({ url: url.toString(), schema: 'owned' });
    await migrate(owned, eventStoreMigrations());
    await new PgEventStore(owned).append('s', 0, [event(1)], metadata);
    await expect(owned.query(`UPDATE events SET type = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(owned.query(`DELETE FROM events`)).rejects.toThrow(/permission denied/);
    const { rows } = await owned.query<{ n: string }>(`SELECT count(*)::text AS n FROM events`);
    expect(rows[0]!.n).toBe('1');
    await owned.close();
  });

  it('upcasts stored events of an old schema version on the way out', async () => {
    const upcasters = new UpcasterRegistry().register({
      type: 'PenaltyRecorded',
      fromVersion: 1,
      upcast: (data) => ({ ...(data as object), fineYuan: (data as { fineWan: number }).fineWan * 10_000 }),
    });
    const writer = new PgEventStore(db); // an old writer that only knows version 1
    await writer.append('s-upcast', 0, [{ type: 'PenaltyRecorded', data: { fineWan: 0.2 }, schemaVersion: 1 }], metadata);
    const reader = new PgEventStore(db, { upcasters });
    const [read] = await reader.readStream('s-upcast');
    expect(read!.schemaVersion).toBe(2);
    expect(read!.data).toEqual({ fineWan: 0.2, fineYuan: 2000 });
  });

  it('keeps named checkpoints', async () => {
    const checkpoints = new CheckpointStore(db);
    expect(await checkpoints.load('relay')).toEqual(START);
    await checkpoints.save('relay', { transactionId: '1234', position: '56' });
    expect(await checkpoints.load('relay')).toEqual({ transactionId: '1234', position: '56' });
    await checkpoints.reset('relay');
    expect(await checkpoints.load('relay')).toEqual(START);
  });
});
