// A subject's credit profile (PRODUCT.md §3.7) as a fold of the integration events of every service about it. The
// same `evolve` builds the live read model (profiles table) and the as-of view (the stored history up to an
// instant, ADR 0014), so the two cannot drift in meaning. Nothing here reads a clock: "in publicity" and "in force"
// are computed by `viewProfile` for the instant asked about (PRODUCT.md §3.2: never a stale flag).
import type {
  AlertAcknowledgedV1,
  AlertClosedV1,
  AlertIssuedV1,
  AlertKind,
  AlertOutcome,
  AlertOverdueV1,
  CreditRecordV1,
  GradeChangedV1,
  GradeReasonV1,
  IntegrationEvent,
  ListingDecidedV1,
  ListingNoticedV1,
  ListingProposedV1,
  ListingRemovedV1,
  ListingWindowWaivedV1,
  ListType,
  ObjectionDecidedV1,
  ObjectionFiledV1,
  ObjectionGround,
  ObjectionOverdueV1,
  RecordDetailsV1,
  RecordExpiredV1,
  RecordRepairedV1,
  RecordStatus,
  RecordWithdrawnV1,
  RepairAppliedV1,
  RepairDecidedV1,
  Severity,
  SharingClass,
  SubjectAliasV1,
  SubjectRegisteredV1,
} from '@credit-share/contracts';

/** Integration event types that are about one subject and shape its profile. */
export const PROFILE_EVENT_TYPES = [
  'SubjectRegistered',
  'RecordPublished',
  'RecordCorrected',
  'RecordWithdrawn',
  'RecordExpired',
  'RecordRepaired',
  'ObjectionFiled',
  'ObjectionDecided',
  'ObjectionOverdue',
  'RepairApplied',
  'RepairDecided',
  'GradeChanged',
  'ListingProposed',
  'ListingNoticed',
  'ListingWindowWaived',
  'ListingDecided',
  'ListingRemoved',
  'AlertIssued',
  'AlertAcknowledged',
  'AlertClosed',
  'AlertOverdue',
] as const;

export interface ProfileRecord {
  recordId: string;
  version: number;
  kind: string;
  sharingClass: SharingClass;
  marketCredit: boolean;
  providerOrg: string;
  severity: Severity | null;
  details: RecordDetailsV1;
  publicFrom: string;
  publicUntil: string | null;
  repairableFrom: string | null;
  disputed: boolean;
  /** As the producer last stated it; `published` may still be over by date (see `recordStatusAt`). */
  status: RecordStatus;
  statusAt: string | null;
  statusReason: string | null;
  publishedAt: string;
  corrections: { version: number; reason: string; at: string }[];
}

export type ListingStatus = 'proposed' | 'noticed' | 'listed' | 'not_listed' | 'removed';

