// Plumbing of the record lifecycle: read the record's stream → fold → decide → append with the version read (in the
// caller's transaction when given one) → project → keep the expiry timer in step with the record. Objections and
// repairs call `execute` with the decision functions of record.ts (markDisputed, clearDisputed, markRepaired,
// decideWithdraw, decideCorrect) so that their own events and the record's commit together.
import { ORGANIZATION_DIRECTORY, OrganizationDirectory, type Principal } from '@credit-share/auth';
import { DomainError } from '@credit-share/contracts';
import { WrongExpectedVersionError, type Actor, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, SYSTEM_ACTOR, eventMetadata } from '@credit-share/messaging';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CatalogueReader } from '../catalogue/catalogue.repository';
import { IdentifierExceptionsReader } from '../subject/identifier-exceptions.repository';
import { personLookupToken } from '../subject/person-identifier-cipher';
import { PERSON_KEYS, type PersonKeys } from '../subject/person-keys';
import { personSubjectKey } from '../subject/subject.events';
import { decideCorrect, decideExpire, decideWithdraw, recordAggregate, streamIdOf, type RecordState } from './record';
import { RECORD_EXPIRY_TIMER, expiryTimerId, scheduleExpiry } from './record-expiry.scheduler';
import type { RecordEvent } from './record.events';
import { recordsProjection } from './record.projection';
import { validateSubmission } from './record-submission';

export type RecordDecision = (state: RecordState, now: Date) => RecordEvent[];

export interface RecordExecution {
  state: RecordState;
  events: RecordedEvent[];
}

@Injectable()
export class RecordCommands implements OnModuleInit {
  private readonly projection = recordsProjection();

  constructor(
    private readonly runtime: ServiceRuntime,
    @Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory,
    @Inject(PERSON_KEYS) private readonly keys: PersonKeys,
    private readonly catalogue: CatalogueReader,
    private readonly exceptions: IdentifierExceptionsReader,
  ) {}

  onModuleInit(): void {
    this.runtime.timers.on<{ recordId: string }>(RECORD_EXPIRY_TIMER, async (timer, tx) => {
      await this.execute(timer.payload.recordId, decideExpire, SYSTEM_ACTOR, tx);
    });
  }

  /** The record's state now (folded from its stream). */
  async load(recordId: string, runner?: Tx): Promise<RecordState> {
    const history = await this.runtime.store.readStream(streamIdOf(recordId), { runner });
    return history.reduce<RecordState>(
      (s, e) => recordAggregate.evolve(s, e as unknown as RecordEvent),
      recordAggregate.initialState,
    );
  }

  /**
   * Runs one decision against a record. Inside `tx` it appends there (the caller's transaction commits it and
   * retries on WrongExpectedVersionError); without, it runs its own transaction and retries on a version conflict.
   */
  async execute(recordId: string, decide: RecordDecision, actor: Actor, tx?: Tx): Promise<RecordExecution> {
    if (tx) return this.executeIn(tx, recordId, decide, actor);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.runtime.db.transaction((own) => this.executeIn(own, recordId, decide, actor));
        if (outcome.events.length > 0) this.runtime.store.notifyCommitted();
        return outcome;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
        throw error;
      }
    }
  }

  private async executeIn(tx: Tx, recordId: string, decide: RecordDecision, actor: Actor): Promise<RecordExecution> {
    const history = await this.runtime.store.readStream(streamIdOf(recordId), { runner: tx });
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const current = history.reduce<RecordState>(
      (s, e) => recordAggregate.evolve(s, e as unknown as RecordEvent),
      recordAggregate.initialState,
    );
    const decided = decide(current, this.runtime.clock.now());
    if (decided.length === 0) return { state: current, events: [] };
    const next = decided.reduce<RecordState>(recordAggregate.evolve, current);
    const { events } = await this.runtime.store.append(streamIdOf(recordId), version, decided, eventMetadata(actor), tx);
    await this.projection.apply(events, tx);
    await this.syncExpiryTimer(tx, recordId, current, next);
    return { state: next, events };
  }

  private async syncExpiryTimer(tx: Tx, recordId: string, before: RecordState, after: RecordState): Promise<void> {
    if (after.status !== 'published' || after.current.publicUntil === null) {
      if (before.status === 'published') await this.runtime.timers.cancel(tx, expiryTimerId(recordId));
      return;
    }
    const previous = before.status === 'published' ? before.current.publicUntil : null;
    if (previous !== after.current.publicUntil) {
      await scheduleExpiry(tx, [{ recordId, publicUntil: after.current.publicUntil }]);
    }
  }

  /** POST /records/{id}/corrections: the provider's corrected version of its own record, validated like a submission. */
  async correct(recordId: string, body: unknown, principal: Principal): Promise<RecordExecution> {
    const { submission, reason } = splitReason(body);
    const provider = await this.providerOf(principal);
    // Ownership before content: another organisation learns nothing, not even whether its body would be valid.
    const existing = await this.load(recordId);
    if (existing.status === 'none' || existing.providerOrg !== provider.id) {
      throw DomainError.notFound('RECORD.NOT_FOUND', `record "${recordId}" does not exist`);
    }
    const now = this.runtime.clock.now();
    const [catalogue, allowList] = await Promise.all([this.catalogue.inForce(now), this.exceptions.allowList()]);
    const result = validateSubmission(submission, { catalogue, provider, allowList, now });
    if (!result.ok) throw DomainError.validation('RECORD.INVALID', 'the corrected record has invalid fields', result.errors);
    const valid = result.submission;
    const subjectKey =
      valid.subject.category === 'natural_person'
        ? personSubjectKey(personLookupToken(valid.subject.residentId, this.keys.lookupKey))
        : valid.subject.uscc;
    return this.execute(
      recordId,
      (state, at) =>
        decideCorrect(
          {
            recordId,
            providerOrg: provider.id,
            reason,
            subjectKey,
            subjectName: valid.subject.name,
            kind: valid.kind,
            severity: valid.severity,
            details: valid.details,
          },
          state,
          at,
        ),
      { user: principal.user, org: principal.org },
    );
  }

  /** POST /records/{id}/withdrawal: the underlying act was revoked; the reason is required. */
  async withdraw(recordId: string, reason: string, principal: Principal): Promise<RecordExecution> {
    const provider = await this.providerOf(principal);
    return this.execute(recordId, (state, at) => decideWithdraw({ recordId, providerOrg: provider.id, reason }, state, at), {
      user: principal.user,
      org: principal.org,
    });
  }

  private async providerOf(principal: Principal) {
    const provider = await this.directory.find(principal.org);
    if (!provider) throw DomainError.forbidden('AUTH.ORGANIZATION_UNKNOWN', `organisation "${principal.org}" is not registered`);
    return provider;
  }
}

/** A correction is a whole record (RecordSubmissionV1) plus `reason`. */
function splitReason(body: unknown): { submission: unknown; reason: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.validation('RECORD.INVALID', 'a correction is a JSON object', [
      { field: '', code: 'TYPE', message: 'a correction is the whole corrected record plus "reason"' },
    ]);
  }
  const { reason, ...submission } = body as Record<string, unknown>;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw DomainError.validation('RECORD.INVALID', 'a correction states its reason', [
      { field: 'reason', code: 'REQUIRED', message: 'reason is required' },
    ]);
  }
  if (reason.length > 2_000) {
    throw DomainError.validation('RECORD.INVALID', 'the reason is too long', [
      { field: 'reason', code: 'TOO_LONG', message: 'reason has at most 2000 characters' },
    ]);
  }
  return { submission, reason };
}
