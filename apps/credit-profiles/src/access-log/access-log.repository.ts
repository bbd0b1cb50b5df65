// Query accounting (PRODUCT.md §3.7, ADR 0014): every profile, report and access-log query and every denial is an
// AccessLogged event in this service's store — the outbox that publishes it to the audit ledger — and a row of
// access_log, in one transaction. The caller serves nothing until that transaction has committed: if the log
// cannot be written, the answer is 503 and no profile leaves (fail-closed).
import type { AccessLoggedV1 } from '@credit-share/contracts';
import {
  uuidv7,
  type Database,
  type EventMetadata,
  type PgEventStore,
  type Projection,
  type Queryable,
  type RecordedEvent,
  type Tx,
} from '@credit-share/event-store';

export const ACCESS_LOGGED = 'AccessLogged';

/** The domain event: the contract's fields, plus what only this service keeps (the report's number and hash). */
export interface AccessLoggedEvent extends AccessLoggedV1 {
  reportNumber?: string;
  reportHash?: string;
}

export const accessStreamOf = (uscc: string): string => `access-${uscc}`;

/** The access log could not be written; nothing may be served (fail-closed). */
export class AccessLogUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(`the access log cannot be written: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'AccessLogUnavailable';
  }
}

async function insertEntries(tx: Tx, entries: readonly AccessLoggedEvent[]): Promise<void> {
  for (const e of entries) {
    await tx.query(
      `INSERT INTO access_log (entry_id, at, org, user_id, roles, purpose, uscc, query, as_of, outcome, denial_reason,
         sharing_classes, report_number, report_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        e.entryId,
        e.at,
        e.org,
        e.user,
        e.roles,
        e.purpose,
        e.uscc,
        e.query,
        e.asOf ?? null,
        e.outcome,
        e.denialReason ?? null,
        e.sharingClasses,
        e.reportNumber ?? null,
        e.reportHash ?? null,
      ],
    );
  }
}

export function accessLogProjection(): Projection {
  return {
    name: 'access-log',
    tables: ['access_log'],
    handles: [ACCESS_LOGGED],
    apply: (events: readonly RecordedEvent[], tx: Tx) =>
      insertEntries(
        tx,
        events.map((e) => e.data as AccessLoggedEvent),
      ),
  };
}

/**
 * Writes an entry as one statement: the store's append (its `append_events` function, the same call PgEventStore
 * makes) and the access_log row commit together or not at all. One round trip instead of four (BEGIN, append,
 * insert, COMMIT) keeps the log's cost inside the profile query's latency budget.
 */
const RECORD_SQL = `WITH appended AS (SELECT out_position FROM append_events($1, NULL, $2::jsonb, $3::jsonb))
  INSERT INTO access_log (entry_id, at, org, user_id, roles, purpose, uscc, query, as_of, outcome, denial_reason,
    sharing_classes, report_number, report_hash)
  SELECT $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 FROM appended`;

export class AccessLogWriter {
  constructor(
    private readonly db: Database,
    private readonly store: PgEventStore,
  ) {}

  /** Records one entry durably (event + row, one transaction) or throws AccessLogUnavailable. */
  async record(entry: AccessLoggedEvent, metadata: EventMetadata): Promise<void> {
    const event = JSON.stringify([
      { event_id: uuidv7(Date.parse(entry.at)), type: ACCESS_LOGGED, schema_version: 1, data: entry, occurred_at: entry.at },
    ]);
    for (let attempt = 1; ; attempt++) {
      try {
        const { rowCount } = await this.db.query(RECORD_SQL, [
          accessStreamOf(entry.uscc),
          event,
          JSON.stringify(metadata),
          entry.entryId,
          entry.at,
          entry.org,
          entry.user,
          entry.roles,
          entry.purpose,
          entry.uscc,
          entry.query,
          entry.asOf ?? null,
          entry.outcome,
          entry.denialReason ?? null,
          entry.sharingClasses,
          entry.reportNumber ?? null,
          entry.reportHash ?? null,
        ]);
        if (rowCount !== 1) throw new Error('the access-log entry was not stored');
        this.store.notifyCommitted();
        return;
      } catch (error) {
        // Two queries of one subject at once: the stream's next version was taken; append after it.
        const conflict = (error as { constraint?: string }).constraint === 'events_stream_version_key';
        if (conflict && attempt < 10) continue;
        throw new AccessLogUnavailable(error);
      }
    }
  }
}

export interface AccessLogEntryView {
  entryId: string;
  at: string;
  org: string;
  user: string;
  purpose: string | null;
  uscc: string;
  query: string;
  outcome: string;
  denialReason?: string;
  asOf?: string;
  sharingClasses: string[];
  reportNumber?: string;
  reportHash?: string;
}

interface AccessRow {
  entry_id: string;
  at: Date;
  org: string;
  user_id: string;
  purpose: string | null;
  uscc: string;
  query: string;
  outcome: string;
  denial_reason: string | null;
  as_of: Date | null;
  sharing_classes: string[];
  report_number: string | null;
  report_hash: string | null;
}

export async function readAccessLog(
  runner: Queryable,
  uscc: string,
  page: { limit: number; before?: Date },
): Promise<AccessLogEntryView[]> {
  const { rows } = await runner.query<AccessRow>(
    `SELECT * FROM access_log WHERE uscc = $1 AND ($2::timestamptz IS NULL OR at < $2)
      ORDER BY at DESC, entry_id DESC LIMIT $3`,
    [uscc, page.before ?? null, page.limit],
  );
  return rows.map((r) => ({
    entryId: r.entry_id,
    at: r.at.toISOString(),
    org: r.org,
    user: r.user_id,
    purpose: r.purpose,
    uscc: r.uscc,
    query: r.query,
    outcome: r.outcome,
    ...(r.denial_reason ? { denialReason: r.denial_reason } : {}),
    ...(r.as_of ? { asOf: r.as_of.toISOString() } : {}),
    sharingClasses: r.sharing_classes,
    ...(r.report_number ? { reportNumber: r.report_number } : {}),
    ...(r.report_hash ? { reportHash: r.report_hash } : {}),
  }));
}

export async function findReport(runner: Queryable, reportNumber: string): Promise<AccessLogEntryView | null> {
  const { rows } = await runner.query<AccessRow>(`SELECT * FROM access_log WHERE report_number = $1`, [reportNumber]);
  const r = rows[0];
  if (!r) return null;
  return {
    entryId: r.entry_id,
    at: r.at.toISOString(),
    org: r.org,
    user: r.user_id,
    purpose: r.purpose,
    uscc: r.uscc,
    query: r.query,
    outcome: r.outcome,
    sharingClasses: r.sharing_classes,
    reportNumber: r.report_number!,
    reportHash: r.report_hash!,
  };
}
