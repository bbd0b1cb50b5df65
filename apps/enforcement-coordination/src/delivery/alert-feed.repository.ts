// Each organisation's alert feed: every alert state change that concerns it, numbered by a per-organisation sequence
// in PostgreSQL, written in the transaction of the events (so nothing committed is ever missing from the feed) and
// announced with NOTIFY at commit. The SSE stream serves it (resumable with Last-Event-ID = seq) and every registered
// webhook of the organisation gets one delivery per entry (ADR 0013).
import { PLATFORM_ORGANIZATION_ID } from '@credit-share/contracts';
import type { Queryable, RecordedEvent, Tx } from '@credit-share/event-store';
import type { EnforcementEvent } from '../alert/enforcement.events';
import { alertView, type AlertRow, type AlertView } from '../alert/enforcement.projection';

export const FEED_CHANNEL = 'credit_share_alert_feed';

export type FeedEventName = 'alert.issued' | 'alert.acknowledged' | 'alert.closed' | 'alert.overdue' | 'alert.escalated';

/** What a feed notification carries: the entry itself (without its alert when that is too large to notify). */
export interface FeedNotification {
  org: string;
  seq: number;
  event: FeedEventName;
  alert?: AlertView;
}

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
 * Appends the feed entries of `events`, queues one webhook delivery per entry and registered webhook of its
 * organisation, and notifies listeners at commit — one statement, whatever the number of events and organisations.
 * `alerts` holds each alert as it stands after the events (the projection's rows, written alongside).
 */
export async function recordFeed(tx: Tx, events: readonly RecordedEvent[], alerts: ReadonlyMap<string, AlertRow>): Promise<void> {
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
  const entries = orgs.flatMap((org) => {
    const list = byOrg.get(org)!;
    return list.map((e, i) => ({ org, i: i + 1, n: list.length, ...e }));
  });
  await tx.query(
    `WITH heads AS (
       INSERT INTO alert_feed_heads (org, last_seq)
       SELECT o, n FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(o, n, k) ORDER BY k
       ON CONFLICT (org) DO UPDATE SET last_seq = alert_feed_heads.last_seq + EXCLUDED.last_seq RETURNING org, last_seq),
     entries AS (
       SELECT e.org, h.last_seq - e.n + e.i AS seq, e.event, e.alert_id, e.payload
         FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::jsonb[]) AS e(org, i, n, event, alert_id, payload)
         JOIN heads h ON h.org = e.org),
     feed AS (
       INSERT INTO alert_feed (org, seq, event, alert_id, payload) SELECT org, seq, event, alert_id, payload FROM entries),
     deliveries AS (
       INSERT INTO webhook_deliveries (delivery_id, webhook_id, org, seq, event, payload, next_attempt_at)
       SELECT gen_random_uuid(), w.webhook_id, e.org, e.seq, e.event, e.payload, now() FROM entries e JOIN webhooks w ON w.org = e.org)
     -- Each entry travels with its notification (in sequence order), so a live stream needs no read to send it; one
     -- too large for a notification (8,000 bytes) goes without its alert, and streams read it.
     SELECT pg_notify($9, CASE WHEN octet_length(payload::text) > 7000 THEN json_build_object('org', org, 'seq', seq, 'event', event)
                               ELSE json_build_object('org', org, 'seq', seq, 'event', event, 'alert', payload) END::text)
       FROM (SELECT * FROM entries ORDER BY org, seq) AS e`,
    [
      orgs,
      orgs.map((o) => byOrg.get(o)!.length),
      entries.map((e) => e.org),
      entries.map((e) => e.i),
      entries.map((e) => e.n),
      entries.map((e) => e.event),
      entries.map((e) => e.alertId),
      entries.map((e) => JSON.stringify(alertView(alerts.get(e.alertId)!))),
      FEED_CHANNEL,
    ],
  );
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
