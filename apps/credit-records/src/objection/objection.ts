// Objection (异议, PRODUCT.md §3.3): a subject disputes one record; the record's provider department decides. Its own
// aggregate (ADR 0010): the objection has a life (deadline, overdue, decision) the record does not share, while the
// record only carries the resulting `disputed` flag in its own stream. Pure: state, evolve, one decision per command.
import {
  DomainError,
  OBJECTION_GROUNDS,
  type FieldError,
  type ObjectionGround,
  type WorkingDayCalendar,
} from '@credit-share/contracts';
import type { ObjectionDecided, ObjectionEvent, ObjectionFiled, SubjectRef } from './objection.events';

/**
 * How long the provider has to decide (PRODUCT.md §3.3: 5 working days by default, configurable). Versioned: every
 * objection records the version its deadline was computed with.
 */
export interface ObjectionPolicy {
  readonly version: string;
  readonly decisionWorkingDays: number;
}

export const defaultObjectionPolicy: ObjectionPolicy = { version: 'objection-window-5wd', decisionWorkingDays: 5 };

export function objectionPolicy(decisionWorkingDays: number): ObjectionPolicy {
  return decisionWorkingDays === defaultObjectionPolicy.decisionWorkingDays
    ? defaultObjectionPolicy
    : { version: `objection-window-${decisionWorkingDays}wd`, decisionWorkingDays };
}

type Filed = ObjectionFiled['data'];

export type ObjectionState =
  | { status: 'none' }
  | (Filed & { status: 'pending'; overdue: boolean })
  | (Filed & { status: 'upheld' | 'rejected'; overdue: boolean; decision: ObjectionDecided['data'] });

export const initialState: ObjectionState = { status: 'none' };

export function evolve(state: ObjectionState, event: ObjectionEvent): ObjectionState {
  switch (event.type) {
    case 'ObjectionFiled':
      return { status: 'pending', overdue: false, ...event.data };
    case 'ObjectionOverdue':
      return state.status === 'none' ? state : { ...state, overdue: true };
    case 'ObjectionDecided':
      if (state.status === 'none') return state;
      return { ...state, status: event.data.outcome, decision: event.data };
  }
}

export const objectionAggregate = { initialState, evolve };

export function objectionStreamId(objectionId: string): string {
  return `objection-${objectionId}`;
}

/** What an objection needs to know about the record it disputes (read from the record's stream). */
export interface DisputedRecordFacts {
  recordId: string;
  version: number;
  providerOrg: string;
  /** Null for records about natural persons: those are not open to USCC-holding subjects. */
  subject: SubjectRef | null;
  status: 'published' | 'withdrawn' | 'expired' | 'repaired';
  disputed: boolean;
}

export interface FileObjection {
  objectionId: string;
  recordId: string;
  ground: ObjectionGround;
  statement: string;
  filedBy: 'subject' | 'operator';
  /** The `subject` claim of the caller when it files for itself. */
  callerUscc?: string;
}

export interface ObjectionFacts {
  record: DisputedRecordFacts | null;
  calendar: WorkingDayCalendar;
  policy: ObjectionPolicy;
}

export function decideFile(command: FileObjection, state: ObjectionState, now: Date, facts: ObjectionFacts): ObjectionEvent[] {
  if (state.status !== 'none') {
    if (state.recordId === command.recordId && state.ground === command.ground && state.statement === command.statement.trim()) {
      return [];
    }
    throw DomainError.conflict('OBJECTION.ALREADY_FILED', `objection ${command.objectionId} already exists`);
  }
  const errors: FieldError[] = [];
  if (!(OBJECTION_GROUNDS as readonly string[]).includes(command.ground)) {
    errors.push({ field: 'ground', code: 'UNKNOWN_GROUND', message: `ground must be one of ${OBJECTION_GROUNDS.join(', ')}` });
  }
  if (command.statement.trim().length === 0) {
    errors.push({ field: 'statement', code: 'REQUIRED', message: 'state what is wrong with the record' });
  }
  if (errors.length > 0) throw DomainError.validation('OBJECTION.INVALID', 'the objection has invalid fields', errors);
  const record = facts.record;
  if (!record) throw DomainError.notFound('RECORD.NOT_FOUND', `record ${command.recordId} does not exist`);
  if (command.filedBy === 'subject' && record.subject?.uscc !== command.callerUscc) {
    // Reported as not found: a subject learns nothing about records of other subjects (tenant isolation).
    throw DomainError.notFound('RECORD.NOT_FOUND', `record ${command.recordId} does not exist`);
  }
  if (!record.subject) {
    throw DomainError.ruleViolated('OBJECTION.NO_USCC_SUBJECT', 'objections are filed by subjects with a USCC');
  }
  if (record.status !== 'published') {
    throw DomainError.ruleViolated('OBJECTION.RECORD_NOT_PUBLISHED', `record ${record.recordId} is ${record.status}`);
  }
  if (record.disputed) {
    throw DomainError.conflict('OBJECTION.ALREADY_PENDING', `record ${record.recordId} already has a pending objection`);
  }
  return [
    {
      type: 'ObjectionFiled',
      data: {
        objectionId: command.objectionId,
        recordId: record.recordId,
        recordVersion: record.version,
        providerOrg: record.providerOrg,
        subject: record.subject,
        ground: command.ground,
        statement: command.statement.trim(),
        filedBy: command.filedBy,
        filedAt: now.toISOString(),
        dueAt: facts.calendar.addWorkingDays(now, facts.policy.decisionWorkingDays).toISOString(),
        policyVersion: facts.policy.version,
      },
    },
  ];
}

