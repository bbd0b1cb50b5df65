// Credit record: one fact about a subject from one provider, in one catalogue item (PRODUCT.md §3.2). Pure: state,
// evolve, one decision per command. Lifecycle: published → (corrected: a new version, history kept) → withdrawn |
// expired | repaired. Whether a record is "in publicity" is computed for the instant asked about (inPublicity),
// never kept as a flag. A pending objection sets `disputed` (markDisputed / clearDisputed, called by objections).
import { DomainError, type RecordDetailsV1, type Severity } from '@credit-share/contracts';
import { publicFrom, publicUntil, publicityPolicy, repairEligibleFrom, type PublicityPolicy } from '../calendar/publicity-period';
import type { RecordEvent, RecordPublished, RecordReference, RecordSubject, RecordVersionData } from './record.events';

export type RecordStatus = 'published' | 'withdrawn' | 'expired' | 'repaired';

export interface RecordFacts {
  recordId: string;
  kind: string;
  catalogueVersion: number;
  sharingClass: RecordPublished['data']['sharingClass'];
  marketCredit: boolean;
  providerOrg: string;
  subject: RecordSubject;
  submittedAt: string;
  current: RecordVersionData;
  /** Every version, oldest first (the current one last). */
  history: RecordVersionData[];
  /** Open objections against the record. */
  disputes: string[];
  /** When publicity ended before its period ran out (withdrawal, repair). */
  endedAt: string | null;
  withdrawal?: { reason: string; at: string; objectionId?: string };
  repair?: { repairId: string; at: string };
  expiredAt?: string;
}

export type RecordState = { status: 'none' } | ({ status: RecordStatus } & RecordFacts);

export const initialState: RecordState = { status: 'none' };

export function evolve(state: RecordState, event: RecordEvent): RecordState {
  switch (event.type) {
    case 'RecordPublished': {
      const { version, severity, details, publicFrom, publicUntil, repairableFrom, ...facts } = event.data;
      const current = { version, severity, details, publicFrom, publicUntil, repairableFrom };
      return { status: 'published', ...facts, current, history: [current], disputes: [], endedAt: null };
    }
    case 'RecordCorrected': {
      if (state.status === 'none') return state;
      const { version, severity, details, publicFrom, publicUntil, repairableFrom, subjectName } = event.data;
      const current = { version, severity, details, publicFrom, publicUntil, repairableFrom };
      return { ...state, subject: { ...state.subject, name: subjectName }, current, history: [...state.history, current] };
    }
    case 'RecordWithdrawn':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'withdrawn',
        endedAt: state.endedAt ?? event.data.withdrawnAt,
        withdrawal: {
          reason: event.data.reason,
          at: event.data.withdrawnAt,
          ...(event.data.objectionId ? { objectionId: event.data.objectionId } : {}),
        },
      };
    case 'RecordExpired':
      if (state.status === 'none') return state;
      return { ...state, status: 'expired', expiredAt: event.data.expiredAt };
    case 'RecordRepaired':
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'repaired',
        endedAt: event.data.repairedAt,
        repair: { repairId: event.data.repairId, at: event.data.repairedAt },
      };
    case 'RecordDisputed':
      if (state.status === 'none' || state.disputes.includes(event.data.objectionId)) return state;
      return { ...state, disputes: [...state.disputes, event.data.objectionId] };
    case 'RecordDisputeCleared':
      if (state.status === 'none') return state;
      return { ...state, disputes: state.disputes.filter((id) => id !== event.data.objectionId) };
  }
}

export const recordAggregate = { initialState, evolve };

export function streamIdOf(recordId: string): string {
  return `record-${recordId}`;
}

export function isDisputed(state: RecordState): boolean {
  return state.status !== 'none' && state.disputes.length > 0;
}

/** The publicity a version implies: from the decision day, until the end of its severity's period (if adverse). */
export function publicityOf(
  decisionDate: string,
  severity: Severity | null,
  policy: PublicityPolicy = publicityPolicy,
): Pick<RecordVersionData, 'publicFrom' | 'publicUntil' | 'repairableFrom'> {
  if (severity === null) {
    return { publicFrom: startOfDay(decisionDate), publicUntil: null, repairableFrom: null };
  }
  const from = publicFrom(decisionDate, severity, policy);
  const until = publicUntil(decisionDate, severity, policy);
  const repairable = repairEligibleFrom(decisionDate, severity, policy);
  // A severity the policy does not publicise at all: the record is kept, with an empty publicity interval.
  const start = from ?? new Date(startOfDay(decisionDate));
  return {
    publicFrom: start.toISOString(),
    publicUntil: (until ?? start).toISOString(),
    repairableFrom: repairable?.toISOString() ?? null,
  };
}

