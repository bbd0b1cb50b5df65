// The enforcement of one listing as a process manager (ARCHITECTURE.md "Workflows"; ADR 0013): inputs are joint
// supervision's integration events (ListingDecided, ListingRemoved), credit records' RecordRepaired, the enforcers'
// commands (acknowledge, feedback) and durable timers (deadline reached); each `decide…` answers with events, and
// `timerCommandsOf` turns those events into the timers to set or cancel. Pure: time, calendar, policy and the
// memoranda's measures are arguments.
//
// PRODUCT.md §3.6: on `listed`, one alert per (implementing organisation, measure); acknowledge within 1 working day,
// feedback within 5 (defaults); overdue escalates to the operator; on removal every organisation that applied a measure
// gets a release alert it must confirm, and until then the subject carries a residual restriction.
import {
  DomainError,
  PLATFORM_ORGANIZATION_ID,
  type AlertKind,
  type AlertOutcome,
  type ListingDecidedV1,
  type ListingRemovedV1,
  type ListType,
  type WorkingDayCalendar,
} from '@credit-share/contracts';
import { createHash } from 'node:crypto';
import type { DeadlineStage, EnforcementEvent } from './enforcement.events';

export interface AlertState {
  alertId: string;
  org: string;
  measureId: string;
  measureVersion: number;
  kind: AlertKind;
  issuedAt: string;
  acknowledgeBy: string;
  feedbackBy: string;
  releases?: string;
  acknowledgedAt?: string;
  closed?: { outcome: AlertOutcome; reason: string; closedAt: string };
  withdrawn?: { reason: string; withdrawnAt: string };
  overdue: DeadlineStage[];
}

export type EnforcementState =
  | { status: 'none' }
  | {
      status: 'listed' | 'removed';
      listingId: string;
      uscc: string;
      listType: ListType;
      basisRecordIds: string[];
      repairedRecordIds: string[];
      alerts: Record<string, AlertState>;
    };

export const initialState: EnforcementState = { status: 'none' };

export function evolve(state: EnforcementState, event: EnforcementEvent): EnforcementState {
  if (event.type === 'ListingEnforced') {
    const d = event.data;
    return {
      status: 'listed',
      listingId: d.listingId,
      uscc: d.uscc,
      listType: d.listType,
      basisRecordIds: d.basisRecordIds,
      repairedRecordIds: [],
      alerts: {},
    };
  }
  if (state.status === 'none') return state;
  const update = (alertId: string, change: (a: AlertState) => AlertState): EnforcementState => {
    const alert = state.alerts[alertId];
    return alert ? { ...state, alerts: { ...state.alerts, [alertId]: change(alert) } } : state;
  };
  switch (event.type) {
    case 'AlertIssued': {
      const d = event.data;
      const alert: AlertState = {
        alertId: d.alertId,
        org: d.org,
        measureId: d.measureId,
        measureVersion: d.measureVersion,
        kind: d.kind,
        issuedAt: d.issuedAt,
        acknowledgeBy: d.acknowledgeBy,
        feedbackBy: d.feedbackBy,
        ...(d.releases ? { releases: d.releases } : {}),
        overdue: [],
      };
      return { ...state, alerts: { ...state.alerts, [d.alertId]: alert } };
    }
    case 'AlertAcknowledged':
      return update(event.data.alertId, (a) => ({ ...a, acknowledgedAt: event.data.acknowledgedAt }));
    case 'AlertClosed': {
      const { outcome, reason, closedAt } = event.data;
      return update(event.data.alertId, (a) => ({ ...a, closed: { outcome, reason, closedAt } }));
    }
    case 'AlertOverdue':
      return update(event.data.alertId, (a) => ({ ...a, overdue: [...a.overdue, event.data.stage] }));
    case 'AlertWithdrawn': {
      const { reason, withdrawnAt } = event.data;
      return update(event.data.alertId, (a) => ({ ...a, withdrawn: { reason, withdrawnAt } }));
    }
    case 'BasisRecordRepaired':
      return { ...state, repairedRecordIds: [...state.repairedRecordIds, event.data.recordId] };
    case 'ListingEnforcementEnded':
      return { ...state, status: 'removed' };
  }
}

