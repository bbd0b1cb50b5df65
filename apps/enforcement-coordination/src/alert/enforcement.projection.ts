// Alerts and enforced listings as plain tables: `evolve(row, event)` per alert, written in the transaction of the
// events and rebuildable from them (`npx credit-share replay`).
import type { Projection, Queryable, RecordedEvent, Tx } from '@credit-share/event-store';
import { alertStatusOf, dueAtOf } from './enforcement';
import type { DeadlineStage, EnforcementEvent } from './enforcement.events';

export const ENFORCEMENT_EVENT_TYPES = [
  'ListingEnforced',
  'AlertIssued',
  'AlertAcknowledged',
  'AlertClosed',
  'AlertOverdue',
  'AlertWithdrawn',
  'BasisRecordRepaired',
  'ListingEnforcementEnded',
] as const;

export interface AlertRow {
  alert_id: string;
  listing_id: string;
  uscc: string;
  list_type: string;
  measure_id: string;
  measure_version: number;
  org: string;
  kind: 'apply' | 'release';
  status: string;
  issued_at: Date;
  acknowledge_by: Date;
  feedback_by: Date;
  releases: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  outcome: string | null;
  reason: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  overdue_stages: string[];
  updated_at: Date;
}

/** One alert row after one event (null before the alert exists). */
export function evolveAlertRow(row: AlertRow | null, event: EnforcementEvent, at: Date): AlertRow | null {
  if (event.type === 'AlertIssued') {
    const d = event.data;
    return withStatus({
      alert_id: d.alertId,
      listing_id: d.listingId,
      uscc: d.uscc,
      list_type: d.listType,
      measure_id: d.measureId,
      measure_version: d.measureVersion,
      org: d.org,
      kind: d.kind,
      status: 'open',
      issued_at: new Date(d.issuedAt),
      acknowledge_by: new Date(d.acknowledgeBy),
      feedback_by: new Date(d.feedbackBy),
      releases: d.releases ?? null,
      acknowledged_at: null,
      acknowledged_by: null,
      outcome: null,
      reason: null,
      closed_at: null,
      closed_by: null,
      overdue_stages: [],
      updated_at: at,
    });
  }
  if (!row) return null;
  switch (event.type) {
    case 'AlertAcknowledged':
      return withStatus({
        ...row,
        acknowledged_at: new Date(event.data.acknowledgedAt),
        acknowledged_by: event.data.user,
        updated_at: at,
      });
    case 'AlertClosed':
      return withStatus({
        ...row,
        outcome: event.data.outcome,
        reason: event.data.reason,
        closed_at: new Date(event.data.closedAt),
        closed_by: event.data.user,
        updated_at: at,
      });
    case 'AlertWithdrawn':
      return withStatus({
        ...row,
        outcome: 'not_applicable',
        reason: event.data.reason,
        closed_at: new Date(event.data.withdrawnAt),
        closed_by: 'system',
        updated_at: at,
      });
    case 'AlertOverdue':
      return withStatus({ ...row, overdue_stages: [...row.overdue_stages, event.data.stage], updated_at: at });
    default:
      return row;
  }
}

function withStatus(row: AlertRow): AlertRow {
  const status = alertStatusOf({
    closed: row.closed_at && row.closed_by !== 'system' ? { outcome: row.outcome as never, reason: '', closedAt: '' } : undefined,
    withdrawn: row.closed_at && row.closed_by === 'system' ? { reason: '', withdrawnAt: '' } : undefined,
    overdue: row.overdue_stages as DeadlineStage[],
    acknowledgedAt: row.acknowledged_at?.toISOString(),
  });
  return { ...row, status };
}

/** The alert shape of PRODUCT.md §4, with the deadlines and feedback around it. */
export function alertView(row: AlertRow) {
  return {
    id: row.alert_id,
    uscc: row.uscc,
    listingId: row.listing_id,
    measureId: row.measure_id,
    org: row.org,
    kind: row.kind,
    status: row.status,
    dueAt: dueAtOf({
      acknowledgedAt: row.acknowledged_at?.toISOString(),
      acknowledgeBy: row.acknowledge_by.toISOString(),
      feedbackBy: row.feedback_by.toISOString(),
    }),
    listType: row.list_type,
    measureVersion: row.measure_version,
    issuedAt: row.issued_at.toISOString(),
    acknowledgeBy: row.acknowledge_by.toISOString(),
    feedbackBy: row.feedback_by.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    outcome: row.outcome,
    reason: row.reason,
    closedAt: row.closed_at?.toISOString() ?? null,
    overdueStages: row.overdue_stages,
    ...(row.releases ? { releases: row.releases } : {}),
  };
}

