// Read models a service keeps from other services' integration events (its copy of the organisation directory,
// later its views of records, grades, listings …). The consumer host applies them live, inside the inbox
// transaction; a rebuild replays them from a recorded history of integration events — the audit ledger's entries
// (PRODUCT.md §3.8 "the ledger's entries are enough to rebuild every read model") — through the same `apply`.
import type { ContractRegistry, IntegrationEvent } from '@credit-share/contracts';
import type { Database, Tx } from '@credit-share/event-store';
import type { ConsumerHost } from './consumer-host';

export interface IntegrationProjection {
  name: string;
  /** Tables the projection owns entirely; a rebuild empties them first. */
  tables: string[];
  /** Integration event types it applies. */
  handles: readonly string[];
  apply(event: IntegrationEvent, tx: Tx): Promise<void>;
}

/** Registers a projection's live path: one consumer handler per type, so live and rebuilt rows come from one `apply`. */
export function consumeInto(consumers: ConsumerHost, projection: IntegrationProjection): void {
  for (const type of projection.handles) consumers.on(type, (event, tx) => projection.apply(event, tx));
}

export interface RebuildFromHistoryOptions {
  /** Events that break their contract are skipped, as the live consumer parks them instead of applying them. */
  contracts: ContractRegistry;
  /** Compare and roll back: the live tables are left as they were. */
  dryRun?: boolean;
  onProgress?: (events: number) => void;
}

export interface RebuildFromHistoryResult {
  projection: string;
  /** Events of the projection's types applied from the history. */
  applied: number;
  /** Of those, the ones the live consumer had not applied yet: recorded in its inbox so they are not applied twice. */
  claimed: number;
  /** Rows (as JSON) only in the live tables before the rebuild, and only in the rebuilt ones. */
  differences: { live: string[]; rebuilt: string[] };
  identical: boolean;
  dryRun: boolean;
}

/** The history is behind the consumer: it lacks messages whose effects are in the live tables. Nothing was changed. */
export class HistoryBehindConsumer extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `the history lacks ${missing.length} message(s) this consumer has applied (e.g. ${missing[0]}); ` +
        'wait until the audit ledger has recorded them and run the rebuild again',
    );
    this.name = 'HistoryBehindConsumer';
  }
}

/**
 * Rebuilds a consumer's projection from a history of integration events, in one transaction of the consumer's
 * database, and compares the result with the live tables.
 *
 * - The inbox is locked before the tables, in the order the consumer host takes them, so live deliveries wait for
 *   the rebuild rather than deadlock with it.
 * - Every message the consumer applied (its inbox rows of the projection's types) must be in the history, or the
 *   rebuild would silently drop its effect: then nothing changes and `HistoryBehindConsumer` is thrown.
 * - Messages in the history that the consumer has not received yet are recorded in its inbox, so their later
 *   delivery is recognised as a repeat instead of being applied twice.
 */
export async function rebuildFromHistory(
  db: Database,
  projection: IntegrationProjection,
  history: AsyncIterable<readonly IntegrationEvent[]>,
  options: RebuildFromHistoryOptions,
): Promise<RebuildFromHistoryResult> {
  const types = new Set(projection.handles);
  const dryRun = options.dryRun ?? false;
  const rollback = new Error('dry run');
  let result: RebuildFromHistoryResult | undefined;
  try {
    await db.transaction(async (tx) => {
      await tx.query(`LOCK TABLE inbox IN SHARE ROW EXCLUSIVE MODE`);
      await tx.query(`LOCK TABLE ${projection.tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const live = await snapshot(tx, projection.tables);
      await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
      const recorded = new Set<string>(); // every message of the projection's types in the history
      const applied = new Map<string, string>(); // the ones applied: message id → type
      for await (const batch of history) {
        for (const event of batch) {
          if (!types.has(event.type)) continue;
          recorded.add(event.id);
          if (options.contracts.validate(event).length > 0) continue;
          await projection.apply(event, tx);
          applied.set(event.id, event.type);
        }
        options.onProgress?.(applied.size);
      }
      const { rows: inbox } = await tx.query<{ message_id: string }>(
        `SELECT message_id::text FROM inbox WHERE type = ANY($1::text[])`,
        [[...types]],
      );
      const consumed = new Set(inbox.map((r) => r.message_id));
      const missing = [...consumed].filter((id) => !recorded.has(id));
      if (missing.length > 0) throw new HistoryBehindConsumer(missing);
      const unclaimed = [...applied].filter(([id]) => !consumed.has(id));
      if (unclaimed.length > 0) {
        await tx.query(
          `INSERT INTO inbox (message_id, type) SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (message_id) DO NOTHING`,
          [unclaimed.map(([id]) => id), unclaimed.map(([, type]) => type)],
        );
      }
      const rebuilt = await snapshot(tx, projection.tables);
      const differences = multisetDifference(live, rebuilt);
      result = {
        projection: projection.name,
        applied: applied.size,
        claimed: unclaimed.length,
        differences,
        identical: differences.live.length === 0 && differences.rebuilt.length === 0,
        dryRun,
      };
      if (dryRun) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!;
}

/** Every row of the tables as JSON text, tagged with its table, sorted. */
async function snapshot(tx: Tx, tables: readonly string[]): Promise<string[]> {
  const rows: string[] = [];
  for (const table of tables) {
    const { rows: found } = await tx.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
    for (const { row } of found) rows.push(`${table} ${row}`);
  }
  return rows.sort();
}

function multisetDifference(a: readonly string[], b: readonly string[]): { live: string[]; rebuilt: string[] } {
  const counts = new Map<string, number>();
  for (const row of a) counts.set(row, (counts.get(row) ?? 0) + 1);
  const rebuilt: string[] = [];
  for (const row of b) {
    const n = counts.get(row) ?? 0;
    if (n > 0) counts.set(row, n - 1);
    else rebuilt.push(row);
  }
  const live = [...counts].flatMap(([row, n]) => Array.from({ length: n }, () => row));
  return { live, rebuilt };
}