export const enforcementAggregate = { initialState, evolve };

export function enforcementStreamOf(listingId: string): string {
  return `enforcement-${listingId}`;
}

/** Stable per (listing, measure, organisation, kind): a replayed input can only ever name the same alert. */
export function alertIdOf(listingId: string, measureId: string, org: string, kind: AlertKind): string {
  const h = createHash('sha256').update(`${listingId}\n${measureId}\n${org}\n${kind}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed' | 'overdue';

/** The alert's status of PRODUCT.md §4; a withdrawn alert is closed. */
export function alertStatusOf(alert: Pick<AlertState, 'closed' | 'withdrawn' | 'overdue' | 'acknowledgedAt'>): AlertStatus {
  if (alert.closed || alert.withdrawn) return 'closed';
  if (alert.overdue.includes('feedback') || (alert.overdue.includes('acknowledgement') && !alert.acknowledgedAt))
    return 'overdue';
  return alert.acknowledgedAt ? 'acknowledged' : 'open';
}

/** The deadline the organisation is working to now. */
export function dueAtOf(alert: Pick<AlertState, 'acknowledgedAt' | 'acknowledgeBy' | 'feedbackBy'>): string {
  return alert.acknowledgedAt ? alert.feedbackBy : alert.acknowledgeBy;
}

/** Versioned policy (PRODUCT.md §3: numbers are defaults); the version is recorded with nothing yet but configuration. */
export interface AlertPolicy {
  acknowledgeWorkingDays: number;
  feedbackWorkingDays: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = { acknowledgeWorkingDays: 1, feedbackWorkingDays: 5 };

/** A measure of a memorandum for the list type, as the memoranda stand when the decision arrives. */
export interface MeasureFact {
  measureId: string;
  measureVersion: number;
  org: string;
}

export interface Context {
  now: Date;
  calendar: WorkingDayCalendar;
  policy: AlertPolicy;
}

function deadlines(ctx: Context): { issuedAt: string; acknowledgeBy: string; feedbackBy: string } {
  return {
    issuedAt: ctx.now.toISOString(),
    acknowledgeBy: ctx.calendar.addWorkingDays(ctx.now, ctx.policy.acknowledgeWorkingDays).toISOString(),
    feedbackBy: ctx.calendar.addWorkingDays(ctx.now, ctx.policy.feedbackWorkingDays).toISOString(),
  };
}

// ---- inputs from other services ---------------------------------------------------------------------------------

/** `listed` issues one alert per (organisation, measure) of the memoranda; a replayed decision issues nothing. */
export function decideOnListingDecided(
  decision: ListingDecidedV1,
  state: EnforcementState,
  measures: readonly MeasureFact[],
  ctx: Context,
): EnforcementEvent[] {
  if (decision.outcome !== 'listed' || state.status !== 'none') return [];
  const events: EnforcementEvent[] = [
    {
      type: 'ListingEnforced',
      data: {
        listingId: decision.listingId,
        uscc: decision.uscc,
        listType: decision.listType,
        legalBasis: decision.legalBasis,
        reason: decision.reason,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
        basisRecordIds: decision.basisRecordIds,
        ...(decision.effectiveUntil ? { effectiveUntil: decision.effectiveUntil } : {}),
      },
    },
  ];
  const due = deadlines(ctx);
  const seen = new Set<string>();
  for (const m of measures) {
    const key = `${m.org}\n${m.measureId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push({
      type: 'AlertIssued',
      data: {
        alertId: alertIdOf(decision.listingId, m.measureId, m.org, 'apply'),
        listingId: decision.listingId,
        uscc: decision.uscc,
        measureId: m.measureId,
        measureVersion: m.measureVersion,
        org: m.org,
        kind: 'apply',
        listType: decision.listType,
        ...due,
      },
    });
  }
  return events;
}

/** Removal (expiry, repair, decision): a release alert to every organisation that applied a measure. */
export function decideOnListingRemoved(
  removal: Pick<ListingRemovedV1, 'cause' | 'reason' | 'removedAt'>,
  state: EnforcementState,
  ctx: Context,
): EnforcementEvent[] {
  if (state.status !== 'listed') return [];
  const events: EnforcementEvent[] = [
    {
      type: 'ListingEnforcementEnded',
      data: {
        listingId: state.listingId,
        uscc: state.uscc,
        listType: state.listType,
        cause: removal.cause,
        reason: removal.reason,
        removedAt: removal.removedAt,
      },
    },
  ];
  const due = deadlines(ctx);
  for (const alert of Object.values(state.alerts)) {
    if (alert.kind !== 'apply' || alert.withdrawn) continue;
    const ref = { listingId: state.listingId, uscc: state.uscc, measureId: alert.measureId, org: alert.org };
    if (alert.closed?.outcome === 'applied') {
      events.push({
        type: 'AlertIssued',
        data: {
          ...ref,
          alertId: alertIdOf(state.listingId, alert.measureId, alert.org, 'release'),
          kind: 'release',
          measureVersion: alert.measureVersion,
          listType: state.listType,
          releases: alert.alertId,
          ...due,
        },
      });
    } else if (!alert.closed) {
      events.push({
        type: 'AlertWithdrawn',
        data: {
          ...ref,
          alertId: alert.alertId,
          kind: 'apply',
          reason: `listing removed (${removal.cause}) before feedback: nothing to apply`,
          withdrawnAt: ctx.now.toISOString(),
        },
      });
    }
  }
  return events;
}

/** A basis record repaired: once every basis record is, the listing's measures are released (PRODUCT.md §3.3). */
export function decideOnRecordRepaired(
  repaired: { recordId: string; repairedAt: string },
  state: EnforcementState,
  ctx: Context,
): EnforcementEvent[] {
  if (state.status !== 'listed') return [];
  if (!state.basisRecordIds.includes(repaired.recordId) || state.repairedRecordIds.includes(repaired.recordId)) return [];
  const event: EnforcementEvent = {
    type: 'BasisRecordRepaired',
    data: { listingId: state.listingId, uscc: state.uscc, recordId: repaired.recordId, repairedAt: repaired.repairedAt },
  };
  const allRepaired = state.basisRecordIds.every((id) => id === repaired.recordId || state.repairedRecordIds.includes(id));
  if (!allRepaired) return [event];
  return [
    event,
    ...decideOnListingRemoved(
      { cause: 'repaired', reason: 'every basis record was repaired', removedAt: repaired.repairedAt },
      state,
      ctx,
    ),
  ];
}

// ---- commands of the implementing organisation ----------------------------------------------------------------------

export interface AcknowledgeAlert {
  alertId: string;
  /** The caller's organisation: only the alert's own organisation acknowledges it. */
  org: string;
  user: string;
}

export interface ReportFeedback {
  alertId: string;
  org: string;
  user: string;
  outcome: AlertOutcome;
  reason: string;
}

function alertOf(state: EnforcementState, alertId: string, org: string): AlertState {
  const alert = state.status === 'none' ? undefined : state.alerts[alertId];
  // Another organisation's alert is reported as not found: its existence is not the caller's business.
  if (!alert || alert.org !== org) throw DomainError.notFound('ALERT.NOT_FOUND', `alert "${alertId}" not found`);
  return alert;
}

function refOf(state: EnforcementState, alert: AlertState) {
  if (state.status === 'none') throw new Error('unreachable');
  return {
    alertId: alert.alertId,
    listingId: state.listingId,
    uscc: state.uscc,
    measureId: alert.measureId,
    org: alert.org,
    kind: alert.kind,
  };
}

export function decideAcknowledge(command: AcknowledgeAlert, state: EnforcementState, now: Date): EnforcementEvent[] {
  const alert = alertOf(state, command.alertId, command.org);
  if (alert.withdrawn) throw DomainError.conflict('ALERT.WITHDRAWN', 'the alert was withdrawn: the listing ended first');
  if (alert.acknowledgedAt || alert.closed) return [];
  return [{ type: 'AlertAcknowledged', data: { ...refOf(state, alert), acknowledgedAt: now.toISOString(), user: command.user } }];
}

export function decideFeedback(command: ReportFeedback, state: EnforcementState, now: Date): EnforcementEvent[] {
  const alert = alertOf(state, command.alertId, command.org);
  const reason = command.reason.trim();
  if (reason === '') {
    throw DomainError.validation('ALERT.REASON_REQUIRED', 'feedback needs a reason', [
      { field: 'reason', code: 'REQUIRED', message: 'say why' },
    ]);
  }
  if (alert.kind === 'release' && command.outcome !== 'applied') {
    throw DomainError.validation('ALERT.RELEASE_NEEDS_CONFIRMATION', 'a release alert is closed by confirming it (applied)', [
      { field: 'outcome', code: 'RELEASE_CONFIRMS', message: 'a release is confirmed with outcome "applied"' },
    ]);
  }
  if (alert.withdrawn) throw DomainError.conflict('ALERT.WITHDRAWN', 'the alert was withdrawn: the listing ended first');
  if (alert.closed) {
    if (alert.closed.outcome === command.outcome && alert.closed.reason === reason) return [];
    throw DomainError.conflict('ALERT.ALREADY_CLOSED', `the alert was closed with feedback "${alert.closed.outcome}"`);
  }
  if (!alert.acknowledgedAt) {
    throw DomainError.ruleViolated('ALERT.NOT_ACKNOWLEDGED', 'acknowledge the alert before reporting feedback');
  }
  return [
    {
      type: 'AlertClosed',
      data: { ...refOf(state, alert), outcome: command.outcome, reason, closedAt: now.toISOString(), user: command.user },
    },
  ];
}

// ---- timers --------------------------------------------------------------------------------------------------------

export interface DeadlineReached {
  /** The alerts of this kind issued together (same deadlines) whose deadline of this stage has come. */
  kind: AlertKind;
  stage: DeadlineStage;
}

/**
 * A deadline passed: every alert of the kind still without the step it guards is overdue, escalated to the platform
 * operator. Alerts issued together share their deadlines, so one timer per (listing, kind, stage) covers them all.
 */
export function decideDeadline(command: DeadlineReached, state: EnforcementState, now: Date): EnforcementEvent[] {
  if (state.status === 'none') return [];
  const events: EnforcementEvent[] = [];
  for (const alert of Object.values(state.alerts)) {
    if (alert.kind !== command.kind || alert.closed || alert.withdrawn || alert.overdue.includes(command.stage)) continue;
    if (command.stage === 'acknowledgement' && alert.acknowledgedAt) continue;
    const dueAt = command.stage === 'acknowledgement' ? alert.acknowledgeBy : alert.feedbackBy;
    if (now.getTime() <= new Date(dueAt).getTime()) continue;
    events.push({
      type: 'AlertOverdue',
      data: { ...refOf(state, alert), stage: command.stage, dueAt, escalatedTo: PLATFORM_ORGANIZATION_ID },
    });
  }
  return events;
}

export interface TimerCommand {
  timerId: string;
  listingId: string;
  kind: AlertKind;
  stage: DeadlineStage;
  dueAt: string;
}

export function deadlineTimerId(listingId: string, kind: AlertKind, stage: DeadlineStage): string {
  return `alert-${stage}:${listingId}:${kind}`;
}

/**
 * The durable timers the events call for: when alerts are issued, one per (listing, kind, stage), just after the
 * deadline's last instant (23:59:59.999 CST of the last working day). A deadline met by every alert needs no
 * cancelling: the timer then finds nothing overdue.
 */
export function timerCommandsOf(events: readonly EnforcementEvent[]): TimerCommand[] {
  const commands = new Map<string, TimerCommand>();
  for (const event of events) {
    if (event.type !== 'AlertIssued') continue;
    const d = event.data;
    for (const stage of ['acknowledgement', 'feedback'] as const) {
      const timerId = deadlineTimerId(d.listingId, d.kind, stage);
      const deadline = new Date(stage === 'acknowledgement' ? d.acknowledgeBy : d.feedbackBy).getTime() + 1;
      const existing = commands.get(timerId);
      if (existing && new Date(existing.dueAt).getTime() >= deadline) continue;
      commands.set(timerId, { timerId, listingId: d.listingId, kind: d.kind, stage, dueAt: new Date(deadline).toISOString() });
    }
  }
  return [...commands.values()];
}
