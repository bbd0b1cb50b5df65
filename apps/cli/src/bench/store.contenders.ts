// The three event stores the store benchmark compares, each behind the same small interface, each in a database of
// its own, each with a node-postgres pool of the same size:
//   - credit-share: our PgEventStore, exactly as the services use it;
//   - Emmett: @event-driven-io/emmett-postgresql with its default (recommended) options: pooled, schema auto-migrated;
//   - raw: the floor — one INSERT … SELECT … FROM unnest(…) into a table with the same columns and keys as ours,
//     with no version check, no RETURNING and no per-event work beyond serialising the JSON.
import { Database, NO_STREAM, PgEventStore, START, eventStoreMigrations, migrate, type Cursor } from '@credit-share/event-store';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { types } from 'pg';
import type { BenchEvent } from './credit-record.fixture';

export type ContenderId = 'credit-share' | 'emmett' | 'raw';

export interface StoreContender {
  readonly id: ContenderId;
  readonly label: string;
  /** Puts the process in the state this contender would run in on its own (see ParserProfile); call before its turn. */
  activate(): void;
  /** Appends `events` as a new stream, in one transaction, with the stream's expected version checked where the store has one. */
  appendToNewStream(streamId: string, events: BenchEvent[]): Promise<void>;
  /** Reads every event from the start of the global order in pages; resolves to the number of events read. */
  readAllFromStart(pageSize: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * node-postgres keeps its type parsers in one process-wide registry, and Emmett's SQL layer (dumbo) replaces the
 * parsers of int8, json and jsonb in it when Emmett opens its pool (int8 → BigInt, JSON through a reviver that turns
 * big numbers into BigInt). Left alone, that would slow our store's reads down with Emmett's parser, or hand Emmett
 * ours. Each contender therefore runs its turns with the parsers it would have in a process of its own.
 */
class ParserProfile {
  private static readonly OIDS = [20, 114, 3802]; // int8, json, jsonb

  private constructor(private readonly parsers: ReadonlyMap<number, (value: string) => unknown>) {}

  static capture(): ParserProfile {
    return new ParserProfile(new Map(ParserProfile.OIDS.map((oid) => [oid, types.getTypeParser(oid, 'text')])));
  }

  apply(): void {
    for (const [oid, parser] of this.parsers) types.setTypeParser(oid, 'text', parser);
  }
}

/** node-postgres's own parsers, captured when this module loads, before any Emmett pool exists. */
const NODE_POSTGRES_PARSERS = ParserProfile.capture();
/** dumbo installs its parsers once per process, so the first capture after Emmett's first pool holds for the process. */
let emmettParsers: ParserProfile | undefined;

/** Same keyset query as PgEventStore.readAll, for the raw contender, whose rows are counted but not mapped. */
const RAW_READ_SQL = `SELECT global_position::text AS position, transaction_id::text AS tx, stream_id, stream_version,
  event_id, type, schema_version, data, metadata, occurred_at, recorded_at FROM events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position LIMIT $3`;

export class CreditShareContender implements StoreContender {
  readonly id = 'credit-share';
  readonly label = 'credit-share';

  private constructor(
    private readonly db: Database,
    private readonly store: PgEventStore,
  ) {}

  static async open(url: string, poolSize: number): Promise<CreditShareContender> {
    const db = new Database({ url, schema: 'event_store', poolSize, applicationName: 'bench-credit-share' });
    await migrate(db, eventStoreMigrations());
    return new CreditShareContender(db, new PgEventStore(db));
  }

  activate(): void {
    NODE_POSTGRES_PARSERS.apply();
  }

  async appendToNewStream(streamId: string, events: BenchEvent[]): Promise<void> {
    await this.store.append(streamId, NO_STREAM, events, events[0]!.metadata);
  }

  async readAllFromStart(pageSize: number): Promise<number> {
    let cursor: Cursor = START;
    let count = 0;
    for (;;) {
      const page = await this.store.readAll(cursor, pageSize);
      if (page.length === 0) return count;
      count += page.length;
      cursor = page[page.length - 1]!.cursor;
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

type EmmettExecutor = Parameters<typeof readMessagesBatch>[0];

export class EmmettContender implements StoreContender {
  readonly id = 'emmett';
  readonly label = `Emmett ${emmettVersion()}`;

  private constructor(
    private readonly store: PostgresEventStore,
    private readonly execute: EmmettExecutor,
  ) {}

  /**
   * Emmett's defaults (a pooled pg.Pool of node-postgres's default size, 10; schema created on first use), with the
   * schema migrated up front so no append pays for it. Emmett checks for its functions by name across the whole
   * database, so it must have a database of its own.
   */
  static async open(url: string): Promise<EmmettContender> {
    let execute: EmmettExecutor | undefined;
    const store = getPostgreSQLEventStore(url, {
      schema: { autoMigration: 'CreateOrUpdate' },
      // The store keeps its pool to itself; its executor is what Emmett's own consumers read the global log with
      // (readMessagesBatch), and the schema hook is the public place that hands it out.
      hooks: { onAfterSchemaCreated: (context) => void (execute = context.connection.pool.execute) },
    });
    await store.schema.migrate();
    emmettParsers ??= ParserProfile.capture();
    NODE_POSTGRES_PARSERS.apply();
    if (!execute) {
      await store.close();
      throw new Error('Emmett did not run its schema hook');
    }
    return new EmmettContender(store, execute);
  }

  activate(): void {
    emmettParsers!.apply();
  }

  async appendToNewStream(streamId: string, events: BenchEvent[]): Promise<void> {
    // 0n: "the stream is at version 0", the cheapest form of Emmett's version check for a new stream (the
    // STREAM_DOES_NOT_EXIST form costs an extra lookup).
    await this.store.appendToStream(streamId, events, { expectedStreamVersion: 0n });
  }

  /** Emmett has no readAll on the store; readMessagesBatch is the global read its consumers poll with. */
  async readAllFromStart(pageSize: number): Promise<number> {
    let after = 0n;
    let count = 0;
    for (;;) {
      const { messages, currentGlobalPosition } = await readMessagesBatch(this.execute, { after, batchSize: pageSize });
      if (messages.length === 0) return count;
      count += messages.length;
      after = currentGlobalPosition;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

export class RawUnnestContender implements StoreContender {
  readonly id = 'raw';
  readonly label = 'raw INSERT…UNNEST';

  private constructor(private readonly db: Database) {}

  static async open(url: string, poolSize: number): Promise<RawUnnestContender> {
    const db = new Database({ url, schema: 'raw_baseline', poolSize, applicationName: 'bench-raw' });
    await db.ensureSchema();
    // Our events table's columns and keys (so the same indexes are maintained), without its triggers and checks.
    await db.query(`CREATE TABLE events (
      global_position bigint      GENERATED ALWAYS AS IDENTITY,
      transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text        NOT NULL,
      stream_version  integer     NOT NULL,
      event_id        uuid        NOT NULL,
      type            text        NOT NULL,
      schema_version  integer     NOT NULL,
      data            jsonb       NOT NULL,
      metadata        jsonb       NOT NULL,
      occurred_at     timestamptz NOT NULL,
      recorded_at     timestamptz NOT NULL DEFAULT statement_timestamp(),
      UNIQUE (stream_id, stream_version),
      PRIMARY KEY (transaction_id, global_position)
    )`);
    return new RawUnnestContender(db);
  }

  activate(): void {
    NODE_POSTGRES_PARSERS.apply();
  }

  async appendToNewStream(streamId: string, events: BenchEvent[]): Promise<void> {
    const occurredAt = new Date().toISOString();
    await this.db.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
       SELECT $1, e.ord, e.event_id, e.type, 1, e.data, e.metadata, e.occurred_at
       FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[])
         WITH ORDINALITY AS e(event_id, type, data, metadata, occurred_at, ord)`,
      [
        streamId,
        events.map(() => randomUUID()),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
        events.map(() => occurredAt),
      ],
    );
  }

  async readAllFromStart(pageSize: number): Promise<number> {
    let cursor: Cursor = START;
    let count = 0;
    for (;;) {
      const { rows } = await this.db.query<{ tx: string; position: string }>(RAW_READ_SQL, [
        cursor.transactionId,
        cursor.position,
        pageSize,
      ]);
      if (rows.length === 0) return count;
      count += rows.length;
      const last = rows[rows.length - 1]!;
      cursor = { transactionId: last.tx, position: last.position };
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Leaves node-postgres's parsers as they were before the benchmark, for whatever runs next in this process. */
export function restoreNodePostgresParsers(): void {
  NODE_POSTGRES_PARSERS.apply();
}

function emmettVersion(): string {
  // The package's exports map hides package.json, so read it next to the resolved entry point (dist/).
  const entry = require.resolve('@event-driven-io/emmett-postgresql');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
