// What a viewer sees of a profile at an instant (PRODUCT.md §3.7, §4 "profile"): records in publicity cut by the
// viewer's sharing classes, the history (expired, withdrawn, repaired) only for the subject itself and the record's
// provider, grade reasons without the ids of records the viewer may not see, and person identifiers masked
// everywhere (PRODUCT.md §3.1: shown masked, `3201**********1234`).
import type { SharingClass } from '@credit-share/contracts';
import type { Viewer } from './profile-access';
import {
  instant,
  recordStatusAt,
  type ProfileAlert,
  type ProfileListing,
  type ProfileObjection,
  type ProfileRecord,
  type ProfileRepair,
  type ProfileState,
} from './profile';

export interface MeasureInfo {
  measureId: string;
  content: string;
  target: string;
  legalBasis: string;
  implementingOrg: string;
}

export interface RecordView {
  id: string;
  kind: string;
  subject: { uscc: string; name: string };
  status: string;
  disputed: boolean;
  severity?: string;
  publicFrom: string;
  publicUntil?: string;
  version: number;
  sharingClass: SharingClass;
  informationCategory: 'public_credit' | 'market_credit';
  providerOrg: string;
  details: Record<string, unknown>;
  statusAt?: string;
  statusReason?: string;
  corrections: { version: number; reason: string; at: string }[];
}

export interface ListingView {
  id: string;
  uscc: string;
  listType: string;
  status: string;
  inForce: boolean;
  effectiveFrom?: string;
  effectiveUntil?: string;
  legalBasis: string;
  basisRecordIds: string[];
  statementWindowEndsAt?: string;
  removedAt?: string;
  removalCause?: string;
}

export interface MeasureInForceView {
  listingId: string;
  listType: string | null;
  measureId: string;
  content: string | null;
  legalBasis: string | null;
  org: string;
  /** The apply alert's state and feedback; `release` once the listing is removed. */
  feedback: AlertFeedbackView;
  release: AlertFeedbackView | null;
  /** The listing is no longer in force but the organisation has not confirmed the release (PRODUCT.md §3.6). */
  residualRestriction: boolean;
}

export interface AlertFeedbackView {
  alertId: string;
  status: string;
  outcome: string | null;
  reason: string | null;
  dueAt: string | null;
  closedAt: string | null;
}

export interface ProfileView {
  subject: { uscc: string; name: string; aliases: { scheme: string; value: string }[]; nonConformingIdentifier: boolean };
  asOf: string;
  sharingClasses: SharingClass[];
  records: RecordView[];
  history: RecordView[];
  grade: {
    uscc: string;
    grade: string;
    score: number;
    ruleSetVersion: number;
    asOf: string;
    reasons: { recordId?: string; listingId?: string; rule: string; points: number; disputed?: boolean; withheld?: boolean }[];
  } | null;
  listings: ListingView[];
  measuresInForce: MeasureInForceView[];
  objections: ObjectionView[];
  repairs: RepairView[];
}

export type ObjectionView = Omit<ProfileObjection, 'objectionId'> & { id: string };
export type RepairView = Omit<ProfileRepair, 'repairId'> & { id: string };

// GB 11643 resident identity numbers (6-digit region, birth date 19xx/20xx, sequence, check character).
const RESIDENT_ID =
  /(?<![0-9A-Za-z])(\d{6})((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})([\dXx])(?![0-9A-Za-z])/g;
