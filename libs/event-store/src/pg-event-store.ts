// PostgreSQL event store (ADR 0001, ADR 0002). One statement per append: the version check, the unique
// (stream_id, stream_version) guard and the insert travel together in the append_events function (001_events.sql),
// so a single-event append is one round trip and reuses the plan its connection already made.
import { EventEmitter } from 'node:events';
import type { Database, Queryable, Tx } from './database';
import { WrongExpectedVersionError } from './errors';
import type { Cursor, DomainEvent, EventMetadata, ExpectedVersion, RecordedEvent } from './event';
import { UpcasterRegistry } from './upcasters';
import { uuidv7 } from './uuid-v7';

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  nextExpectedVersion: number;
  events: RecordedEvent[];
}

interface EventRow {
  position: string;
  tx: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_ms: number;
  recorded_ms: number;
}

interface AppendedRow {
  position: string;
  tx: string;
  stream_version: number;
  recorded_ms: number;
}

const APPEND_SQL = `SELECT out_position::text AS position, out_transaction_id::text AS tx, out_stream_version AS stream_version,
  out_recorded_ms AS recorded_ms FROM append_events($1, $2, $3::jsonb, $4::jsonb)`;

/**
 * Times travel as whole milliseconds since the epoch (float8), floored exactly as node-postgres truncates a
 * timestamptz into a Date, because decoding PostgreSQL's text timestamps took a tenth of a catch-up read's time.
 */
const SELECT_COLUMNS = `global_position::text AS position, transaction_id::text AS tx, stream_id, stream_version,
  event_id, type, schema_version, data, metadata,
  floor(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms,
  floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms`;

export interface EventStoreOptions {
  upcasters?: UpcasterRegistry;
  now?: () => Date;
}

