// Command handling is plumbing (ARCHITECTURE.md): read the stream, fold it with the aggregate's evolve, let the pure
// decide function answer with events (or throw a domain error), append with the version read, and on a version
// conflict start over — the decision is re-made against the newer state, never forced through.
import { ATTR, withSpan } from '@credit-share/observability';
import type { Database, Tx } from './database';
import { WrongExpectedVersionError } from './errors';
import type { DomainEvent, EventMetadata, RecordedEvent } from './event';
import type { PgEventStore } from './pg-event-store';

export interface Aggregate<S, E extends DomainEvent> {
  initialState: S;
  evolve(state: S, event: E): S;
}

export interface CommandExecution<S, E extends DomainEvent> {
  store: PgEventStore;
  db: Database;
  streamId: string;
  aggregate: Aggregate<S, E>;
  decide(state: S, version: number): E[];
  metadata: EventMetadata;
  /** Writes that must commit with the events (read-model rows, uniqueness reservations). */
  alongside?: (tx: Tx, events: RecordedEvent[], state: S) => Promise<void>;
  maxAttempts?: number;
}

export interface CommandOutcome<S> {
  events: RecordedEvent[];
  state: S;
  version: number;
}

export async function executeCommand<S, E extends DomainEvent>(command: CommandExecution<S, E>): Promise<CommandOutcome<S>> {
  const maxAttempts = command.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const history = await command.store.readStream(command.streamId);
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const current = history.reduce((s, e) => command.aggregate.evolve(s, e as unknown as E), command.aggregate.initialState);
    const decided = command.decide(current, version);
    if (decided.length === 0) return { events: [], state: current, version };
    const next = decided.reduce((s, e) => command.aggregate.evolve(s, e), current);
    try {
      const events = await withSpan(
        'append',
        {
          [ATTR.stream]: command.streamId,
          [ATTR.eventCount]: decided.length,
          [ATTR.eventType]: decided.map((e) => e.type).join(','),
        },
        () =>
          command.db.transaction(async (tx) => {
            const { events } = await command.store.append(command.streamId, version, decided, command.metadata, tx);
            await command.alongside?.(tx, events, next);
            return events;
          }),
      );
      command.store.notifyCommitted();
      return { events, state: next, version: version + decided.length };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < maxAttempts) continue;
      throw error;
    }
  }
}
