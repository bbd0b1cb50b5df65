// Each organisation's alert feed: every alert state change that concerns it, numbered by a per-organisation sequence
// in PostgreSQL, written in the transaction of the events (so nothing committed is ever missing from the feed) and
// announced with NOTIFY at commit. The SSE stream serves it (resumable with Last-Event-ID = seq) and every registered
// webhook of the organisation gets one delivery per entry (ADR 0013).
import { PLATFORM_ORGANIZATION_ID } from '@credit-share/contracts';
import { uuidv7, type Queryable, type RecordedEvent, type Tx } from '@credit-share/event-store';
import type { EnforcementEvent } from '../alert/enforcement.events';
import { alertView, findAlert, type AlertView } from '../alert/enforcement.projection';

export const FEED_CHANNEL = 'credit_share_alert_feed';

export type FeedEventName = 'alert.issued' | 'alert.acknowledged' | 'alert.closed' | 'alert.overdue' | 'alert.escalated';

export interface FeedEntry {
  seq: number;
  event: FeedEventName;
  alert: AlertView;
  recordedAt: string;
}

/** Who hears of an event, and as what: the alert's organisation, and the operator when it escalates. */
export function feedTargetsOf(event: EnforcementEvent): { org: string; event: FeedEventName }[] {
  switch (event.type) {
    case 'AlertIssued':
      return [{ org: event.data.org, event: 'alert.issued' }];
    case 'AlertAcknowledged':
      return [{ org: event.data.org, event: 'alert.acknowledged' }];
    case 'AlertClosed':
    case 'AlertWithdrawn':
      return [{ org: event.data.org, event: 'alert.closed' }];
    case 'AlertOverdue':
      return [
        { org: event.data.org, event: 'alert.overdue' },
        { org: event.data.escalatedTo || PLATFORM_ORGANIZATION_ID, event: 'alert.escalated' },
      ];
    default:
      return [];
  }
}

/**
 * Appends the feed entries of `events` (after the alerts projection has applied them in `tx`), queues one webhook
 * delivery per entry and registered webhook, and notifies listeners at commit.
 */
export async function recordFeed(tx: Tx, events: readonly RecordedEvent[]): Promise<void> {
  const byOrg = new Map<string, { event: FeedEventName; alertId: string }[]>();
  for (const recorded of events) {
    const event = recorded as unknown as EnforcementEvent;
    for (const target of feedTargetsOf(event)) {
      const alertId = (event.data as { alertId: string }).alertId;
      byOrg.set(target.org, [...(byOrg.get(target.org) ?? []), { event: target.event, alertId }]);
    }
  }
  // Orgs in a fixed order: two transactions that both touch orgs A and B lock their heads in the same order.
  for (const org of [...byOrg.keys()].sort()) {
    const entries = byOrg.get(org)!;
    const { rows } = await tx.query<{ last_seq: string }>(
      `INSERT INTO alert_feed_heads (org, last_seq) VALUES ($1, $2)
       ON CONFLICT (org) DO UPDATE SET last_seq = alert_feed_heads.last_seq + EXCLUDED.last_seq RETURNING last_seq`,
      [org, entries.length],
    );
    const first = Number(rows[0]!.last_seq) - entries.length + 1;
    const alerts = await alertsById(
      tx,
      entries.map((e) => e.alertId),
    );
    const payloads = entries.map((e) => ({ event: e.event, alert: alerts.get(e.alertId)! }));
    await tx.query(
      `INSERT INTO alert_feed (org, seq, event, alert_id, payload)
       SELECT $1, s, e, a, p FROM unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[]) AS t(s, e, a, p)`,
      [
        org,
        entries.map((_, i) => first + i),
        entries.map((e) => e.event),
        entries.map((e) => e.alertId),
        payloads.map((p) => JSON.stringify(p.alert)),
      ],
    );
    const { rows: hooks } = await tx.query<{ webhook_id: string }>(`SELECT webhook_id FROM webhooks WHERE org = $1`, [org]);
    for (const { webhook_id } of hooks) {
      await tx.query(
        `INSERT INTO webhook_deliveries (delivery_id, webhook_id, org, seq, event, payload, next_attempt_at)
         SELECT d, $1, $2, s, e, p, now() FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::jsonb[]) AS t(d, s, e, p)`,
        [
          webhook_id,
          org,
          entries.map(() => uuidv7()),
          entries.map((_, i) => first + i),
          entries.map((e) => e.event),
          payloads.map((p) => JSON.stringify(p.alert)),
        ],
      );
    }
    await tx.query(`SELECT pg_notify($1, $2)`, [FEED_CHANNEL, org]);
  }
}

async function alertsById(tx: Queryable, ids: string[]): Promise<Map<string, AlertView>> {
  const unique = [...new Set(ids)];
  const map = new Map<string, AlertView>();
  if (unique.length === 1) {
    const row = await findAlert(tx, unique[0]!);
    if (row) map.set(row.alert_id, alertView(row));
    return map;
  }
  const { rows } = await tx.query(`SELECT * FROM alerts WHERE alert_id = ANY($1::text[])`, [unique]);
  for (const row of rows) map.set(row.alert_id, alertView(row as never));
  return map;
}

interface FeedRow {
  seq: string;
  event: FeedEventName;
  payload: AlertView;
  recorded_at: Date;
}

/** The organisation's feed after `afterSeq`, in order. */
export async function readFeed(runner: Queryable, org: string, afterSeq: number, limit = 500): Promise<FeedEntry[]> {
  const { rows } = await runner.query<FeedRow>(
    `SELECT seq::text, event, payload, recorded_at FROM alert_feed WHERE org = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [org, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), event: r.event, alert: r.payload, recordedAt: r.recorded_at.toISOString() }));
}