export class PgEventStore {
  /** Emits `appended` after every append made through this instance (the relay's wake-up call). */
  readonly signals = new EventEmitter();
  private readonly upcasters: UpcasterRegistry;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    options: EventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.now = options.now ?? (() => new Date());
    this.signals.setMaxListeners(50);
  }

  /**
   * Appends events to a stream if its version is `expectedVersion`. Inside `tx` the append commits or rolls back
   * with the caller's other writes (idempotency keys, uniqueness reservations); otherwise it is its own transaction.
   */
  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
    tx?: Tx,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const now = this.now();
    const payload = events.map((e) => ({
      event_id: uuidv7(now.getTime()),
      type: e.type,
      schema_version: e.schemaVersion ?? this.upcasters.currentVersion(e.type),
      data: e.data,
      occurred_at: (e.occurredAt ?? now).toISOString(),
    }));
    const expected = expectedVersion === 'any' ? null : expectedVersion;
    const runner: Queryable = tx ?? this.db;
    let rows: AppendedRow[];
    try {
      ({ rows } = await runner.query<AppendedRow>(APPEND_SQL, [
        streamId,
        expected,
        JSON.stringify(payload),
        JSON.stringify(metadata),
      ]));
    } catch (error) {
      if ((error as { code?: string; constraint?: string }).constraint === 'events_stream_version_key') {
        throw new WrongExpectedVersionError(streamId, expected ?? -1, null);
      }
      throw error;
    }
    if (rows.length === 0) {
      const actual = await this.streamVersion(streamId, runner);
      throw new WrongExpectedVersionError(streamId, expected ?? -1, actual);
    }
    if (!tx) this.signals.emit('appended');
    // Versions are head + ordinality, so sorting by version lines the rows up with the payload whatever order
    // RETURNING produced them in.
    rows.sort((a, b) => a.stream_version - b.stream_version);
    const recorded = rows.map((row, i) => {
      const source = payload[i]!;
      return {
        eventId: source.event_id,
        streamId,
        streamVersion: row.stream_version,
        type: source.type,
        schemaVersion: source.schema_version,
        data: events[i]!.data,
        metadata,
        occurredAt: new Date(source.occurred_at),
        recordedAt: new Date(row.recorded_ms),
        cursor: { transactionId: row.tx, position: row.position },
      } satisfies RecordedEvent;
    });
    return { nextExpectedVersion: recorded[recorded.length - 1]!.streamVersion, events: recorded };
  }

  /**
   * Appends to many streams in one statement (a batch of new records: one stream each). Every stream's events get
   * consecutive versions after its head, global positions follow the input order, and the whole append commits or
   * fails as one. A stream whose expected version is stale, or that a concurrent writer extended first, fails the
   * append with WrongExpectedVersionError.
   */
  async appendMany(
    streams: readonly { streamId: string; expectedVersion: ExpectedVersion; events: readonly DomainEvent[] }[],
    metadata: EventMetadata,
    tx?: Tx,
  ): Promise<RecordedEvent[][]> {
    const now = this.now();
    const payload = streams.flatMap((stream) =>
      stream.events.map((e) => ({
        stream_id: stream.streamId,
        expected_version: stream.expectedVersion === 'any' ? null : stream.expectedVersion,
        event_id: uuidv7(now.getTime()),
        type: e.type,
        schema_version: e.schemaVersion ?? this.upcasters.currentVersion(e.type),
        data: e.data,
        occurred_at: (e.occurredAt ?? now).toISOString(),
      })),
    );
    if (payload.length === 0) return streams.map(() => []);
    const runner: Queryable = tx ?? this.db;
    let rows: (AppendedRow & { event_id: string })[];
    try {
      ({ rows } = await runner.query<AppendedRow & { event_id: string }>(
        `SELECT out_event_id::text AS event_id, out_position::text AS position, out_transaction_id::text AS tx,
           out_stream_version AS stream_version, out_recorded_ms AS recorded_ms
         FROM append_events_many($1::jsonb, $2::jsonb)`,
        [JSON.stringify(payload), JSON.stringify(metadata)],
      ));
    } catch (error) {
      const failure = error as { code?: string; constraint?: string; message?: string };
      if (failure.code === 'CSWEV' || failure.constraint === 'events_stream_version_key') {
        const streamId = /stream (.+): the expected version is stale/.exec(failure.message ?? '')?.[1] ?? streams[0]!.streamId;
        throw new WrongExpectedVersionError(streamId, -1, null);
      }
      throw error;
    }
    if (!tx) this.signals.emit('appended');
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    let i = 0;
    return streams.map((stream) =>
      stream.events.map((event) => {
        const source = payload[i++]!;
        const row = byId.get(source.event_id)!;
        return {
          eventId: source.event_id,
          streamId: stream.streamId,
          streamVersion: row.stream_version,
          type: source.type,
          schemaVersion: source.schema_version,
          data: event.data,
          metadata,
          occurredAt: new Date(source.occurred_at),
          recordedAt: new Date(row.recorded_ms),
          cursor: { transactionId: row.tx, position: row.position },
        } satisfies RecordedEvent;
      }),
    );
  }

  /** Call after committing a transaction that appended through `tx`, so the relay wakes without waiting to poll. */
  notifyCommitted(): void {
    this.signals.emit('appended');
  }

  async readStream(streamId: string, options: { fromVersion?: number; runner?: Queryable } = {}): Promise<RecordedEvent[]> {
    const { rows } = await (options.runner ?? this.db).query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1],
    );
    return rows.map((r) => this.toRecorded(r));
  }

  async streamVersion(streamId: string, runner: Queryable = this.db): Promise<number> {
    const { rows } = await runner.query<{ version: number }>(
      `SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0]!.version;
  }

  /**
   * Events after `cursor` in global order, stopping below the oldest transaction still running anywhere in the
   * cluster: a transaction that commits late can only hold ids above that horizon, so nothing is ever skipped.
   */
  async readAll(after: Cursor, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [after.transactionId, after.position, limit],
    );
    return rows.map((r) => this.toRecorded(r));
  }

  /**
   * Committed events of the given types after a global position, ignoring the ordering horizon. Only for rebuilds
   * that hold locks guaranteeing no relevant writer is in flight (rebuildProjection).
   */
  async readCommitted(
    after: Cursor,
    types: readonly string[],
    limit: number,
    runner: Queryable = this.db,
  ): Promise<RecordedEvent[]> {
    const { rows } = await runner.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND type = ANY($3::text[])
        ORDER BY transaction_id, global_position LIMIT $4`,
      [after.transactionId, after.position, types, limit],
    );
    return rows.map((r) => this.toRecorded(r));
  }

  /** Cursor of the newest event (visible or not yet below the horizon); for lag figures only. */
  async headPosition(): Promise<string> {
    const { rows } = await this.db.query<{ position: string | null }>(
      `SELECT max(global_position)::text AS position FROM events`,
    );
    return rows[0]?.position ?? '0';
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const { version, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      type: row.type,
      schemaVersion: version,
      data,
      metadata: row.metadata,
      occurredAt: new Date(row.occurred_ms),
      recordedAt: new Date(row.recorded_ms),
      cursor: { transactionId: row.tx, position: row.position },
    };
  }
}
