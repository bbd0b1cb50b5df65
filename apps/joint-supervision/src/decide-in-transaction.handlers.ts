// Plumbing shared by this service's handlers: read a stream → fold → decide → append, inside a transaction the caller
// may already hold (a consumer's inbox transaction, a timer's) so that effects on several streams and read models
// commit together; from a request, in a transaction of its own, retried on a version conflict.
import {
  WrongExpectedVersionError,
  type Aggregate,
  type Database,
  type DomainEvent,
  type EventMetadata,
  type PgEventStore,
  type RecordedEvent,
  type Tx,
} from '@credit-share/event-store';

export interface Decision<S, E extends DomainEvent> {
  streamId: string;
  aggregate: Aggregate<S, E>;
  decide(state: S): E[];
  metadata: EventMetadata;
  /** When the facts happened (the service clock), stamped on every event. */
  now: Date;
  /** Writes that commit with the events: projections, facts, timers. */
  alongside?: (tx: Tx, events: RecordedEvent[], state: S) => Promise<void>;
}

export async function decideInTransaction<S, E extends DomainEvent>(
  store: PgEventStore,
  tx: Tx,
  decision: Decision<S, E>,
): Promise<{ events: RecordedEvent[]; state: S }> {
  const history = await store.readStream(decision.streamId, { runner: tx });
  const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
  const state = history.reduce((s, e) => decision.aggregate.evolve(s, e as unknown as E), decision.aggregate.initialState);
  const decided = decision.decide(state).map((e) => ({ ...e, occurredAt: decision.now }));
  if (decided.length === 0) return { events: [], state };
  const next = decided.reduce((s, e) => decision.aggregate.evolve(s, e), state);
  const { events } = await store.append(decision.streamId, version, decided, decision.metadata, tx);
  await decision.alongside?.(tx, events, next);
  return { events, state: next };
}

export async function decideNow<S, E extends DomainEvent>(
  store: PgEventStore,
  db: Database,
  decision: Decision<S, E>,
): Promise<{ events: RecordedEvent[]; state: S }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await db.transaction((tx) => decideInTransaction(store, tx, decision));
      if (outcome.events.length > 0) store.notifyCommitted();
      return outcome;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
      throw error;
    }
  }
}
