// Read models are projections of the event history into plain tables. A projection that a service keeps inside
// its command transactions can always be dropped and rebuilt from the store, with the result identical to the
// live tables (ARCHITECTURE.md "Rebuild = truncate, reset checkpoint, replay").
import type { Database, Tx } from './database';
import { START, type Cursor, type RecordedEvent } from './event';
import type { PgEventStore } from './pg-event-store';

export interface Projection {
  name: string;
  /** Tables the projection owns entirely; a rebuild empties them first. */
  tables: string[];
  /** Event types it reads; others are skipped during a rebuild. */
  handles: readonly string[];
  apply(events: readonly RecordedEvent[], tx: Tx): Promise<void>;
}

export interface RebuildProgress {
  projection: string;
  events: number;
}

/**
 * Rebuilds an inline projection in one transaction. The tables are locked first, so every writer that touched
 * them has committed and later writers wait; then all committed events are read in the global order (transaction_id, global_position), without the
 * ordering horizon: a transaction still in flight that matters to this projection is blocked on the lock and
 * applies its own change after the rebuild commits.
 */
export async function rebuildProjection(
  db: Database,
  store: PgEventStore,
  projection: Projection,
  options: { batchSize?: number; onProgress?: (p: RebuildProgress) => void } = {},
): Promise<RebuildProgress> {
  const batchSize = options.batchSize ?? 5_000;
  return db.transaction(async (tx) => {
    const tables = projection.tables.join(', ');
    await tx.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
    await tx.query(`TRUNCATE ${tables}`);
    let after: Cursor = START;
    let count = 0;
    for (;;) {
      const events = await store.readCommitted(after, projection.handles, batchSize, tx);
      if (events.length === 0) break;
      await projection.apply(events, tx);
      count += events.length;
      after = events[events.length - 1]!.cursor;
      options.onProgress?.({ projection: projection.name, events: count });
    }
    return { projection: projection.name, events: count };
  });
}
