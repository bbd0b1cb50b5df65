// Credit repair (信用修复, PRODUCT.md §3.3): after the minimum period of its severity, the subject applies with a
// credit commitment and evidence; the record's provider department decides within 3 working days; on approval the
// record's publicity ends (RecordRepaired in the record's stream). Its own aggregate (ADR 0010). Pure.
//
// Periods follow SAMR Order No. 107 (市场监督管理信用修复管理办法): general violations may apply after 3 months of
// publicity, serious ones after 1 year; light ones are not repairable by application — their publicity just ends.
// Eligibility is the record's `repairableFrom`, computed once by the record from the publicity policy.
import { DomainError, type FieldError, type Severity, type WorkingDayCalendar } from '@credit-share/contracts';
import type { RepairDecided, RepairEvent, SubjectRef } from './repair.events';

/** Time limits of a repair (PRODUCT.md §3.3): decision within 3 working days, feedback within 10 in total. */
export interface RepairPolicy {
  readonly version: string;
  readonly decisionWorkingDays: number;
  readonly feedbackWorkingDays: number;
}

export const defaultRepairPolicy: RepairPolicy = { version: 'repair-3wd-10wd', decisionWorkingDays: 3, feedbackWorkingDays: 10 };

export function repairPolicy(decisionWorkingDays: number, feedbackWorkingDays: number): RepairPolicy {
  if (
    decisionWorkingDays === defaultRepairPolicy.decisionWorkingDays &&
    feedbackWorkingDays === defaultRepairPolicy.feedbackWorkingDays
  ) {
    return defaultRepairPolicy;
  }
  return { version: `repair-${decisionWorkingDays}wd-${feedbackWorkingDays}wd`, decisionWorkingDays, feedbackWorkingDays };
}

type Applied = Extract<RepairEvent, { type: 'RepairApplied' }>['data'];

export type RepairState =
  | { status: 'none' }
  | (Applied & { status: 'pending'; overdue: boolean })
  | (Applied & { status: 'approved' | 'rejected'; overdue: boolean; decision: RepairDecided['data'] });

export const initialState: RepairState = { status: 'none' };

export function evolve(state: RepairState, event: RepairEvent): RepairState {
  switch (event.type) {
    case 'RepairApplied':
      return { status: 'pending', overdue: false, ...event.data };
    case 'RepairDecisionOverdue':
      return state.status === 'none' ? state : { ...state, overdue: true };
    case 'RepairDecided':
      if (state.status === 'none') return state;
      return { ...state, status: event.data.outcome, decision: event.data };
  }
}

export const repairAggregate = { initialState, evolve };

export function repairStreamId(repairId: string): string {
  return `repair-${repairId}`;
}

/** What a repair needs to know about its record (from the record's stream). */
export interface RepairableRecordFacts {
  recordId: string;
  providerOrg: string;
  subject: SubjectRef | null;
  status: 'published' | 'withdrawn' | 'expired' | 'repaired';
  severity: Severity | null;
  /** End of publicity (exclusive); null: no limit. */
  publicUntil: Date | null;
  /** First instant an application is admissible; null: not repairable by application. */
  repairableFrom: Date | null;
}

export interface ApplyForRepair {
  repairId: string;
  recordId: string;
  commitment: string;
  evidence: string[];
  callerUscc: string;
}

export interface RepairFacts {
  record: RepairableRecordFacts | null;
  /** Another application for the same record is still undecided. */
  pendingRepairId: string | null;
  calendar: WorkingDayCalendar;
  policy: RepairPolicy;
}

