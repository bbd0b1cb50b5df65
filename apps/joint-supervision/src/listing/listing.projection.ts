// The listings read model: one row per entry with its due-process state, evolved event by event.
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { ListingEvent } from './listing.events';

export const LISTING_EVENT_TYPES = [
  'ListingProposed',
  'ListingNoticed',
  'ListingWindowWaived',
  'ListingDecided',
  'ListingRemoved',
];

export async function applyListingEvent(tx: Tx, recorded: RecordedEvent): Promise<void> {
  const event = recorded as unknown as ListingEvent;
  switch (event.type) {
    case 'ListingProposed': {
      const d = event.data;
      await tx.query(
        `INSERT INTO listings (listing_id, uscc, list_type, status, basis_record_ids, legal_basis, proposed_by, proposed_at)
         VALUES ($1, $2, $3, 'noticed', $4, $5, $6, $7)`,
        [d.listingId, d.uscc, d.listType, d.basisRecordIds, d.legalBasis, d.proposedBy, d.proposedAt],
      );
      return;
    }
    case 'ListingNoticed': {
      const { listingId, statementWindowEndsAt, ...notice } = event.data;
      await tx.query(`UPDATE listings SET notice = $2, statement_window_ends_at = $3 WHERE listing_id = $1`, [
        listingId,
        JSON.stringify({ ...notice, statementWindowEndsAt }),
        statementWindowEndsAt,
      ]);
      return;
    }
    case 'ListingWindowWaived':
      await tx.query(`UPDATE listings SET waived_at = $2 WHERE listing_id = $1`, [event.data.listingId, event.data.waivedAt]);
      return;
    case 'ListingDecided': {
      const d = event.data;
      await tx.query(
        `UPDATE listings SET status = $2, outcome = $2, decision_reason = $3, decided_by = $4, decided_at = $5,
           effective_from = $6, effective_until = $7 WHERE listing_id = $1`,
        [d.listingId, d.outcome, d.reason, d.decidedBy, d.decidedAt, d.effectiveFrom ?? null, d.effectiveUntil ?? null],
      );
      return;
    }
    case 'ListingRemoved': {
      const d = event.data;
      await tx.query(
        `UPDATE listings SET status = 'removed', removed_at = $2, removal_cause = $3, removal_reason = $4 WHERE listing_id = $1`,
        [d.listingId, d.removedAt, d.cause, d.reason],
      );
      return;
    }
  }
}

export const listingsProjection: Projection = {
  name: 'listings',
  tables: ['listings'],
  handles: LISTING_EVENT_TYPES,
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    for (const e of events) await applyListingEvent(tx, e);
  },
};

export interface ListingRow {
  listing_id: string;
  uscc: string;
  list_type: string;
  status: string;
  basis_record_ids: string[];
  legal_basis: string;
  proposed_by: string;
  proposed_at: Date;
  notice: Record<string, unknown> | null;
  statement_window_ends_at: Date | null;
  waived_at: Date | null;
  outcome: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  effective_from: Date | null;
  effective_until: Date | null;
  removed_at: Date | null;
  removal_cause: string | null;
  removal_reason: string | null;
}

/** The listing shape of PRODUCT.md §4, with the due-process details around it. */
export function listingView(r: ListingRow) {
  const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
  return {
    id: r.listing_id,
    uscc: r.uscc,
    listType: r.list_type,
    status: r.status,
    effectiveFrom: iso(r.effective_from),
    effectiveUntil: iso(r.effective_until),
    basisRecordIds: r.basis_record_ids,
    legalBasis: r.legal_basis,
    proposedBy: r.proposed_by,
    proposedAt: iso(r.proposed_at),
    notice: r.notice ?? undefined,
    statementWindowEndsAt: iso(r.statement_window_ends_at),
    waivedAt: iso(r.waived_at),
    decision: r.outcome
      ? { outcome: r.outcome, reason: r.decision_reason, decidedBy: r.decided_by, decidedAt: iso(r.decided_at) }
      : undefined,
    removal: r.removed_at ? { cause: r.removal_cause, reason: r.removal_reason, removedAt: iso(r.removed_at) } : undefined,
  };
}
