// The embedded check (PRODUCT.md §3.6): which measures are in force against a subject and why — the listing, its
// decision and legal basis, the measure's own legal basis — and which removed listings still leave a residual
// restriction because a release is unconfirmed. Pure: the rows are facts.
import { QUERY_PURPOSES, type QueryPurpose } from '@credit-share/contracts';

export interface ListingFact {
  listingId: string;
  listType: string;
  status: 'listed' | 'removed';
  legalBasis: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  effectiveUntil: string | null;
  removedAt: string | null;
  removalCause: string | null;
}

export interface AlertFact {
  alertId: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: 'apply' | 'release';
  status: string;
  outcome: string | null;
}

export interface MeasureFactRow {
  measureId: string;
  version: number;
  content: string;
  target: string;
  legalBasis: string;
  implementingOrg: string;
}

export interface CheckAnswer {
  uscc: string;
  purpose: QueryPurpose;
  checkedAt: string;
  restricted: boolean;
  measuresInForce: {
    measure: MeasureFactRow | { measureId: string };
    org: string;
    alertId: string;
    feedback: { status: string; outcome: string | null };
    listing: Omit<ListingFact, 'status' | 'removedAt' | 'removalCause'>;
  }[];
  residualRestrictions: {
    listingId: string;
    listType: string;
    removedAt: string | null;
    cause: string | null;
    pendingReleases: { alertId: string; org: string; measureId: string; status: string }[];
  }[];
}

export type PurposeCheck = { ok: true; purpose: QueryPurpose } | { ok: false; reason: 'PURPOSE_REQUIRED' | 'PURPOSE_UNKNOWN' };

/** No purpose, no answer (PRODUCT.md §3.7). */
export function checkPurpose(purpose: string | undefined): PurposeCheck {
  if (purpose === undefined || purpose.trim() === '') return { ok: false, reason: 'PURPOSE_REQUIRED' };
  return (QUERY_PURPOSES as readonly string[]).includes(purpose)
    ? { ok: true, purpose: purpose as QueryPurpose }
    : { ok: false, reason: 'PURPOSE_UNKNOWN' };
}

export function checkAnswer(
  query: { uscc: string; purpose: QueryPurpose; at: Date },
  listings: readonly ListingFact[],
  alerts: readonly AlertFact[],
  measures: ReadonlyMap<string, MeasureFactRow>,
): CheckAnswer {
  const byListing = new Map(listings.map((l) => [l.listingId, l]));
  const measuresInForce: CheckAnswer['measuresInForce'] = [];
  for (const alert of alerts) {
    const listing = byListing.get(alert.listingId);
    // A measure is in force while its listing is, unless the organisation reported it does not apply.
    if (!listing || listing.status !== 'listed' || alert.kind !== 'apply' || alert.outcome === 'not_applicable') continue;
    const { status: _s, removedAt: _r, removalCause: _c, ...why } = listing;
    measuresInForce.push({
      measure: measures.get(alert.measureId) ?? { measureId: alert.measureId },
      org: alert.org,
      alertId: alert.alertId,
      feedback: { status: alert.status, outcome: alert.outcome },
      listing: why,
    });
  }
  const residualRestrictions: CheckAnswer['residualRestrictions'] = [];
  for (const listing of listings) {
    if (listing.status !== 'removed') continue;
    const pending = alerts.filter((a) => a.listingId === listing.listingId && a.kind === 'release' && a.status !== 'closed');
    if (pending.length === 0) continue;
    residualRestrictions.push({
      listingId: listing.listingId,
      listType: listing.listType,
      removedAt: listing.removedAt,
      cause: listing.removalCause,
      pendingReleases: pending.map((a) => ({ alertId: a.alertId, org: a.org, measureId: a.measureId, status: a.status })),
    });
  }
  return {
    uscc: query.uscc,
    purpose: query.purpose,
    checkedAt: query.at.toISOString(),
    restricted: measuresInForce.length > 0 || residualRestrictions.length > 0,
    measuresInForce,
    residualRestrictions,
  };
}