function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/**
 * Whether the record is in publicity at `asOf`, from its dates alone: publicity began, its period has not run out,
 * and it did not end early (withdrawal, repair) at or before `asOf`. A status written by a timer that has not fired
 * yet never matters here.
 */
export function inPublicity(state: RecordState, asOf: Date): boolean {
  if (state.status === 'none') return false;
  const t = asOf.getTime();
  if (t < Date.parse(state.current.publicFrom)) return false;
  if (state.current.publicUntil !== null && t >= Date.parse(state.current.publicUntil)) return false;
  if (state.endedAt !== null && t >= Date.parse(state.endedAt)) return false;
  return true;
}

/** The status a record has at `asOf` by its dates (a record not yet expired by its timer is expired by date). */
export function statusAt(state: RecordState, asOf: Date): RecordStatus | 'none' {
  if (state.status === 'none') return 'none';
  const t = asOf.getTime();
  if (state.withdrawal && t >= Date.parse(state.withdrawal.at)) return 'withdrawn';
  if (state.repair && t >= Date.parse(state.repair.at)) return 'repaired';
  if (state.current.publicUntil !== null && t >= Date.parse(state.current.publicUntil)) return 'expired';
  return 'published';
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions

export interface PublishRecord {
  recordId: string;
  kind: string;
  catalogueVersion: number;
  sharingClass: RecordPublished['data']['sharingClass'];
  marketCredit: boolean;
  providerOrg: string;
  subject: RecordSubject;
  severity: Severity | null;
  details: RecordDetailsV1;
}

/** First version of a record. Publishing an existing record again is a no-op (the idempotency key found it). */
export function decidePublish(command: PublishRecord, state: RecordState, now: Date, policy = publicityPolicy): RecordEvent[] {
  if (state.status !== 'none') return [];
  return [
    {
      type: 'RecordPublished',
      data: {
        recordId: command.recordId,
        version: 1,
        kind: command.kind,
        catalogueVersion: command.catalogueVersion,
        sharingClass: command.sharingClass,
        marketCredit: command.marketCredit,
        providerOrg: command.providerOrg,
        subject: command.subject,
        severity: command.severity,
        details: command.details,
        ...publicityOf(command.details.decisionDate, command.severity, policy),
        submittedAt: now.toISOString(),
      },
    },
  ];
}

export interface CorrectRecord {
  recordId: string;
  providerOrg: string;
  reason: string;
  /** The corrected submission, validated like any other; its subject must be the record's subject. */
  subjectKey: string;
  subjectName: string;
  kind: string;
  severity: Severity | null;
  details: RecordDetailsV1;
}

export function decideCorrect(command: CorrectRecord, state: RecordState, now: Date, policy = publicityPolicy): RecordEvent[] {
  const record = existing(state, command.recordId);
  assertOwner(record, command.providerOrg);
  if (command.reason.trim() === '') {
    throw DomainError.validation('RECORD.INVALID', 'a correction states its reason', [
      { field: 'reason', code: 'REQUIRED', message: 'reason is required' },
    ]);
  }
  if (record.status === 'withdrawn' || record.status === 'repaired') {
    throw DomainError.ruleViolated('RECORD.NOT_CORRECTABLE', `a ${record.status} record cannot be corrected`);
  }
  if (command.subjectKey !== record.subject.key) {
    throw DomainError.validation('RECORD.INVALID', 'a correction cannot change whom the record is about; withdraw it instead', [
      { field: 'subject', code: 'NOT_ALLOWED', message: 'the subject of a record cannot be corrected' },
    ]);
  }
  if (command.kind !== record.kind) {
    throw DomainError.validation('RECORD.INVALID', 'a correction cannot change the catalogue item; withdraw it instead', [
      { field: 'kind', code: 'NOT_ALLOWED', message: 'the kind of a record cannot be corrected' },
    ]);
  }
  if (command.details.decisionDocumentNumber !== record.current.details.decisionDocumentNumber) {
    throw DomainError.validation('RECORD.INVALID', 'the decision document number identifies the record', [
      { field: 'decisionDocumentNumber', code: 'NOT_ALLOWED', message: 'the decision document number cannot be corrected' },
    ]);
  }
  const unchanged =
    command.subjectName === record.subject.name &&
    command.severity === record.current.severity &&
    JSON.stringify(sorted(command.details)) === JSON.stringify(sorted(record.current.details));
  if (unchanged) return [];
  return [
    {
      type: 'RecordCorrected',
      data: {
        ...referenceOf(record),
        subject: { ...record.subject, name: command.subjectName },
        catalogueVersion: record.catalogueVersion,
        sharingClass: record.sharingClass,
        marketCredit: record.marketCredit,
        version: record.current.version + 1,
        severity: command.severity,
        details: command.details,
        ...publicityOf(command.details.decisionDate, command.severity, policy),
        subjectName: command.subjectName,
        reason: command.reason.trim(),
        correctedAt: now.toISOString(),
      },
    },
  ];
}

export interface WithdrawRecord {
  recordId: string;
  /** The provider withdrawing it; null when the objection process withdraws it on the provider's decision. */
  providerOrg: string | null;
  reason: string;
  objectionId?: string;
}

/** The underlying act was revoked: the record stops being shown (PRODUCT.md §3.2). Withdrawing twice is a no-op. */
export function decideWithdraw(command: WithdrawRecord, state: RecordState, now: Date): RecordEvent[] {
  const record = existing(state, command.recordId);
  if (command.providerOrg !== null) assertOwner(record, command.providerOrg);
  if (typeof command.reason !== 'string' || command.reason.trim() === '') {
    throw DomainError.validation('RECORD.INVALID', 'a withdrawal states its reason', [
      { field: 'reason', code: 'REQUIRED', message: 'reason is required' },
    ]);
  }
  if (record.status === 'withdrawn') return [];
  return [
    {
      type: 'RecordWithdrawn',
      data: {
        ...referenceOf(record),
        reason: command.reason.trim(),
        withdrawnAt: now.toISOString(),
        ...(command.objectionId ? { objectionId: command.objectionId } : {}),
      },
    },
  ];
}

/** The expiry timer fired: the record expires if its current publicity period has run out and nothing ended it. */
export function decideExpire(state: RecordState, now: Date): RecordEvent[] {
  if (state.status !== 'published' || state.current.publicUntil === null) return [];
  if (now.getTime() < Date.parse(state.current.publicUntil)) return [];
  return [{ type: 'RecordExpired', data: { ...referenceOf(state), expiredAt: state.current.publicUntil } }];
}

/** Credit repair approved (PRODUCT.md §3.3): publicity ends early. Called by the repair process. */
export function markRepaired(command: { recordId: string; repairId: string }, state: RecordState, now: Date): RecordEvent[] {
  const record = existing(state, command.recordId);
  if (record.status === 'repaired' && record.repair?.repairId === command.repairId) return [];
  if (record.status !== 'published' || !inPublicity(record, now)) {
    throw DomainError.ruleViolated('RECORD.NOT_IN_PUBLICITY', 'only a record in publicity can be repaired');
  }
  if (record.current.repairableFrom === null) {
    throw DomainError.ruleViolated('RECORD.NOT_REPAIRABLE', 'records of this kind and severity cannot be repaired');
  }
  if (now.getTime() < Date.parse(record.current.repairableFrom)) {
    throw DomainError.ruleViolated(
      'RECORD.REPAIR_TOO_EARLY',
      `the minimum publicity period is served at ${record.current.repairableFrom}`,
    );
  }
  return [
    { type: 'RecordRepaired', data: { ...referenceOf(record), repairId: command.repairId, repairedAt: now.toISOString() } },
  ];
}

/** An objection was filed against the record: it is disputed until every open objection is decided. */
export function markDisputed(command: { recordId: string; objectionId: string }, state: RecordState, now: Date): RecordEvent[] {
  const record = existing(state, command.recordId);
  if (record.disputes.includes(command.objectionId)) return [];
  return [
    { type: 'RecordDisputed', data: { recordId: record.recordId, objectionId: command.objectionId, at: now.toISOString() } },
  ];
}

export function clearDisputed(command: { recordId: string; objectionId: string }, state: RecordState, now: Date): RecordEvent[] {
  const record = existing(state, command.recordId);
  if (!record.disputes.includes(command.objectionId)) return [];
  return [
    {
      type: 'RecordDisputeCleared',
      data: { recordId: record.recordId, objectionId: command.objectionId, at: now.toISOString() },
    },
  ];
}

function referenceOf(record: RecordFacts): RecordReference {
  return {
    recordId: record.recordId,
    version: record.current.version,
    kind: record.kind,
    providerOrg: record.providerOrg,
    subject: record.subject,
    disputed: record.disputes.length > 0,
  };
}

function existing(state: RecordState, recordId: string): Exclude<RecordState, { status: 'none' }> {
  if (state.status === 'none') throw DomainError.notFound('RECORD.NOT_FOUND', `record "${recordId}" does not exist`);
  return state;
}

function assertOwner(record: RecordFacts, providerOrg: string): void {
  // Reported as not found: a provider learns nothing about other organisations' records (tenant isolation).
  if (record.providerOrg !== providerOrg) {
    throw DomainError.notFound('RECORD.NOT_FOUND', `record "${record.recordId}" does not exist`);
  }
}

function sorted(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