export interface ProfileListing {
  listingId: string;
  listType: ListType;
  status: ListingStatus;
  basisRecordIds: string[];
  legalBasis: string;
  proposedAt: string | null;
  noticedAt: string | null;
  statementWindowEndsAt: string | null;
  windowWaived: boolean;
  decidedAt: string | null;
  reason: string | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  removedAt: string | null;
  removalCause: ListingRemovedV1['cause'] | null;
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed' | 'overdue';

export interface ProfileAlert {
  alertId: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: AlertKind;
  status: AlertStatus;
  issuedAt: string | null;
  acknowledgeBy: string | null;
  feedbackBy: string | null;
  acknowledgedAt: string | null;
  outcome: AlertOutcome | null;
  reason: string | null;
  closedAt: string | null;
  overdueStage: AlertOverdueV1['stage'] | null;
}

export interface ProfileObjection {
  objectionId: string;
  recordId: string;
  providerOrg: string;
  ground: ObjectionGround;
  filedBy: 'subject' | 'operator';
  filedAt: string;
  dueAt: string;
  status: 'pending' | 'upheld' | 'rejected';
  overdue: boolean;
  resolution: 'corrected' | 'withdrawn' | null;
  reason: string | null;
  decidedAt: string | null;
}

export interface ProfileRepair {
  repairId: string;
  recordId: string;
  providerOrg: string;
  appliedAt: string;
  dueAt: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  decidedAt: string | null;
}

export interface ProfileGrade {
  grade: GradeChangedV1['grade'];
  score: number;
  ruleSetVersion: number;
  asOf: string;
  reasons: GradeReasonV1[];
}

export interface ProfileState {
  uscc: string;
  name: string | null;
  aliases: SubjectAliasV1[];
  nonConformingIdentifier: boolean;
  registered: boolean;
  records: Record<string, ProfileRecord>;
  grade: ProfileGrade | null;
  listings: Record<string, ProfileListing>;
  alerts: Record<string, ProfileAlert>;
  objections: Record<string, ProfileObjection>;
  repairs: Record<string, ProfileRepair>;
  /** Events folded, and the latest occurrence among them: the row's own provenance. */
  events: number;
  lastOccurredAt: string | null;
}

export function initialProfile(uscc: string): ProfileState {
  return {
    uscc,
    name: null,
    aliases: [],
    nonConformingIdentifier: false,
    registered: false,
    records: {},
    grade: null,
    listings: {},
    alerts: {},
    objections: {},
    repairs: {},
    events: 0,
    lastOccurredAt: null,
  };
}

/** Instants travel as ISO 8601 strings with any offset: compare them as instants, never as text. */
export const instant = (iso: string): number => Date.parse(iso);

const later = (a: string | null, b: string): string => (a === null || instant(b) > instant(a) ? b : a);

/** The next state of a profile. Unknown types leave it as it was (they are not stored either). */
export function evolveProfile(state: ProfileState, event: IntegrationEvent): ProfileState {
  const next = evolveFacts(state, event);
  if (next === state) return state;
  return { ...next, events: state.events + 1, lastOccurredAt: later(state.lastOccurredAt, event.occurredAt) };
}

function evolveFacts(state: ProfileState, event: IntegrationEvent): ProfileState {
  switch (event.type) {
    case 'SubjectRegistered': {
      const d = event.data as SubjectRegisteredV1;
      return {
        ...state,
        name: d.name,
        aliases: mergeAliases(state.aliases, d.aliases),
        nonConformingIdentifier: d.nonConformingIdentifier,
        registered: true,
      };
    }
    case 'RecordPublished':
    case 'RecordCorrected': {
      const d = event.data as CreditRecordV1 & { reason?: string };
      const existing = state.records[d.recordId];
      // Several producers' topics interleave: a late, older version never overwrites a newer one.
      if (existing && existing.version > d.version) return state;
      const corrections =
        event.type === 'RecordCorrected'
          ? [...(existing?.corrections ?? []), { version: d.version, reason: d.reason ?? '', at: event.occurredAt }]
          : (existing?.corrections ?? []);
      const record: ProfileRecord = {
        recordId: d.recordId,
        version: d.version,
        kind: d.kind,
        sharingClass: d.sharingClass,
        marketCredit: d.marketCredit,
        providerOrg: d.providerOrg,
        severity: d.severity,
        details: d.details,
        publicFrom: d.publicFrom,
        publicUntil: d.publicUntil,
        repairableFrom: d.repairableFrom,
        disputed: d.disputed || hasPendingObjection(state, d.recordId),
        status: existing && existing.status !== 'published' ? existing.status : 'published',
        statusAt: existing?.statusAt ?? null,
        statusReason: existing?.statusReason ?? null,
        publishedAt: existing?.publishedAt ?? event.occurredAt,
        corrections,
      };
      return {
        ...state,
        name: state.registered ? state.name : d.subject.name,
        records: { ...state.records, [d.recordId]: record },
      };
    }
    case 'RecordWithdrawn': {
      const d = event.data as RecordWithdrawnV1;
      return withRecord(state, d.recordId, (r) => ({
        ...r,
        status: 'withdrawn',
        statusAt: d.withdrawnAt,
        statusReason: d.reason,
        disputed: d.disputed,
      }));
    }
    case 'RecordExpired': {
      const d = event.data as RecordExpiredV1;
      return withRecord(state, d.recordId, (r) =>
        r.status === 'published' ? { ...r, status: 'expired', statusAt: d.expiredAt, disputed: d.disputed } : r,
      );
    }
    case 'RecordRepaired': {
      const d = event.data as RecordRepairedV1;
      return withRecord(state, d.recordId, (r) => ({
        ...r,
        status: 'repaired',
        statusAt: d.repairedAt,
        statusReason: `repair ${d.repairId}`,
        disputed: d.disputed,
      }));
    }
    case 'ObjectionFiled': {
      const d = event.data as ObjectionFiledV1;
      const objection: ProfileObjection = {
        objectionId: d.objectionId,
        recordId: d.recordId,
        providerOrg: d.providerOrg,
        ground: d.ground,
        filedBy: d.filedBy,
        filedAt: d.filedAt,
        dueAt: d.dueAt,
        status: 'pending',
        overdue: state.objections[d.objectionId]?.overdue ?? false,
        resolution: null,
        reason: null,
        decidedAt: null,
      };
      // The flag appears at once (PRODUCT.md §3.3), whether or not a record event follows.
      const withObjection = { ...state, objections: { ...state.objections, [d.objectionId]: objection } };
      return withRecord(withObjection, d.recordId, (r) => ({ ...r, disputed: true }));
    }
    case 'ObjectionDecided': {
      const d = event.data as ObjectionDecidedV1;
      const existing = state.objections[d.objectionId];
      if (!existing) return state;
      const decided: ProfileObjection = {
        ...existing,
        status: d.outcome,
        resolution: d.resolution ?? null,
        reason: d.reason,
        decidedAt: d.decidedAt,
      };
      const withDecision = { ...state, objections: { ...state.objections, [d.objectionId]: decided } };
      return withRecord(withDecision, d.recordId, (r) => ({ ...r, disputed: hasPendingObjection(withDecision, d.recordId) }));
    }
    case 'ObjectionOverdue': {
      const d = event.data as ObjectionOverdueV1;
      const existing = state.objections[d.objectionId];
      if (!existing) return state;
      return { ...state, objections: { ...state.objections, [d.objectionId]: { ...existing, overdue: true } } };
    }
    case 'RepairApplied': {
      const d = event.data as RepairAppliedV1;
      const repair: ProfileRepair = {
        repairId: d.repairId,
        recordId: d.recordId,
        providerOrg: d.providerOrg,
        appliedAt: d.appliedAt,
        dueAt: d.dueAt,
        status: 'pending',
        reason: null,
        decidedAt: null,
      };
      return { ...state, repairs: { ...state.repairs, [d.repairId]: repair } };
    }
    case 'RepairDecided': {
      const d = event.data as RepairDecidedV1;
      const existing = state.repairs[d.repairId];
      if (!existing) return state;
      return {
        ...state,
        repairs: { ...state.repairs, [d.repairId]: { ...existing, status: d.outcome, reason: d.reason, decidedAt: d.decidedAt } },
      };
    }
    case 'GradeChanged': {
      const d = event.data as GradeChangedV1;
      if (state.grade && instant(state.grade.asOf) > instant(d.asOf)) return state;
      return {
        ...state,
        grade: { grade: d.grade, score: d.score, ruleSetVersion: d.ruleSetVersion, asOf: d.asOf, reasons: d.reasons },
      };
    }
    case 'ListingProposed': {
      const d = event.data as ListingProposedV1;
      return withListing(state, d.listingId, d.listType, (l) => ({
        ...l,
        basisRecordIds: d.basisRecordIds,
        legalBasis: d.legalBasis,
        proposedAt: d.proposedAt,
      }));
    }
    case 'ListingNoticed': {
      const d = event.data as ListingNoticedV1;
      return withListing(state, d.listingId, d.listType, (l) => ({
        ...l,
        status: l.status === 'proposed' ? 'noticed' : l.status,
        basisRecordIds: d.basisRecordIds,
        legalBasis: d.legalBasis,
        noticedAt: d.noticedAt,
        statementWindowEndsAt: d.statementWindowEndsAt,
      }));
    }
    case 'ListingWindowWaived': {
      const d = event.data as ListingWindowWaivedV1;
      return withListing(state, d.listingId, d.listType, (l) => ({ ...l, windowWaived: true }));
    }
    case 'ListingDecided': {
      const d = event.data as ListingDecidedV1;
      return withListing(state, d.listingId, d.listType, (l) => ({
        ...l,
        status: l.status === 'removed' ? 'removed' : d.outcome,
        basisRecordIds: d.basisRecordIds,
        legalBasis: d.legalBasis,
        decidedAt: d.decidedAt,
        reason: d.reason,
        effectiveFrom: d.effectiveFrom ?? null,
        effectiveUntil: d.effectiveUntil ?? null,
      }));
    }
    case 'ListingRemoved': {
      const d = event.data as ListingRemovedV1;
      return withListing(state, d.listingId, d.listType, (l) => ({
        ...l,
        status: 'removed',
        removedAt: d.removedAt,
        removalCause: d.cause,
        reason: d.reason,
      }));
    }
    case 'AlertIssued': {
      const d = event.data as AlertIssuedV1;
      return withAlert(state, d, (a) => ({
        ...a,
        issuedAt: d.issuedAt,
        acknowledgeBy: d.acknowledgeBy,
        feedbackBy: d.feedbackBy,
      }));
    }
    case 'AlertAcknowledged': {
      const d = event.data as AlertAcknowledgedV1;
      return withAlert(state, d, (a) => ({
        ...a,
        status: a.status === 'closed' ? 'closed' : 'acknowledged',
        acknowledgedAt: d.acknowledgedAt,
      }));
    }
    case 'AlertClosed': {
      const d = event.data as AlertClosedV1;
      return withAlert(state, d, (a) => ({ ...a, status: 'closed', outcome: d.outcome, reason: d.reason, closedAt: d.closedAt }));
    }
    case 'AlertOverdue': {
      const d = event.data as AlertOverdueV1;
      return withAlert(state, d, (a) => ({ ...a, status: a.status === 'closed' ? 'closed' : 'overdue', overdueStage: d.stage }));
    }
    default:
      return state;
  }
}

function mergeAliases(current: SubjectAliasV1[], added: SubjectAliasV1[]): SubjectAliasV1[] {
  const seen = new Set(current.map((a) => `${a.scheme}\u0000${a.value}`));
  return [...current, ...added.filter((a) => !seen.has(`${a.scheme}\u0000${a.value}`))];
}

function hasPendingObjection(state: ProfileState, recordId: string): boolean {
  return Object.values(state.objections).some((o) => o.recordId === recordId && o.status === 'pending');
}

function withRecord(state: ProfileState, recordId: string, change: (r: ProfileRecord) => ProfileRecord): ProfileState {
  const record = state.records[recordId];
  if (!record) return state;
  return { ...state, records: { ...state.records, [recordId]: change(record) } };
}

function withListing(
  state: ProfileState,
  listingId: string,
  listType: ListType,
  change: (l: ProfileListing) => ProfileListing,
): ProfileState {
  const listing: ProfileListing = state.listings[listingId] ?? {
    listingId,
    listType,
    status: 'proposed',
    basisRecordIds: [],
    legalBasis: '',
    proposedAt: null,
    noticedAt: null,
    statementWindowEndsAt: null,
    windowWaived: false,
    decidedAt: null,
    reason: null,
    effectiveFrom: null,
    effectiveUntil: null,
    removedAt: null,
    removalCause: null,
  };
  return { ...state, listings: { ...state.listings, [listingId]: change(listing) } };
}

function withAlert(
  state: ProfileState,
  ref: { alertId: string; listingId: string; measureId: string; org: string; kind: AlertKind },
  change: (a: ProfileAlert) => ProfileAlert,
): ProfileState {
  const alert: ProfileAlert = state.alerts[ref.alertId] ?? {
    alertId: ref.alertId,
    listingId: ref.listingId,
    measureId: ref.measureId,
    org: ref.org,
    kind: ref.kind,
    status: 'open',
    issuedAt: null,
    acknowledgeBy: null,
    feedbackBy: null,
    acknowledgedAt: null,
    outcome: null,
    reason: null,
    closedAt: null,
    overdueStage: null,
  };
  return { ...state, alerts: { ...state.alerts, [ref.alertId]: change(alert) } };
}

/** A record's status at an instant: a published record is in publicity only between its dates. */
export function recordStatusAt(record: ProfileRecord, at: number): RecordStatus | 'pending_publicity' {
  if (record.status !== 'published') return record.status;
  if (at < instant(record.publicFrom)) return 'pending_publicity';
  if (record.publicUntil !== null && at >= instant(record.publicUntil)) return 'expired';
  return 'published';
}

/** Folds a subject's stored history (in stored order) up to and including `at`: the profile as it stood then. */
export function profileAsOf(uscc: string, history: readonly IntegrationEvent[], at: number): ProfileState {
  let state = initialProfile(uscc);
  for (const event of history) if (instant(event.occurredAt) <= at) state = evolveProfile(state, event);
  return state;
}