export interface DecideObjection {
  objectionId: string;
  outcome: 'upheld' | 'rejected';
  resolution?: 'corrected' | 'withdrawn';
  /** For `upheld` + `corrected`: whether corrected fields came with the decision. */
  hasCorrection: boolean;
  reason: string;
  decidedBy: { user: string; org: string };
}

export function decideDecision(command: DecideObjection, state: ObjectionState, now: Date): ObjectionEvent[] {
  if (state.status === 'none') {
    throw DomainError.notFound('OBJECTION.NOT_FOUND', `objection ${command.objectionId} does not exist`);
  }
  if (command.decidedBy.org !== state.providerOrg) {
    // Only the record's own provider department decides (PRODUCT.md §3.3); to anyone else the objection does not exist.
    throw DomainError.notFound('OBJECTION.NOT_FOUND', `objection ${command.objectionId} does not exist`);
  }
  const errors: FieldError[] = [];
  if (command.outcome === 'upheld' && !command.resolution) {
    errors.push({
      field: 'resolution',
      code: 'REQUIRED',
      message: 'an upheld objection says whether the record is corrected or withdrawn',
    });
  }
  if (command.outcome === 'rejected' && command.resolution) {
    errors.push({ field: 'resolution', code: 'NOT_ALLOWED', message: 'a rejected objection leaves the record as it is' });
  }
  if (command.outcome === 'upheld' && command.resolution === 'corrected' && !command.hasCorrection) {
    errors.push({ field: 'correction', code: 'REQUIRED', message: 'a correction needs the corrected fields' });
  }
  if (command.reason.trim().length === 0) {
    errors.push({ field: 'reason', code: 'REQUIRED', message: 'a decision states its reasons' });
  }
  if (errors.length > 0) throw DomainError.validation('OBJECTION.INVALID_DECISION', 'the decision has invalid fields', errors);
  if (state.status !== 'pending') {
    const previous = state.decision;
    if (
      previous.outcome === command.outcome &&
      previous.resolution === command.resolution &&
      previous.reason === command.reason.trim()
    ) {
      return [];
    }
    throw DomainError.conflict('OBJECTION.ALREADY_DECIDED', `objection ${command.objectionId} was already ${state.status}`);
  }
  const decided: ObjectionDecided['data'] = {
    objectionId: state.objectionId,
    recordId: state.recordId,
    providerOrg: state.providerOrg,
    subject: state.subject,
    outcome: command.outcome,
    ...(command.resolution ? { resolution: command.resolution } : {}),
    reason: command.reason.trim(),
    decidedAt: now.toISOString(),
    decidedBy: command.decidedBy,
    late: now.getTime() > Date.parse(state.dueAt),
  };
  return [{ type: 'ObjectionDecided', data: decided }];
}

/** Fired by the objection's durable timer at its deadline: an SLA breach if the provider has not decided. */
export function decideOverdue(state: ObjectionState, now: Date): ObjectionEvent[] {
  if (state.status !== 'pending' || state.overdue) return [];
  if (now.getTime() <= Date.parse(state.dueAt)) return [];
  return [
    {
      type: 'ObjectionOverdue',
      data: {
        objectionId: state.objectionId,
        recordId: state.recordId,
        providerOrg: state.providerOrg,
        subject: state.subject,
        dueAt: state.dueAt,
      },
    },
  ];
}
