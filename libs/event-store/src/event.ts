// Events are plain typed data with a stable, past-tense `type` and an explicit schema version (ARCHITECTURE.md).

export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  /** Schema version of `data`; defaults to the version the registry declares as current (1 when none). */
  schemaVersion?: number;
  /** When the fact happened in the world; defaults to the append time. */
  occurredAt?: Date;
}

export interface Actor {
  user: string;
  org: string;
}

/** Stored with every event; the ids and trace context let a reader follow a request across services. */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  traceparent: string | null;
}

/** A cursor into the global order: `(transaction_id, global_position)`, both as decimal strings. */
export interface Cursor {
  transactionId: string;
  position: string;
}

export const START: Cursor = Object.freeze({ transactionId: '0', position: '0' });

export interface RecordedEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  occurredAt: Date;
  recordedAt: Date;
  cursor: Cursor;
}

/**
 * What the appender believes the stream's current version is: an exact version (0 = the stream must not exist yet),
 * or `any` to append after whatever is there (still guarded by the unique (stream, version)).
 */
export type ExpectedVersion = number | 'any';
export const NO_STREAM = 0;

export function compareCursors(a: Cursor, b: Cursor): number {
  const tx = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const pos = BigInt(a.position) - BigInt(b.position);
  return pos === 0n ? 0 : pos < 0n ? -1 : 1;
}