// Mainland mobile numbers.
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Masks person identifiers in free text: `320102199001011234` → `3201**********1234`. */
export function maskPersonIdentifiers(text: string): string {
  return text
    .replace(RESIDENT_ID, (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonIdentifiers(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

function recordView(state: ProfileState, record: ProfileRecord, at: number): RecordView {
  return {
    id: record.recordId,
    kind: record.kind,
    subject: { uscc: state.uscc, name: state.name ?? '' },
    status: recordStatusAt(record, at),
    disputed: record.disputed,
    ...(record.severity ? { severity: record.severity } : {}),
    publicFrom: record.publicFrom,
    ...(record.publicUntil ? { publicUntil: record.publicUntil } : {}),
    version: record.version,
    sharingClass: record.sharingClass,
    informationCategory: record.marketCredit ? 'market_credit' : 'public_credit',
    providerOrg: record.providerOrg,
    details: maskDeep(record.details) as Record<string, unknown>,
    ...(record.statusAt ? { statusAt: record.statusAt } : {}),
    ...(record.statusReason ? { statusReason: maskPersonIdentifiers(record.statusReason) } : {}),
    corrections: record.corrections.map((c) => ({ ...c, reason: maskPersonIdentifiers(c.reason) })),
  };
}

function listingInForce(listing: ProfileListing, at: number): boolean {
  if (listing.status !== 'listed') return false;
  if (listing.effectiveFrom && at < instant(listing.effectiveFrom)) return false;
  return !(listing.effectiveUntil && at >= instant(listing.effectiveUntil));
}

function feedbackOf(alert: ProfileAlert): AlertFeedbackView {
  return {
    alertId: alert.alertId,
    status: alert.status,
    outcome: alert.outcome,
    reason: alert.reason === null ? null : maskPersonIdentifiers(alert.reason),
    dueAt: alert.status === 'open' ? alert.acknowledgeBy : alert.feedbackBy,
    closedAt: alert.closedAt,
  };
}

/** The profile of `state` at instant `at` as `viewer` may see it. */
export function viewProfile(
  state: ProfileState,
  at: number,
  viewer: Viewer,
  measures: ReadonlyMap<string, MeasureInfo> = new Map(),
): ProfileView {
  const classes = new Set(viewer.classes);
  const ordered = Object.values(state.records).sort(
    (a, b) => instant(a.publicFrom) - instant(b.publicFrom) || a.recordId.localeCompare(b.recordId),
  );
  const mayRead = (r: ProfileRecord) => classes.has(r.sharingClass);
  const records: RecordView[] = [];
  const history: RecordView[] = [];
  const visibleIds = new Set<string>();
  for (const record of ordered) {
    if (!mayRead(record)) continue;
    const status = recordStatusAt(record, at);
    if (status === 'published') {
      records.push(recordView(state, record, at));
      visibleIds.add(record.recordId);
    } else if (status !== 'pending_publicity' && (viewer.kind === 'subject' || record.providerOrg === viewer.org)) {
      history.push(recordView(state, record, at));
      visibleIds.add(record.recordId);
    }
  }
  const listings = Object.values(state.listings)
    // A proposal becomes visible with its notice (告知): the listing shape has no `proposed` status (PRODUCT.md §4).
    .filter((l) => l.status !== 'proposed')
    .sort((a, b) => a.listingId.localeCompare(b.listingId));
  const listTypeOf = new Map(listings.map((l) => [l.listingId, l]));

  const byMeasure = new Map<string, { apply?: ProfileAlert; release?: ProfileAlert }>();
  for (const alert of Object.values(state.alerts).sort((a, b) => a.alertId.localeCompare(b.alertId))) {
    const key = `${alert.listingId}\u0000${alert.measureId}\u0000${alert.org}`;
    const entry = byMeasure.get(key) ?? {};
    entry[alert.kind] = alert;
    byMeasure.set(key, entry);
  }
  const measuresInForce: MeasureInForceView[] = [];
  for (const { apply, release } of byMeasure.values()) {
    if (!apply || apply.outcome === 'not_applicable') continue;
    if (release?.status === 'closed' && release.outcome === 'applied') continue; // the release is confirmed
    const listing = listTypeOf.get(apply.listingId);
    const measure = measures.get(apply.measureId);
    measuresInForce.push({
      listingId: apply.listingId,
      listType: listing?.listType ?? null,
      measureId: apply.measureId,
      content: measure?.content ?? null,
      legalBasis: measure?.legalBasis ?? null,
      org: apply.org,
      feedback: feedbackOf(apply),
      release: release ? feedbackOf(release) : null,
      residualRestriction: listing !== undefined && !listingInForce(listing, at) && listing.status === 'removed',
    });
  }
  return {
    subject: {
      uscc: state.uscc,
      name: state.name ?? '',
      aliases: state.aliases.map((a) => ({ ...a })),
      nonConformingIdentifier: state.nonConformingIdentifier,
    },
    asOf: new Date(at).toISOString(),
    sharingClasses: [...viewer.classes],
    records,
    history,
    grade: state.grade && {
      uscc: state.uscc,
      grade: state.grade.grade,
      score: state.grade.score,
      ruleSetVersion: state.grade.ruleSetVersion,
      asOf: state.grade.asOf,
      // The points stay (the grade must add up); the id of a record this viewer may not read does not.
      reasons: state.grade.reasons.map((r) =>
        r.recordId !== undefined && !visibleIds.has(r.recordId) ? { rule: r.rule, points: r.points, withheld: true } : { ...r },
      ),
    },
    listings: listings.map((l) => ({
      id: l.listingId,
      uscc: state.uscc,
      listType: l.listType,
      status: l.status,
      inForce: listingInForce(l, at),
      ...(l.effectiveFrom ? { effectiveFrom: l.effectiveFrom } : {}),
      ...(l.effectiveUntil ? { effectiveUntil: l.effectiveUntil } : {}),
      legalBasis: l.legalBasis,
      basisRecordIds: l.basisRecordIds.filter((id) => visibleIds.has(id)),
      ...(l.statementWindowEndsAt ? { statementWindowEndsAt: l.statementWindowEndsAt } : {}),
      ...(l.removedAt ? { removedAt: l.removedAt } : {}),
      ...(l.removalCause ? { removalCause: l.removalCause } : {}),
    })),
    measuresInForce,
    objections: Object.values(state.objections)
      .filter((o) => visibleIds.has(o.recordId) || (viewer.kind === 'subject' && o.recordId in state.records))
      .sort((a, b) => instant(a.filedAt) - instant(b.filedAt) || a.objectionId.localeCompare(b.objectionId))
      .map(({ objectionId, ...o }) => ({ id: objectionId, ...o, reason: o.reason && maskPersonIdentifiers(o.reason) })),
    repairs: Object.values(state.repairs)
      .filter((r) => visibleIds.has(r.recordId) || (viewer.kind === 'subject' && r.recordId in state.records))
      .sort((a, b) => instant(a.appliedAt) - instant(b.appliedAt) || a.repairId.localeCompare(b.repairId))
      .map(({ repairId, ...r }) => ({ id: repairId, ...r, reason: r.reason && maskPersonIdentifiers(r.reason) })),
  };
}