export type AlertView = ReturnType<typeof alertView>;

const ALERT_COLUMNS = [
  'alert_id',
  'listing_id',
  'uscc',
  'list_type',
  'measure_id',
  'measure_version',
  'org',
  'kind',
  'status',
  'issued_at',
  'acknowledge_by',
  'feedback_by',
  'releases',
  'acknowledged_at',
  'acknowledged_by',
  'outcome',
  'reason',
  'closed_at',
  'closed_by',
  'overdue_stages',
  'updated_at',
] as const;

export async function findAlert(runner: Queryable, alertId: string): Promise<AlertRow | null> {
  const { rows } = await runner.query<AlertRow>(`SELECT * FROM alerts WHERE alert_id = $1`, [alertId]);
  return rows[0] ?? null;
}

/** Upserts rows, one statement per 1,000 (PostgreSQL takes at most 65,535 parameters). */
async function saveAlerts(tx: Tx, all: readonly AlertRow[]): Promise<void> {
  for (let i = 0; i < all.length; i += 1_000) await saveAlertChunk(tx, all.slice(i, i + 1_000));
}

async function saveAlertChunk(tx: Tx, rows: readonly AlertRow[]): Promise<void> {
  if (rows.length === 0) return;
  const width = ALERT_COLUMNS.length;
  const values = rows.map((_, r) => `(${ALERT_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const updates = ALERT_COLUMNS.filter((c) => c !== 'alert_id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await tx.query(
    `INSERT INTO alerts (${ALERT_COLUMNS.join(', ')}) VALUES ${values} ON CONFLICT (alert_id) DO UPDATE SET ${updates}`,
    rows.flatMap((row) => ALERT_COLUMNS.map((c) => row[c])),
  );
}

/** Applies the events to the tables; returns every alert row as it now stands (for the feed written alongside). */
export async function applyEnforcementEvents(events: readonly RecordedEvent[], tx: Tx): Promise<Map<string, AlertRow>> {
  // Alert rows are evolved in memory across the batch and written once each at the end (a listing's alerts are
  // issued in one append).
  const touched = new Map<string, AlertRow | null>();
  for (const recorded of events) {
    const event = recorded as unknown as EnforcementEvent;
    switch (event.type) {
      case 'ListingEnforced': {
        const d = event.data;
        await tx.query(
          `WITH listing AS (
             INSERT INTO enforced_listings (listing_id, uscc, list_type, status, legal_basis, reason, decided_by, decided_at,
               effective_until, basis_record_ids)
             VALUES ($1, $2, $3, 'listed', $4, $5, $6, $7, $8, $9) ON CONFLICT (listing_id) DO NOTHING)
           INSERT INTO listing_basis_records (record_id, listing_id) SELECT unnest($9::text[]), $1 ON CONFLICT DO NOTHING`,
          [
            d.listingId,
            d.uscc,
            d.listType,
            d.legalBasis,
            d.reason,
            d.decidedBy,
            d.decidedAt,
            d.effectiveUntil ?? null,
            d.basisRecordIds,
          ],
        );
        break;
      }
      case 'ListingEnforcementEnded':
        await tx.query(
          `UPDATE enforced_listings SET status = 'removed', removed_at = $2, removal_cause = $3 WHERE listing_id = $1`,
          [event.data.listingId, event.data.removedAt, event.data.cause],
        );
        break;
      case 'BasisRecordRepaired':
        break;
      default: {
        const alertId = event.data.alertId;
        if (!touched.has(alertId)) touched.set(alertId, event.type === 'AlertIssued' ? null : await findAlert(tx, alertId));
        touched.set(alertId, evolveAlertRow(touched.get(alertId)!, event, recorded.recordedAt));
      }
    }
  }
  const rows = new Map([...touched].filter((entry): entry is [string, AlertRow] => entry[1] !== null));
  await saveAlerts(tx, [...rows.values()]);
  return rows;
}

export const enforcementProjection: Projection = {
  name: 'alerts',
  tables: ['alerts', 'enforced_listings', 'listing_basis_records'],
  handles: ENFORCEMENT_EVENT_TYPES,
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    await applyEnforcementEvents(events, tx);
  },
};