export function decideApply(command: ApplyForRepair, state: RepairState, now: Date, facts: RepairFacts): RepairEvent[] {
  if (state.status !== 'none') {
    if (state.recordId === command.recordId && state.commitment === command.commitment.trim()) return [];
    throw DomainError.conflict('REPAIR.ALREADY_APPLIED', `repair ${command.repairId} already exists`);
  }
  const evidence = command.evidence.map((e) => e.trim()).filter((e) => e.length > 0);
  const errors: FieldError[] = [];
  if (command.commitment.trim().length === 0) {
    errors.push({ field: 'commitment', code: 'REQUIRED', message: 'an application carries a credit commitment' });
  }
  if (evidence.length === 0) {
    errors.push({
      field: 'evidence',
      code: 'REQUIRED',
      message: 'an application carries evidence that obligations are fulfilled',
    });
  }
  if (errors.length > 0) throw DomainError.validation('REPAIR.INVALID', 'the application has invalid fields', errors);
  const record = facts.record;
  if (!record) throw DomainError.notFound('RECORD.NOT_FOUND', `record ${command.recordId} does not exist`);
  if (!record.subject || record.subject.uscc !== command.callerUscc) {
    // Reported as not found: a subject learns nothing about records of other subjects (tenant isolation).
    throw DomainError.notFound('RECORD.NOT_FOUND', `record ${command.recordId} does not exist`);
  }
  if (record.status !== 'published' || (record.publicUntil !== null && now.getTime() >= record.publicUntil.getTime())) {
    throw DomainError.ruleViolated('REPAIR.RECORD_NOT_IN_PUBLICITY', `record ${record.recordId} is no longer in publicity`);
  }
  if (record.repairableFrom === null) {
    throw DomainError.ruleViolated(
      'REPAIR.NOT_REPAIRABLE',
      `a ${record.severity ?? 'non-adverse'} record is not repairable by application; its publicity ends by itself`,
    );
  }
  if (now.getTime() < record.repairableFrom.getTime()) {
    throw DomainError.ruleViolated(
      'REPAIR.NOT_YET_ELIGIBLE',
      `the minimum period for a ${record.severity} record is served at ${record.repairableFrom.toISOString()}`,
    );
  }
  if (facts.pendingRepairId !== null) {
    throw DomainError.conflict('REPAIR.ALREADY_PENDING', `repair ${facts.pendingRepairId} for this record is still undecided`);
  }
  return [
    {
      type: 'RepairApplied',
      data: {
        repairId: command.repairId,
        recordId: record.recordId,
        providerOrg: record.providerOrg,
        subject: record.subject,
        severity: record.severity,
        commitment: command.commitment.trim(),
        evidence,
        appliedAt: now.toISOString(),
        dueAt: facts.calendar.addWorkingDays(now, facts.policy.decisionWorkingDays).toISOString(),
        feedbackDueAt: facts.calendar.addWorkingDays(now, facts.policy.feedbackWorkingDays).toISOString(),
        policyVersion: facts.policy.version,
      },
    },
  ];
}

export interface DecideRepair {
  repairId: string;
  outcome: 'approved' | 'rejected';
  reason: string;
  decidedBy: { user: string; org: string };
}

export function decideDecision(command: DecideRepair, state: RepairState, now: Date): RepairEvent[] {
  if (state.status === 'none') throw DomainError.notFound('REPAIR.NOT_FOUND', `repair ${command.repairId} does not exist`);
  if (command.decidedBy.org !== state.providerOrg) {
    // Only the record's provider decides; to anyone else the application does not exist.
    throw DomainError.notFound('REPAIR.NOT_FOUND', `repair ${command.repairId} does not exist`);
  }
  if (command.reason.trim().length === 0) {
    throw DomainError.validation('REPAIR.INVALID_DECISION', 'the decision has invalid fields', [
      { field: 'reason', code: 'REQUIRED', message: 'a decision states its reasons' },
    ]);
  }
  if (state.status !== 'pending') {
    if (state.decision.outcome === command.outcome && state.decision.reason === command.reason.trim()) return [];
    throw DomainError.conflict('REPAIR.ALREADY_DECIDED', `repair ${command.repairId} was already ${state.status}`);
  }
  return [
    {
      type: 'RepairDecided',
      data: {
        repairId: state.repairId,
        recordId: state.recordId,
        providerOrg: state.providerOrg,
        subject: state.subject,
        outcome: command.outcome,
        reason: command.reason.trim(),
        decidedAt: now.toISOString(),
        decidedBy: command.decidedBy,
        late: now.getTime() > Date.parse(state.dueAt),
      },
    },
  ];
}

/** Fired by the repair's durable timer at its decision deadline. */
export function decideOverdue(state: RepairState, now: Date): RepairEvent[] {
  if (state.status !== 'pending' || state.overdue) return [];
  if (now.getTime() <= Date.parse(state.dueAt)) return [];
  return [
    {
      type: 'RepairDecisionOverdue',
      data: {
        repairId: state.repairId,
        recordId: state.recordId,
        providerOrg: state.providerOrg,
        subject: state.subject,
        dueAt: state.dueAt,
      },
    },
  ];
}
