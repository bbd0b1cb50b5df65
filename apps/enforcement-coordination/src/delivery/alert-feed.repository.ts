// Each organisation's alert feed: every alert state change that concerns it, numbered by a per-organisation sequence
// in PostgreSQL, written in the transaction of the events (so nothing committed is ever missing from the feed) and
// announced with NOTIFY at commit. The SSE stream serves it (resumable with Last-Event-ID = seq) and every registered
// webhook of the organisation gets one delivery per entry (ADR 0013).
import { PLATFORM_ORGANIZATION_ID } from '@credit-share/contracts';
import { uuidv7, type Queryable, type RecordedEvent, type Tx } from '@credit-share/event-store';
import type { EnforcementEvent } from '../alert/enforcement.events';
import { alertView, type AlertRow, type AlertView } from '../alert/enforcement.projection';

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
 * delivery per entry and registered webhook, and notifies listeners at commit — a fixed number of statements
 * whatever the number of events and organisations.
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
  if (byOrg.size === 0) return;
  // Heads in a fixed (sorted) order: two transactions that both touch organisations A and B lock them in the same order.
  const orgs = [...byOrg.keys()].sort();
  const { rows: heads } = await tx.query<{ org: string; last_seq: string }>(
    `INSERT INTO alert_feed_heads (org, last_seq)
     SELECT o, n FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(o, n, i) ORDER BY i
     ON CONFLICT (org) DO UPDATE SET last_seq = alert_feed_heads.last_seq + EXCLUDED.last_seq RETURNING org, last_seq`,
    [orgs, orgs.map((o) => byOrg.get(o)!.length)],
  );
  const lastSeq = new Map(heads.map((h) => [h.org, Number(h.last_seq)]));
  const alerts = await alertsById(
    tx,
    [...byOrg.values()].flatMap((entries) => entries.map((e) => e.alertId)),
  );
  const rows: { org: string; seq: number; event: FeedEventName; alertId: string; payload: string }[] = [];
  for (const org of orgs) {
    const entries = byOrg.get(org)!;
    const first = lastSeq.get(org)! - entries.length + 1;
    entries.forEach((e, i) =>
      rows.push({ org, seq: first + i, event: e.event, alertId: e.alertId, payload: JSON.stringify(alerts.get(e.alertId)) }),
    );
  }
  await tx.query(
    `INSERT INTO alert_feed (org, seq, event, alert_id, payload)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      rows.map((r) => r.org),
      rows.map((r) => r.seq),
      rows.map((r) => r.event),
      rows.map((r) => r.alertId),
      rows.map((r) => r.payload),
    ],
  );
  const { rows: hooks } = await tx.query<{ webhook_id: string; org: string }>(
    `SELECT webhook_id, org FROM webhooks WHERE org = ANY($1::text[]) ORDER BY webhook_id`,
    [orgs],
  );
  const deliveries = hooks.flatMap((h) => rows.filter((r) => r.org === h.org).map((r) => ({ webhookId: h.webhook_id, ...r })));
  if (deliveries.length > 0) {
    await tx.query(
      `INSERT INTO webhook_deliveries (delivery_id, webhook_id, org, seq, event, payload, next_attempt_at)
       SELECT d, w, o, s, e, p, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::jsonb[])
         AS t(d, w, o, s, e, p)`,
      [
        deliveries.map(() => uuidv7()),
        deliveries.map((d) => d.webhookId),
        deliveries.map((d) => d.org),
        deliveries.map((d) => d.seq),
        deliveries.map((d) => d.event),
        deliveries.map((d) => d.payload),
      ],
    );
  }
  await tx.query(`SELECT pg_notify($1, o) FROM unnest($2::text[]) AS o`, [FEED_CHANNEL, orgs]);
}

async function alertsById(tx: Queryable, ids: string[]): Promise<Map<string, AlertView>> {
  const { rows } = await tx.query<AlertRow>(`SELECT * FROM alerts WHERE alert_id = ANY($1::text[])`, [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.alert_id, alertView(row)]));
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
    // Ordered by the column, not by the text alias of the same name (which would put 10 before 9).
    `SELECT f.seq::text AS seq, f.event, f.payload, f.recorded_at FROM alert_feed f
      WHERE f.org = $1 AND f.seq > $2 ORDER BY f.seq LIMIT $3`,
    [org, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), event: r.event, alert: r.payload, recordedAt: r.recorded_at.toISOString() }));
}
