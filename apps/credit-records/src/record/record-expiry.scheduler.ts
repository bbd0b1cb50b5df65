// Expiry at the end of the publicity period (PRODUCT.md §3.2) by a durable timer per record (libs/scheduling): the
// timer `record-expiry:<record id>` is set when the record is published and moved when a correction changes its
// period. When it fires, the record expires only if its current period has really run out; "in publicity" never
// depends on the timer having fired (record.ts inPublicity).
import type { Queryable } from '@credit-share/event-store';

export const RECORD_EXPIRY_TIMER = 'record-expiry';

export function expiryTimerId(recordId: string): string {
  return `${RECORD_EXPIRY_TIMER}:${recordId}`;
}

/**
 * Sets (or moves) the expiry timers of many records in one statement, in the caller's transaction. Same rows as
 * TimerScheduler.schedule writes; set-based because a batch publishes up to 1,000 records at once.
 */
export async function scheduleExpiry(
  runner: Queryable,
  records: { recordId: string; publicUntil: string | null }[],
): Promise<void> {
  const due = records.filter((r) => r.publicUntil !== null);
  if (due.length === 0) return;
  await runner.query(
    `INSERT INTO timers (timer_id, kind, due_at, payload)
     SELECT $1 || ':' || t.record_id, $1, t.due_at, jsonb_build_object('recordId', t.record_id)
     FROM jsonb_to_recordset($2::jsonb) AS t(record_id text, due_at timestamptz)
     ON CONFLICT (timer_id) DO UPDATE SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, attempts = 0, last_error = NULL`,
    [RECORD_EXPIRY_TIMER, JSON.stringify(due.map((r) => ({ record_id: r.recordId, due_at: r.publicUntil })))],
  );
}
